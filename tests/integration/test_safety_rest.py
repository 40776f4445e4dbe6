"""The safety takeover end to end over REST, with and without the action server."""

import uuid

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.slow]

EMERGENCY = "Call 112 now"
REMINDER = "Reminder: if help is not on its way yet, call 112 now."


def _sender() -> str:
    return f"safety-{uuid.uuid4().hex[:8]}"


def _texts(messages) -> str:
    return "\n".join(m.get("text", "") for m in messages)


def test_red_flag_first_message_gets_the_emergency_message(stack):
    reply = _texts(stack.rest(_sender(), "I can't breathe properly"))

    assert EMERGENCY in reply
    assert "Don't drive yourself" in reply
    assert "unlock your door" in reply


def test_reminder_leads_every_later_turn_until_help_is_arranged(stack):
    sender = _sender()
    stack.rest(sender, "hello")
    stack.rest(sender, "I have trouble swalowing")

    help_reply = stack.rest(sender, "what can you do?")
    thanks_reply = stack.rest(sender, "thanks")
    arranged_reply = stack.rest(sender, "the ambulance is on its way")
    after_reply = stack.rest(sender, "what can you do?")

    assert help_reply[0]["text"].startswith(REMINDER)
    assert "I can help with" in _texts(help_reply)
    assert thanks_reply[0]["text"].startswith(REMINDER)
    assert not _texts(arranged_reply).startswith("Reminder")
    assert "Keep your phone with you" in _texts(arranged_reply)
    assert "Reminder" not in _texts(after_reply)
    assert "I can help with" in _texts(after_reply)


def test_a_new_sign_after_help_is_arranged_restarts_the_reminder(stack):
    sender = _sender()
    stack.rest(sender, "my face is drooping")
    stack.rest(sender, "I called 112")

    assert EMERGENCY in _texts(stack.rest(sender, "now I'm gasping for air"))
    assert stack.rest(sender, "hi")[0]["text"].startswith(REMINDER)


def test_emergency_message_arrives_with_the_action_server_down(
    stack_without_actions,
):
    reply = _texts(stack_without_actions.rest(_sender(), "I choke on my food"))

    assert EMERGENCY in reply
    assert "{emergency_number}" not in reply


def test_reminder_still_shows_with_the_action_server_down(stack_without_actions):
    sender = _sender()
    stack_without_actions.rest(sender, "my speech is slurred")

    reply = stack_without_actions.rest(sender, "what can you do?")

    assert reply and reply[0]["text"].startswith(REMINDER)


def test_red_flag_mid_form_takes_over_and_closes_the_form(stack):
    sender = _sender()
    stack.rest(sender, "hi")
    question = _texts(stack.rest(sender, "I want to describe my symptoms"))

    takeover = _texts(stack.rest(sender, "wait, I can't swallow properly"))
    after = stack.rest(sender, "what can you do?")

    assert question  # the intake form asked its first question
    assert EMERGENCY in takeover
    assert question.splitlines()[-1] not in takeover  # no form question follows
    assert after[0]["text"].startswith(REMINDER)
    assert "I can help with" in _texts(after)


def test_health_question_that_shows_a_sign_gets_the_takeover_not_an_answer(stack):
    reply = _texts(stack.rest(_sender(), "why is it so hard to swallow lately?"))

    assert EMERGENCY in reply
    assert "Source" not in reply
