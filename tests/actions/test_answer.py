"""The answer action sends one message through a domain response."""

import pytest

import actions.answer as answer_module
from actions.answer import ActionAnswerQuestion
from bot.retrieval.answer import NO_ANSWER_TEXT, Answer, Excerpt


def test_domain_declares_the_action_and_its_responses(domain):
    assert "action_answer_question" in domain["actions"]
    assert domain["responses"]["utter_cited_answer"][0]["text"] == "{answer}"
    assert domain["responses"]["utter_no_answer"][0]["text"] == NO_ANSWER_TEXT


@pytest.mark.slow
async def test_health_question_gets_one_cited_answer(dispatcher, make_tracker, domain):
    tracker = make_tracker("why do my calves hurt at night?", "ask_health_question")

    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)

    slots = {e["name"]: e["value"] for e in events}
    assert slots["topic_question"] == "why do my calves hurt at night?"
    assert slots["topic_passages"]
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


def _fake_answers(monkeypatch, covered):
    """Replaces the retrieval layer at the action's edge; records the queries."""
    asked = []

    def fake(query, k=3, focus=""):
        asked.append(query)
        if not covered(query):
            return Answer(query, True, NO_ANSWER_TEXT)
        excerpt = Excerpt("p-1", "Doc", "Section", "quote", 1.0)
        return Answer(query, False, "text", [excerpt])

    monkeypatch.setattr(answer_module, "answer_question", fake)
    return asked


async def test_follow_up_is_searched_with_the_topic_and_keeps_it(
    dispatcher, make_tracker, domain, monkeypatch
):
    asked = _fake_answers(monkeypatch, lambda q: True)
    tracker = make_tracker(
        "and for the neck?",
        "ask_health_question",
        slots={"topic_question": "what exercises help a stiff back?",
               "topic_body_parts": ["back"]},
    )  # fmt: skip

    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)

    assert asked == ["what exercises help a stiff neck?"]
    slots = {e["name"]: e["value"] for e in events}
    assert slots == {
        "topic_question": "what exercises help a stiff neck?",
        "topic_body_parts": ["neck"],
        "topic_passages": ["p-1"],
    }


async def test_follow_up_that_finds_nothing_in_context_is_tried_alone(
    dispatcher, make_tracker, domain, monkeypatch
):
    asked = _fake_answers(monkeypatch, lambda q: "stiff back" not in q)
    tracker = make_tracker(
        "is gout dangerous?",
        "ask_health_question",
        slots={"topic_question": "what exercises help a stiff back?"},
    )

    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)

    assert asked[-1] == "is gout dangerous?"
    assert dispatcher.messages[0]["response"] == "utter_cited_answer"
    slots = {e["name"]: e["value"] for e in events}
    assert slots["topic_question"] == "is gout dangerous?"


@pytest.mark.parametrize(
    "text, covered, response",
    [
        ("how deep does ultrasound treatment go", True, "utter_cited_answer"),
        ("asdf qwerty", False, "utter_default"),
    ],
)
async def test_a_message_nlu_is_unsure_about_is_tried_against_the_sources(
    dispatcher, make_tracker, domain, monkeypatch, text, covered, response
):
    _fake_answers(monkeypatch, lambda q: covered)
    tracker = make_tracker(text, "nlu_fallback")

    await ActionAnswerQuestion().run(dispatcher, tracker, domain)

    assert [m["response"] for m in dispatcher.messages] == [response]


@pytest.mark.parametrize(
    "text, topic, response",
    [
        # continues the health question: answered with the topic
        (
            "is there a variation of it?",
            "whats a good exercise for tension in calves",
            "utter_cited_answer",
        ),
        # out of scope, topic or not
        ("book me a flight to paris", "whats a good exercise for calves", None),
        ("is there a variation of it?", "", None),
    ],
)
async def test_out_of_scope_is_declined_unless_it_continues_the_topic(
    dispatcher, make_tracker, domain, monkeypatch, text, topic, response
):
    asked = _fake_answers(monkeypatch, lambda q: True)
    tracker = make_tracker(text, "out_of_scope", slots={"topic_question": topic})

    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)

    if response is None:
        assert [m["response"] for m in dispatcher.messages] == ["utter_out_of_scope"]
        assert asked == [] and events == []
    else:
        assert [m["response"] for m in dispatcher.messages] == [response]
        assert asked and topic in asked[0]
