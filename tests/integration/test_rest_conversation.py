"""A short conversation over the REST channel against the real servers."""

import uuid

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def _texts(messages):
    return " ".join(m.get("text", "") for m in messages)


def test_first_message_gets_the_intro_then_a_greeting(stack):
    sender = f"rest-{uuid.uuid4().hex[:8]}"

    reply = _texts(stack.rest(sender, "hello"))

    assert "not a doctor" in reply  # the session-start intro, from the action server
    assert "Ask me about muscle tension" in reply or "What would you like" in reply


def test_conversation_continues_with_help_thanks_and_goodbye(stack):
    sender = f"rest-{uuid.uuid4().hex[:8]}"
    stack.rest(sender, "hi")

    assert "I can help with" in _texts(stack.rest(sender, "what can you do?"))
    assert "You're welcome" in _texts(stack.rest(sender, "thanks!"))
    assert "Goodbye" in _texts(stack.rest(sender, "bye"))


def test_bot_challenge_says_it_is_a_bot(stack):
    sender = f"rest-{uuid.uuid4().hex[:8]}"

    assert "I'm a bot" in _texts(stack.rest(sender, "are you a human?"))
