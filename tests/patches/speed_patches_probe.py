"""Plays the user turns of every test story through the trained model, with or
without the patches that only make Rasa cheaper (graph_runner,
prediction_states, feature_stacking, predict_function, action_payload,
debug_copies), and
prints as JSON each conversation's actions (with the policy and confidence that
chose them), replies and NLU results. Run by tests/patches/test_speed_patches.py
in a fresh process per way.

In the patched way every DIET and TED call also runs TensorFlow's polymorphic
function on the same batch and counts the batches whose outputs differ from the
concrete function's.
"""

from __future__ import annotations

import sys

import numpy as np

from tests.patches.probe import play_stories, report

NLU_RESULTS = ("intent", "intent_ranking", "entities")


def _same(a, b) -> bool:
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if hasattr(a, "numpy"):
        a, b = a.numpy(), b.numpy()
    if isinstance(a, np.ndarray):
        return a.dtype == b.dtype and np.array_equal(a, b)
    return a == b


def _actions_and_parses(tracker) -> dict:
    return {
        "actions": [
            [e.action_name, e.policy, e.confidence]
            for e in tracker.events
            if e.type_name == "action"
        ],
        "parses": [
            {k: e.parse_data.get(k) for k in NLU_RESULTS}
            for e in tracker.events
            if e.type_name == "user"
        ],
    }


def main(way: str, model: str, story_dir: str) -> None:
    from bot.patches import decided_turns, model_loading

    model_loading.install()
    decided_turns.install()
    checked = {"batches": 0, "different": 0}
    if way == "patched":
        from bot.patches import (
            action_payload,
            debug_copies,
            feature_stacking,
            graph_runner,
            predict_function,
            prediction_states,
        )

        graph_runner.install()
        prediction_states.install()
        feature_stacking.install()
        predict_function.install()
        action_payload.install()
        debug_copies.install()

        def checking(self, batch_in):
            ours = self.concrete(batch_in)
            checked["batches"] += 1
            checked["different"] += not _same(ours, self.function(batch_in))
            return ours

        predict_function.ConcreteCall.__call__ = checking

    conversations = play_stories(model, story_dir, _actions_and_parses)
    report({"conversations": conversations, "checked": checked})


if __name__ == "__main__":
    main(*sys.argv[1:4])
