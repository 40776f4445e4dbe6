"""Runs a probe script (tests/patches/*_probe.py) in a fresh process against the
trained model, and returns the JSON it printed: a patch is compared with Rasa's
own code by running the same probe with and without it.

The probes' shared half is here too: playing the test stories through the model
(`play_stories`) and printing the result (`report`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable, Dict, List

import pytest

from bot.settings import ROOT

MODEL = ROOT / "models" / "assistant.tar.gz"
STORIES = ROOT / "tests" / "stories"
MARK = "PROBE "


def run_probe(script: str, way: str, *args: str, stdin: str = "", timeout=900):
    """`python tests/patches/<script> <way> <model> <args...>`, its PROBE line."""
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make model` (make test does it)")
    done = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "patches" / script), way, str(MODEL),
         *args],
        input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=timeout,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    lines = [line for line in done.stdout.splitlines() if line.startswith(MARK)]
    assert done.returncode == 0 and lines, done.stderr[-3000:]
    return json.loads(lines[-1][len(MARK) :])


def probe_stories(script: str, way: str) -> dict:
    """A story-playing probe's output for one way (`stock` or `patched`)."""
    return run_probe(script, way, str(STORIES))


def assert_same_conversations(patched: dict, stock: dict) -> None:
    """Every test story's conversation went the same both ways."""
    assert len(stock["conversations"]) >= 20
    for ours, theirs in zip(
        patched["conversations"], stock["conversations"], strict=True
    ):
        assert ours == theirs


def scripts(story_dir: Path) -> list:
    """The user turns of each story in `story_dir` that has any."""
    import yaml

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


def play_stories(
    model: str, story_dir: str, record: Callable[[Any], Dict[str, Any]]
) -> List[Dict[str, Any]]:
    """Load the model and play the user turns of every story in `story_dir`, one
    conversation each; per conversation, its replies and what `record` takes
    from its tracker. Patches and counters are installed by the probe before.

    Custom actions return no events here (there is no action server): both ways
    play the same conversations, which is all the comparison needs.
    """
    import asyncio

    from rasa.core.actions.action import RemoteAction
    from rasa.core.agent import Agent

    async def no_events(self, *args, **kwargs):
        return []

    RemoteAction.run = no_events
    agent = Agent.load(model)
    conversations: List[Dict[str, Any]] = []

    async def run() -> None:
        for number, turns in enumerate(scripts(Path(story_dir))):
            sender = f"probe-{number}"
            replies = []
            for text in turns:
                answer = await agent.handle_text(text, sender_id=sender)
                replies.append([m.get("text") or m.get("custom") for m in answer])
            tracker = await agent.tracker_store.retrieve(sender)
            conversations.append({**record(tracker), "replies": replies})

    asyncio.run(run())
    return conversations


def report(out: dict) -> None:
    """Print a probe's result as the line run_probe reads."""
    print(MARK + json.dumps(out, default=str))
