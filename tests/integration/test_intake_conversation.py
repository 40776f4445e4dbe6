"""The symptom form over REST against the real servers, question by question."""

import uuid

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def _texts(messages):
    return " ".join(m.get("text", "") for m in messages)


def _buttons(messages):
    return [b["payload"] for m in messages for b in m.get("buttons", [])]


def test_intake_walks_every_question_and_ends_with_a_cited_summary(stack):
    sender = f"intake-{uuid.uuid4().hex[:8]}"
    stack.rest(sender, "hi")

    reply = stack.rest(sender, "I want to describe my symptoms")
    assert "What do you feel" in _texts(reply)
    assert "Where do you feel it" in _texts(stack.rest(sender, "cramps"))
    assert "When did it start" in _texts(stack.rest(sender, "my left calf"))

    course = stack.rest(sender, "two months ago")
    assert "better, worse" in _texts(course)
    assert '/describe_symptoms{"course":"worse"}' in _buttons(course)
    severity = stack.rest(sender, '/describe_symptoms{"course":"worse"}')
    assert "from 0" in _texts(severity)
    # Nonsense gets a clear re-ask of the same question.
    reask = _texts(stack.rest(sender, "fifteen hundred"))
    assert "number from 0 to 10" in reask
    assert "When is it worse" in _texts(stack.rest(sender, "7/10"))

    screening = stack.rest(sender, "mostly at night")
    assert "difficulty breathing, swallowing or speaking" in _texts(screening)
    assert "/deny" in _buttons(screening)

    final = _texts(stack.rest(sender, "/deny"))
    assert "- What: cramp" in final
    assert "- Where: left calf" in final
    assert "- Since: 2 months ago" in final
    assert "- Course: worse" in final
    assert "- Severity (0-10): 7/10" in final
    assert "- Pattern / triggers: at night" in final
    assert "- Difficulty breathing, swallowing or speaking: no" in final
    assert "Source:" in final
    assert "not a diagnosis" in final
    # Every question with buttons was asked: none made Rasa log an error (an
    # interpolation error there would print slot values, i.e. health data).
    assert "interpolator" not in stack.log_path.read_text(errors="replace")


def test_first_message_prefills_then_correct_skip_and_stop(stack):
    sender = f"intake-{uuid.uuid4().hex[:8]}"
    stack.rest(sender, "hi")

    # A description is answered first; the form starts on consent, pre-filled.
    offered = _texts(
        stack.rest(sender, "my right calf has been cramping for two months")
    )
    assert "Would you like me to note your symptoms" in offered
    first = _texts(stack.rest(sender, "yes"))
    assert "What do you feel" not in first
    assert "Where do you feel it" not in first
    assert "When did it start" not in first
    assert "better, worse" in first

    corrected = _texts(stack.rest(sender, "no, it's the left calf"))
    assert "corrected that: where is now left calf" in corrected
    assert "better, worse" in corrected  # the open question is asked again
    assert "from 0" in _texts(stack.rest(sender, "skip"))
    assert "stopped the symptom questions" in _texts(stack.rest(sender, "stop"))


def _walk_to_screening(stack, sender):
    stack.rest(sender, "hi")
    stack.rest(sender, "my legs feel weak since 4 days ago")
    stack.rest(sender, "yes")  # to the offer to note the symptoms
    stack.rest(sender, "worse and spreading to my arms")
    stack.rest(sender, "6")
    return stack.rest(sender, "skip")


def test_yes_to_the_screening_question_sends_the_emergency_message(stack):
    sender = f"intake-{uuid.uuid4().hex[:8]}"
    screening = _texts(_walk_to_screening(stack, sender))
    assert "difficulty breathing, swallowing or speaking" in screening

    emergency = _texts(stack.rest(sender, "/affirm"))
    assert f"Call {stack.env.get('EMERGENCY_NUMBER', '112')} now" in emergency
    assert "- What:" not in emergency  # no summary instead of the takeover


def test_red_flag_mid_form_takes_over_and_ends_the_form(stack):
    sender = f"intake-{uuid.uuid4().hex[:8]}"
    stack.rest(sender, "hi")
    stack.rest(sender, "I want to describe my symptoms")

    emergency = _texts(stack.rest(sender, "my legs are weak and i cannot swallow"))
    assert "Call" in emergency and "now" in emergency
    later = _texts(stack.rest(sender, "ok"))
    assert "Where do you feel it" not in later  # the form is over
