"""One answer turn: searched in the topic, quoted for the follow-up's own words."""

import pytest

from bot.conversation.followup import Topic
from bot.conversation.turn import answer_turn
from bot.retrieval.abstention import Support
from bot.retrieval.answer import NO_ANSWER_TEXT, Answer, Excerpt


def _answerer(calls, covered=lambda q: True):
    def answer(query, focus=""):
        calls.append((query, focus))
        if not covered(query):
            return Answer(query, True, NO_ANSWER_TEXT)
        return Answer(query, False, "text", [Excerpt("p-1", "D", "S", "q", 1.0)])

    return answer


def test_a_follow_up_is_searched_with_its_topic_and_quoted_for_its_own_words():
    calls = []
    topic = Topic("my calves swell at my desk, any exercise?")

    turn = answer_turn("how many times a day?", topic, _answerer(calls))

    [(query, focus)] = calls
    assert query.startswith("my calves swell at my desk") and "times a day" in query
    assert focus == "how many times a day?"
    assert turn.topic.passages == ["p-1"]


def test_a_new_question_has_no_focus_and_starts_its_own_topic():
    calls = []

    turn = answer_turn("what is fibromyalgia?", Topic(), _answerer(calls))

    assert calls == [("what is fibromyalgia?", "")]
    assert turn.topic.question == "what is fibromyalgia?"


def test_a_follow_up_that_finds_nothing_in_context_is_answered_alone():
    calls = []
    topic = Topic("what exercises help a stiff back?")

    turn = answer_turn(
        "is gout dangerous?", topic, _answerer(calls, lambda q: "back" not in q)
    )

    assert calls[-1] == ("is gout dangerous?", "")
    assert not turn.answer.abstained
    assert turn.topic.question == "is gout dangerous?"


def _topic_answerer(calls, share, unknown=0, passage="p-1"):
    """Covers a question only with the topic's words before it; what its
    passage holds of the message's own words is `share`."""

    def answer(query, focus=""):
        calls.append((query, focus))
        if "massage" not in query:
            return Answer(query, True, NO_ANSWER_TEXT)
        support = Support(share, unknown) if focus else None
        excerpts = [Excerpt(passage, "D", "S", "q", 1.0)]
        return Answer(query, False, "text", excerpts, support)

    return answer


MASSAGE = Topic("is massage good for spasms?", passages=["p-1"])


def test_another_part_of_the_topic_is_answered_within_it():
    calls = []

    turn = answer_turn(
        "how does a session begin?", MASSAGE, _topic_answerer(calls, 0.6)
    )

    assert calls[-1] == (
        "is massage good for spasms. how does a session begin?",
        "how does a session begin?",
    )
    assert not turn.answer.abstained
    assert turn.topic.question == MASSAGE.question


@pytest.mark.parametrize(
    "message, share, unknown, passage",
    [
        # Its passages hold too little of what it asks.
        ("how does a session begin?", 0.2, 0, "p-1"),
        # It names things the corpus never mentions.
        ("creatine and kinesio for spasms?", 0.6, 2, "p-1"),
        # Found elsewhere, it is not about the topic's answer.
        ("how does a session begin?", 0.6, 0, "p-9"),
    ],
)
def test_a_question_not_held_by_the_topic_passages_is_not_answered_within_it(
    message, share, unknown, passage
):
    turn = answer_turn(message, MASSAGE, _topic_answerer([], share, unknown, passage))

    assert turn.answer.abstained


def test_a_question_with_a_subject_of_its_own_is_not_tried_within_the_topic():
    calls = []
    message = "how long does a pulled hamstring take to heal after sprinting?"

    turn = answer_turn(message, MASSAGE, _topic_answerer(calls, 1.0))

    assert turn.answer.abstained
    assert all(focus == "" for _, focus in calls)
