"""Answers a health question, or a description of symptoms, with cited excerpts."""

import asyncio
from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.conversation.followup import Topic, is_follow_up
from bot.conversation.turn import answer_turn
from bot.domain_names import Actions, Intents, Responses, Slots
from bot.retrieval.answer import answer_question


class ActionAnswerQuestion(Action):
    """Quotes 1-3 cited excerpts, or says the sources don't cover the question.

    A follow-up ("and for the neck?") is searched with the topic the earlier
    turns left in the topic_* slots; a message NLU put out of scope is
    answered only when it is such a follow-up. The whole reply is one message through a
    domain response (utter_cited_answer or utter_no_answer), so custom NLG sees
    every bot turn.
    """

    def name(self) -> str:
        return Actions.ANSWER_QUESTION

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        message = tracker.latest_message.get("text") or ""
        topic = Topic(
            tracker.get_slot(Slots.TOPIC_QUESTION) or "",
            list(tracker.get_slot(Slots.TOPIC_BODY_PARTS) or []),
            list(tracker.get_slot(Slots.TOPIC_PASSAGES) or []),
        )
        intent = tracker.latest_message.get("intent", {}).get("name")
        # Out of scope, unless it continues the conversation's health question
        # ("is there a variation of it?" after a calf exercise): small talk
        # never takes a turn that continues one.
        if intent == Intents.OUT_OF_SCOPE and not is_follow_up(message, topic):
            dispatcher.utter_message(response=Responses.OUT_OF_SCOPE)
            return []
        # Search runs the model (tens of ms, seconds on first use): keep it off
        # the action server's event loop so other conversations are not held up.
        loop = asyncio.get_running_loop()
        turn = await loop.run_in_executor(
            None, answer_turn, message, topic, answer_question
        )
        new_topic = turn.topic
        if turn.answer.abstained:
            # A message NLU could not place is not said to be a question the
            # sources don't cover: the person hears what the bot can do.
            dispatcher.utter_message(
                response=Responses.DEFAULT
                if intent == Intents.NLU_FALLBACK
                else Responses.NO_ANSWER
            )
        else:
            dispatcher.utter_message(
                response=Responses.CITED_ANSWER, answer=turn.answer.text
            )
        return [
            SlotSet(Slots.TOPIC_QUESTION, new_topic.question or None),
            SlotSet(Slots.TOPIC_BODY_PARTS, new_topic.body_parts or None),
            SlotSet(Slots.TOPIC_PASSAGES, new_topic.passages or None),
        ]
