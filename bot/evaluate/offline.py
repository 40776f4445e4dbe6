"""Scores the answer composition offline: every turn goes through the same
function the answer action runs (bot.conversation.turn), with no Rasa server,
so a change to retrieval or trimming is measured in seconds.

What it leaves out is routing: every turn is treated as a health question, as
if NLU had sent it to the answer action. The REST evaluator measures both.
"""

from __future__ import annotations

from typing import Callable, Dict, List

from bot.conversation.followup import Topic
from bot.conversation.turn import Answerer, answer_turn


def offline_sender(answer: Answerer) -> Callable[[str, str], List[dict]]:
    """A `send(sender, message)` like the REST channel's, answering each message
    as the answer action would, with one topic per sender."""
    topics: Dict[str, Topic] = {}

    def send(sender: str, message: str) -> List[dict]:
        turn = answer_turn(message, topics.get(sender, Topic()), answer)
        topics[sender] = turn.topic
        return [{"recipient_id": sender, "text": turn.answer.text}]

    return send
