"""Plays the user turns of every test story through the trained model, with or
without bot.patches.decided_turns, and prints as JSON the actions and replies of
each conversation and how often TED ran. Run by
tests/patches/test_decided_turns.py in a fresh process per way.

Custom actions return no events here (there is no action server): both ways
play the same conversations, which is all the comparison needs.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import yaml


def scripts(story_dir: Path) -> list:
    found = []
    for path in sorted(story_dir.glob("*.yml")):
        for story in yaml.safe_load(path.read_text()).get("stories", []):
            turns = [
                str(step["user"]).strip()
                for step in story.get("steps", [])
                if isinstance(step, dict) and step.get("user")
            ]
            if turns:
                found.append(turns)
    return found


def main(way: str, model: str, story_dir: str) -> None:
    from bot.patches import model_loading

    model_loading.install()
    if way == "patched":
        from bot.patches import decided_turns

        decided_turns.install()
    from rasa.core.actions.action import RemoteAction
    from rasa.core.agent import Agent
    from rasa.core.policies.ted_policy import TEDPolicy

    async def no_events(self, *args, **kwargs):
        return []

    RemoteAction.run = no_events
    forward_passes = [0]
    original = TEDPolicy._featurize_tracker

    def counted(self, *args, **kwargs):
        forward_passes[0] += 1
        return original(self, *args, **kwargs)

    TEDPolicy._featurize_tracker = counted
    agent = Agent.load(model)
    out: dict = {"conversations": []}

    async def run() -> None:
        for number, turns in enumerate(scripts(Path(story_dir))):
            sender = f"probe-{number}"
            replies = []
            for text in turns:
                answer = await agent.handle_text(text, sender_id=sender)
                replies.append([m.get("text") or m.get("custom") for m in answer])
            tracker = await agent.tracker_store.retrieve(sender)
            actions = [e.action_name for e in tracker.events if e.type_name == "action"]
            out["conversations"].append({"actions": actions, "replies": replies})

    asyncio.run(run())
    out["ted_forward_passes"] = forward_passes[0]
    print("PROBE " + json.dumps(out, default=str))


if __name__ == "__main__":
    main(*sys.argv[1:4])
