"""Offers "Did this help?" after a cited answer, so staff see which passages help."""

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from bot.domain_names import Actions, Responses

# rasa shell's input channel: its buttons are a menu that stands in the way.
SHELL_CHANNEL = "cmdline"


class ActionOfferFeedback(Action):
    """Runs after action_answer_question; asks only if the answer quoted sources.

    The rating is the user's message itself (intent answer_helped or
    answer_not_helped, or yes / no right after the question), stored with the
    conversation; the review report reads it against the passages cited.
    """

    def name(self) -> str:
        return Actions.OFFER_FEEDBACK

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        if last_utterance(tracker.events) == Responses.CITED_ANSWER:
            in_shell = tracker.get_latest_input_channel() == SHELL_CHANNEL
            offer = (
                Responses.ASK_FEEDBACK_IN_WORDS if in_shell else Responses.ASK_FEEDBACK
            )
            dispatcher.utter_message(response=offer)
        return []


def last_utterance(events: List[Dict[str, Any]]) -> str | None:
    """The response name of the bot's latest message in this turn, if any."""
    for event in reversed(events):
        if event.get("event") == "user":
            return None
        if event.get("event") == "bot":
            return (event.get("metadata") or {}).get("utter_action")
    return None
