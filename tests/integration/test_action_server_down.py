"""With the action server down, the user hears so; the emergency still works.

Uses the shared Rasa-only server (`stack_without_actions`): its action endpoint
points at a port nobody listens on, so every custom action fails.
"""

from __future__ import annotations

import uuid

import pytest

from bot.patches.action_faults import TEMPORARILY_UNAVAILABLE

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def _texts(messages) -> str:
    return " ".join(m.get("text", "") for m in messages)


def test_a_turn_needing_an_action_gets_temporarily_unavailable(stack_without_actions):
    sender = f"down-{uuid.uuid4().hex[:8]}"

    first = _texts(stack_without_actions.rest(sender, "hello"))
    reply = _texts(stack_without_actions.rest(sender, "I want to describe my symptoms"))

    assert "not a doctor" in first  # the session still starts, with the intro
    assert TEMPORARILY_UNAVAILABLE in reply
    assert "try again" in reply


def test_the_emergency_message_comes_without_an_apology(stack_without_actions):
    reply = _texts(
        stack_without_actions.rest(f"down-{uuid.uuid4().hex[:8]}", "I choke on my food")
    )

    assert "112" in reply  # the emergency message, a domain response
    assert TEMPORARILY_UNAVAILABLE not in reply
