"""The patches that only make Rasa cheaper change nothing a user sees: every
conversation of the test stories goes as without them, with the same NLU
results, actions, policies, confidences and replies."""

from __future__ import annotations

import pytest

from tests.patches.probe import assert_same_conversations, probe_stories

PROBE = "speed_patches_probe.py"


@pytest.mark.slow
def test_every_story_conversation_goes_as_without_the_speed_patches():
    stock, patched = probe_stories(PROBE, "stock"), probe_stories(PROBE, "patched")
    assert_same_conversations(patched, stock)
    # DIET's and TED's concrete function gave what the polymorphic one gives.
    assert patched["checked"]["batches"] > 100
    assert patched["checked"]["different"] == 0
