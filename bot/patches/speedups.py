"""Per-message costs in Rasa 3.6 that redo the same work on every message.

Profiling the load benchmark (py-spy on the Rasa server, `make bench`) showed
the Rasa server busy on one core, and about 40% of its time in two places that
recompute a constant:

- `RemoteAction._validate_action_result` calls `jsonschema.validate`, which
  first checks the (constant) response schema against the draft 2020-12
  meta-schema and compiles a fresh validator, on every action-server reply:
  about a third of the server's time. Here the schema is checked and compiled
  once; every reply is still validated against it, with Rasa's error message.
  A valid reply's events are checked against the one alternative of the
  events' `oneOf` that their name selects, not all 23 (`_surely_valid`).
- `Event.resolve_by_type` walks every Event subclass for each stored event it
  deserialises (the tracker store reads the whole session on every message).
  Here each type name found is remembered; unknown names still fall back to the
  walk, so events defined later are found and errors stay Rasa's own.

And the garbage collector: once the model is loaded the server holds about
900,000 long-lived Python objects (TensorFlow, the graph, the domain), and each
full collection walked all of them: about 0.5 s with the event loop stopped,
several times a minute under load. After the model is loaded, `gc.freeze()`
moves those objects out of the collector's sight; what messages allocate is
still collected as usual.

`install()` applies all three in the Rasa server process (bot.serve.rasa_server); it
is idempotent. Behaviour is unchanged: tests/patches/test_speedups.py compares the
first two with Rasa's originals.
"""

from __future__ import annotations

import functools
import gc
from typing import Any, Dict, Type

from bot.patches import replace_once


@functools.cache
def _response_validator():
    """The action-server response validator, compiled once."""
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


@functools.cache
def _event_validators():
    """The response validator without the events' `oneOf`, and a validator per
    event name for the one `oneOf` alternative whose `const` is that name; None
    if the schema is not shaped as read here."""
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    events = schema.get("properties", {}).get("events", {})
    event = events.get("items", {})
    if set(events) != {"type", "items"} or "oneOf" not in event:
        return None
    names = [alt.get("properties", {}).get("event", {}) for alt in event["oneOf"]]
    if any(set(n) != {"const"} or not isinstance(n["const"], str) for n in names):
        return None
    cls = validator_for(schema)
    base = {key: value for key, value in event.items() if key != "oneOf"}
    outer = {
        **schema,
        "properties": {
            **schema["properties"],
            "events": {**events, "items": base},
        },
    }
    kinds = {n["const"]: cls(alt) for n, alt in zip(names, event["oneOf"], strict=True)}
    if len(kinds) != len(names):
        return None
    return cls(outer), kinds


def _surely_valid(result: Any) -> bool:
    """True only if the full schema accepts `result`.

    Rasa's schema checks each event against 23 `oneOf` alternatives, one per
    event name, each requiring its own name in `event` (a `const`): an event
    named X fails every other one, so it passes the `oneOf` exactly when it
    passes X's. Anything else (an unknown name, a failure) is for the full
    validator to judge and word.
    """
    validators = _event_validators()
    if validators is None:
        return False
    outer, kinds = validators
    if not outer.is_valid(result):
        return False
    for event in result.get("events") or []:
        kind = kinds.get(event["event"])
        if kind is None or not kind.is_valid(event):
            return False
    return True


def validate_action_result(self, result: Dict[str, Any]) -> bool:
    """Rasa's RemoteAction._validate_action_result with a compiled validator."""
    from jsonschema import ValidationError
    from jsonschema.exceptions import best_match
    from rasa.shared.constants import DOCS_BASE_URL

    if _surely_valid(result):
        return True
    error: ValidationError | None = best_match(
        _response_validator().iter_errors(result)
    )
    if error is None:
        return True
    error.message += (
        f". Failed to validate Action server response from API, "
        f"make sure your response from the Action endpoint is valid. "
        f"For more information about the format visit "
        f"{DOCS_BASE_URL}/custom-actions"
    )
    raise error


def _cached_resolve_by_type(original):
    found: Dict[str, Type[Any]] = {}

    @functools.wraps(original)
    def resolve_by_type(type_name: str, default=None):
        cls = found.get(type_name)
        if cls is not None:
            return cls
        cls = original(type_name, default)
        # Only a class found by name is remembered: a default or None is an
        # answer for this call, not for the type name.
        if cls is not None and getattr(cls, "type_name", None) == type_name:
            found[type_name] = cls
        return cls

    return resolve_by_type


def _freeze_after(load_agent):
    @functools.wraps(load_agent)
    async def load_agent_on_start(*args, **kwargs):
        agent = await load_agent(*args, **kwargs)
        gc.collect()
        gc.freeze()
        return agent

    return load_agent_on_start


def install() -> None:
    """Apply the speed-ups; later calls do nothing."""
    import rasa.core.run
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.events import Event

    # serve_application looks the function up when it registers the listener.
    replace_once(rasa.core.run, "load_agent_on_start", _freeze_after)
    RemoteAction._validate_action_result = validate_action_result
    replace_once(Event, "resolve_by_type", _cached_resolve_by_type)
