"""The patches that only make Rasa cheaper change nothing a user sees: every
conversation of the test stories goes as without them, with the same NLU
results, actions, policies, confidences and replies."""

from __future__ import annotations

import pytest

from bot.settings import ROOT
from tests.patches.probe import run_probe


def _probe(way: str) -> dict:
    return run_probe("speed_patches_probe.py", way, str(ROOT / "tests" / "stories"))


@pytest.mark.slow
def test_every_story_conversation_goes_as_without_the_speed_patches():
    stock, patched = _probe("stock"), _probe("patched")
    assert len(stock["conversations"]) >= 20
    for ours, theirs in zip(
        patched["conversations"], stock["conversations"], strict=True
    ):
        assert ours == theirs
    # DIET's and TED's concrete function gave what the polymorphic one gives.
    assert patched["checked"]["batches"] > 100
    assert patched["checked"]["different"] == 0
