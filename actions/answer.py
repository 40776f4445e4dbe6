"""Answers a health question with cited excerpts from the sources (issue 3)."""

import asyncio
from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from bot.retrieval.answer import answer_question


class ActionAnswerQuestion(Action):
    """Quotes 1-3 cited excerpts, or says the sources don't cover the question.

    The whole reply is one message through a domain response (utter_cited_answer
    or utter_no_answer), so custom NLG sees every bot turn.
    """

    def name(self) -> str:
        return "action_answer_question"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        question = tracker.latest_message.get("text") or ""
        # Search runs the model (tens of ms, seconds on first use): keep it off
        # the action server's event loop so other conversations are not held up.
        answer = await asyncio.get_running_loop().run_in_executor(
            None, answer_question, question
        )
        if answer.abstained:
            dispatcher.utter_message(response="utter_no_answer")
        else:
            dispatcher.utter_message(response="utter_cited_answer", answer=answer.text)
        return []
