"""Plays the user turns of every test story through the trained model, with or
without bot.patches.decided_turns, and prints as JSON the actions and replies of
each conversation and how often TED ran. Run by
tests/patches/test_decided_turns.py in a fresh process per way.
"""

from __future__ import annotations

import sys

from tests.patches.probe import play_stories, report


def _actions(tracker) -> dict:
    return {
        "actions": [e.action_name for e in tracker.events if e.type_name == "action"]
    }


def main(way: str, model: str, story_dir: str) -> None:
    from bot.patches import model_loading

    model_loading.install()
    if way == "patched":
        from bot.patches import decided_turns

        decided_turns.install()
    from rasa.core.policies.ted_policy import TEDPolicy

    forward_passes = [0]
    original = TEDPolicy._featurize_tracker

    def counted(self, *args, **kwargs):
        forward_passes[0] += 1
        return original(self, *args, **kwargs)

    TEDPolicy._featurize_tracker = counted
    conversations = play_stories(model, story_dir, _actions)
    report({"conversations": conversations, "ted_forward_passes": forward_passes[0]})


if __name__ == "__main__":
    main(*sys.argv[1:4])
