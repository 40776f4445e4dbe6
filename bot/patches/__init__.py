"""Every patch of Rasa internals, installed by one `install()`.

Each patch replaces a Rasa 3.6.21 function whose behaviour this assistant needs
changed (action_faults, data_deletion) or whose cost it cannot afford:
- speedups: work Rasa repeats on every message is done once;
- model_loading: the trained models are served without a training step;
- decided_turns: TED is skipped where a rule has decided;
- graph_runner: the model's graph runs without being rescheduled on every call;
- prediction_states: the policies share one replay of a tracker's history;
- feature_stacking: the NLU's sparse features are joined without scipy's bmat;
- predict_function: DIET and TED call their traced function directly;
- action_payload: the action server's JSON is written by ujson;
- debug_copies: the policies deep-copy states for a debug line only when it
  can print;
- action_connections: calls to the action server reuse their connections.

They were written against that version's source; `install()` refuses any other
version, with an error naming the fix, rather than patch code it has not read.
The Rasa server's entry point (bot.serve.rasa_server) calls it before Rasa
starts. docs/performance.md tells what each costly one saved.
"""

from __future__ import annotations

from typing import Any, Callable

from bot.rasa_plugins.version import WRITTEN_FOR, UnsupportedRasaVersion, require_rasa

__all__ = ["WRITTEN_FOR", "UnsupportedRasaVersion", "install", "replace_once"]


def replace_once(owner: Any, name: str, wrap: Callable[[Any], Any]) -> None:
    """Set `owner.name` to `wrap(original)`, unless `wrap` already made it.

    The original is read from the owner's own `__dict__` (a class's or a
    module's), so an inherited name is a KeyError rather than shadowed. A
    staticmethod or classmethod is unwrapped for `wrap`, and its replacement put
    back as the same kind. The replacement is marked with the names of every
    `wrap` applied so far; a second call with the same `wrap` finds its name
    and leaves the place alone, so installing a patch twice wraps once.
    """
    found = vars(owner)[name]
    kind = type(found) if isinstance(found, (staticmethod, classmethod)) else None
    original = found.__func__ if kind else found
    marks = getattr(original, "_replaced_by", frozenset())
    mark = f"{wrap.__module__}.{wrap.__qualname__}"
    if mark in marks:
        return
    replacement = wrap(original)
    replacement._replaced_by = marks | {mark}
    setattr(owner, name, kind(replacement) if kind else replacement)


def install(found: str | None = None) -> None:
    """Check the Rasa version, then install every patch; idempotent.

    `found` stands in for the installed version (tests only).
    """
    require_rasa("bot.patches", found)
    from bot.patches import (
        action_connections,
        action_faults,
        action_payload,
        data_deletion,
        debug_copies,
        decided_turns,
        feature_stacking,
        graph_runner,
        model_loading,
        predict_function,
        prediction_states,
        speedups,
    )

    action_faults.install()
    data_deletion.install()
    speedups.install()
    model_loading.install()
    decided_turns.install()
    graph_runner.install()
    prediction_states.install()
    feature_stacking.install()
    predict_function.install()
    action_payload.install()
    debug_copies.install()
    action_connections.install()
