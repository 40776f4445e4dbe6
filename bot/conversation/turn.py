"""One health-question turn, without Rasa: read the message in the conversation's
topic, search, compose, and the topic the turn leaves behind.

actions/answer.py runs this in the action server; bot.evaluate's offline scorer
runs the same function, so what it measures is what a person gets (routing by
NLU aside).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from bot.conversation.followup import Topic, in_topic, own_terms, read
from bot.retrieval.answer import Answer

# (query, focus=...) -> the composed answer (bot.retrieval.answer.answer_question)
Answerer = Callable[..., Answer]

# A message that is no follow-up in form and that the sources do not cover on
# its own may still ask about another part of the topic ("how does a session
# usually begin?" after massage, "will he grow out of it?" after a child's
# night cramps). It is answered within the topic when it has at most this many
# words of its own subject...
MAX_WITHIN_TERMS = 3
# ...the topic's passages it is answered from use at least this share of its
# asked words (idf-weighted)...
MIN_WITHIN_SHARE = 0.35
# ...and it names at most this many things the corpus never mentions. A new
# question of its own ("does creatine cause cramps?", "how do i apply kinesio
# tape?") fails one of the three. Measured on the former blind follow-ups
# (25 of 919 reach this point; 11 pass) and on their out-of-corpus questions
# asked after a topic (281 of 738 reach it; none pass).
MAX_WITHIN_UNKNOWN = 1


@dataclass
class Turn:
    """What the bot answers to one message, and the topic kept for the next."""

    answer: Answer
    topic: Topic


def answer_turn(message: str, topic: Topic, answer: Answerer) -> Turn:
    """Answers `message` read in `topic`; a follow-up whose context finds nothing
    is tried alone before the bot says its sources don't cover it."""
    reading = read(message, topic)
    # A follow-up is searched with its topic, but its own words say what to quote.
    focus = message.strip() if reading.follow_up else ""
    result = answer(reading.query, focus=focus)
    new_topic = reading.topic
    if result.abstained and reading.follow_up:
        # Read with the topic it found nothing: maybe a new subject after all.
        alone = answer(message.strip())
        if not alone.abstained:
            result, new_topic = alone, Topic(message.strip())
    if result.abstained and not reading.follow_up and not topic.empty:
        within = _within_topic(message.strip(), topic, answer)
        if within is not None:
            result, new_topic = within, topic
    if not result.abstained:
        new_topic.passages = [e.passage_id for e in result.excerpts]
    return Turn(result, new_topic)


def _within_topic(message: str, topic: Topic, answer: Answerer) -> Answer | None:
    """`message` answered as part of `topic`, if it is one (see MAX_WITHIN_TERMS)."""
    if len(own_terms(message)) > MAX_WITHIN_TERMS:
        return None
    within = answer(in_topic(message, topic), focus=message)
    support = within.focus_support
    if (
        within.abstained
        or support is None
        or support.share < MIN_WITHIN_SHARE
        or support.unknown > MAX_WITHIN_UNKNOWN
        # Quoted from elsewhere, it is no longer the topic's answer.
        or not {e.passage_id for e in within.excerpts} & set(topic.passages)
    ):
        return None
    return within
