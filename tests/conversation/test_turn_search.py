"""Turns answered with the real retriever: the follow-up's words as people
write them reach what the sources say."""

import functools

import pytest

from bot.conversation.followup import Topic
from bot.conversation.turn import answer_turn
from bot.retrieval.answer import answer_question


@pytest.fixture(scope="module")
def answer():
    from bot.retrieval import Retriever

    return functools.partial(answer_question, retriever=Retriever.load())


def _two_turns(first: str, second: str, answer):
    topic = answer_turn(first, Topic(), answer).topic
    return answer_turn(second, topic, answer).answer


@pytest.mark.parametrize(
    "first, second, shown",
    [
        # "reverse", "opposite" are the sources' "on the contrary"
        (
            "whats the easiest calf exercise for tired legs?",
            "is there a reverse version of it?",
            "the heels are pressed",
        ),
        (
            "the tiptoe calf raise thing, i can do it but is there a variation?",
            "like opposite way?",
            "the heels are pressed",
        ),
        # another part of the topic's passage, asked without pointing back
        (
            "is massage good for spasms and cramps",
            "how does a session usually begin?",
            "stroking",
        ),
    ],
)
def test_a_follow_up_in_lay_words_is_answered_from_the_topic(
    first, second, shown, answer
):
    reply = _two_turns(first, second, answer)

    assert not reply.abstained
    assert shown in reply.text
