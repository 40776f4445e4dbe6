"""Small talk that is really a follow-up question becomes a health question."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.rasa_plugins.components.question_over_small_talk import (
    QuestionOverSmallTalk,
    is_follow_up_question,
)


@pytest.mark.parametrize(
    "text",
    [
        "how long until it goes away",
        "and how many times a day?",
        "is that dangerous?",
        "ok so can i do it every day",
        "what if that doesn't work",
        "what about at night?",
        "anything else?",
        "should i worry",
        "when does that usually kick in, right away?",
        "where does it happen?",
        "how do you make it?",
    ],
)
def test_follow_up_questions_are_recognised(text):
    assert is_follow_up_question(text)


@pytest.mark.parametrize(
    "text",
    [
        "how are you",
        "how's it going?",
        "how is it going today",
        "what's up",
        "do you have a name",
        "how old are you",
        "how do you do",
        "lol",
        "i had a long day",
    ],
)
def test_small_talk_stays_small_talk(text):
    assert not is_follow_up_question(text)


def _message(text, intent, confidence=0.8):
    message = Message({TEXT: text})
    message.set(INTENT, {"name": intent, "confidence": confidence})
    message.set(
        INTENT_RANKING_KEY,
        [
            {"name": intent, "confidence": confidence},
            {"name": "ask_health_question", "confidence": 0.1},
            {"name": "greet", "confidence": 0.05},
        ],
    )
    return message


def test_only_small_talk_is_relabelled():
    component = QuestionOverSmallTalk()
    follow_up = _message("how long until it goes away", "chitchat")
    greeting = _message("how are you doing", "chitchat")
    thanks = _message("is that dangerous?", "thank")
    component.process([follow_up, greeting, thanks])

    assert follow_up.get(INTENT) == {"name": "ask_health_question", "confidence": 0.8}
    names = [r["name"] for r in follow_up.get(INTENT_RANKING_KEY)]
    assert names == ["ask_health_question", "greet"]
    assert greeting.get(INTENT)["name"] == "chitchat"
    assert thanks.get(INTENT)["name"] == "thank"


def test_a_yes_or_no_that_asks_is_a_question():
    component = QuestionOverSmallTalk()
    asking = _message("do i need a prescription for those?", "affirm")
    when = _message("when does that usually kick in, right away?", "affirm")
    plain_yes = _message("yes please", "affirm")
    no_question_mark = _message("can i do it later", "deny")
    component.process([asking, when, plain_yes, no_question_mark])

    assert asking.get(INTENT)["name"] == "ask_health_question"
    assert when.get(INTENT)["name"] == "ask_health_question"
    assert [r["name"] for r in asking.get(INTENT_RANKING_KEY)] == [
        "ask_health_question",
        "greet",
    ]
    assert plain_yes.get(INTENT)["name"] == "affirm"
    assert no_question_mark.get(INTENT)["name"] == "deny"


def test_a_question_read_as_a_request_to_note_symptoms_is_a_question():
    component = QuestionOverSmallTalk()
    asking = _message("do i need a prescription for those?", "start_intake")
    request = _message("can i tell you my symptoms?", "start_intake")
    plain = _message("do i need to describe it", "start_intake")
    component.process([asking, request, plain])

    assert asking.get(INTENT)["name"] == "ask_health_question"
    assert request.get(INTENT)["name"] == "start_intake"
    assert plain.get(INTENT)["name"] == "start_intake"


def test_a_description_that_then_asks_is_a_question_not_a_request_to_note():
    component = QuestionOverSmallTalk()
    asks = _message(
        "lower back stiff after 8h sitting, what can i do lying down on the floor?",
        "start_intake",
    )
    wants_noting = _message(
        "back stiff for weeks, what do you need to note down?", "start_intake"
    )
    no_question = _message("back stiff for weeks, what now", "start_intake")
    follow_up = _message("do i need a prescription for them", "start_intake")
    component.process([asks, wants_noting, no_question, follow_up])

    assert asks.get(INTENT)["name"] == "ask_health_question"
    assert wants_noting.get(INTENT)["name"] == "start_intake"
    assert no_question.get(INTENT)["name"] == "start_intake"
    assert follow_up.get(INTENT)["name"] == "ask_health_question"


def test_a_rating_that_asks_a_question_of_its_own_is_a_question():
    component = QuestionOverSmallTalk()
    asking = _message(
        "didnt feel sore at all after my first workouts, did i do it wrong?",
        "answer_not_helped",
    )
    rating = _message("that didn't help, anything else?", "answer_not_helped")
    short = _message("not useful?", "answer_not_helped")
    thanks = _message("great, that worked, thanks!", "answer_helped")
    component.process([asking, rating, short, thanks])

    assert asking.get(INTENT)["name"] == "ask_health_question"
    assert rating.get(INTENT)["name"] == "answer_not_helped"
    assert short.get(INTENT)["name"] == "answer_not_helped"
    assert thanks.get(INTENT)["name"] == "answer_helped"
