"""One health-question turn, without Rasa: read the message in the conversation's
topic, search, compose, and the topic the turn leaves behind.

actions/answer.py runs this in the action server; bot.evaluate's offline scorer
runs the same function, so what it measures is what a person gets (routing by
NLU aside).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from bot.conversation.followup import Topic, read
from bot.retrieval.answer import Answer

# (query, focus=...) -> the composed answer (bot.retrieval.answer.answer_question)
Answerer = Callable[..., Answer]


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
    if not result.abstained:
        new_topic.passages = [e.passage_id for e in result.excerpts]
    return Turn(result, new_topic)
