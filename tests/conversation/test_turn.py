"""One answer turn: searched in the topic, quoted for the follow-up's own words."""

from bot.conversation.followup import Topic
from bot.conversation.turn import answer_turn
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
