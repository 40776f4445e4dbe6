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


def test_description_is_answered_first_then_noting_it_is_offered(stack):
    sender = f"rest-{uuid.uuid4().hex[:8]}"
    stack.rest(sender, "hi")

    reply = stack.rest(sender, "my left calf has been cramping for two months")

    text = _texts(reply)
    assert "Source:" in text or "my sources don't cover" in text
    assert "When did it start" not in text
    assert reply[-1]["text"].startswith("Would you like me to note your symptoms")
    assert [b["payload"] for b in reply[-1]["buttons"]] == ["/affirm", "/deny"]

    # Yes: the form starts with what was said, so the next question is the course.
    started = _texts(stack.rest(sender, "yes"))
    assert "getting better, worse" in started
    assert "What do you feel" not in started and "Where do you feel it" not in started


def test_no_to_the_offer_is_kept_until_the_person_asks(stack):
    sender = f"rest-{uuid.uuid4().hex[:8]}"
    stack.rest(sender, "hi")
    stack.rest(sender, "my neck feels tight")

    assert "won't take any notes" in _texts(stack.rest(sender, "no"))
    later = _texts(stack.rest(sender, "my shoulders are stiff as well"))
    assert "Would you like me to note" not in later
    assert "What do you feel" not in later

    asked = _texts(stack.rest(sender, "please note down my symptoms for a doctor"))
    assert "I'll ask a few short questions" in asked


def test_follow_up_is_answered_in_context_never_as_small_talk(stack):
    sender = f"rest-{uuid.uuid4().hex[:8]}"
    stack.rest(sender, "hi")
    stack.rest(sender, "should I put a heating pad on a cramp?")

    follow_up = _texts(stack.rest(sender, "and how long should I keep it on?"))

    assert "I'm doing fine" not in follow_up
    assert "Source:" in follow_up
