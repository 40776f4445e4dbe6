"""The answer action sends one message through a domain response."""

import pytest

from actions.answer import ActionAnswerQuestion
from bot.retrieval.answer import NO_ANSWER_TEXT


def test_domain_declares_the_action_and_its_responses(domain):
    assert "action_answer_question" in domain["actions"]
    assert domain["responses"]["utter_cited_answer"][0]["text"] == "{answer}"
    assert domain["responses"]["utter_no_answer"][0]["text"] == NO_ANSWER_TEXT


@pytest.mark.slow
async def test_health_question_gets_one_cited_answer(dispatcher, make_tracker, domain):
    tracker = make_tracker("why do my calves hurt at night?", "ask_health_question")

    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)

    assert events == []
    [message] = dispatcher.messages
    assert message["response"] == "utter_cited_answer"
    assert "Source: " in message["answer"]
    assert "not a diagnosis" in message["answer"]


@pytest.mark.slow
async def test_uncovered_question_gets_the_no_answer_response(
    dispatcher, make_tracker, domain
):
    tracker = make_tracker("what vaccines does my baby need?", "ask_health_question")

    await ActionAnswerQuestion().run(dispatcher, tracker, domain)

    assert [m["response"] for m in dispatcher.messages] == ["utter_no_answer"]
