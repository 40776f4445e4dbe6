"""Starts each conversation by saying what the bot is and is not."""

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.domain_names import Actions, Responses


class ActionSessionStart(Action):
    """Greets with the bot's limits, keeping slots the domain says to carry over."""

    def name(self) -> str:
        return Actions.SESSION_START

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        events: List[EventType] = [SessionStarted()]
        session_config = domain.get("session_config", {})
        if session_config.get("carry_over_slots_to_new_session", True):
            events.extend(
                SlotSet(name, value)
                for name, value in tracker.current_slot_values().items()
                if value is not None
            )
        dispatcher.utter_message(response=Responses.INTRO)
        events.append(ActionExecuted(Actions.LISTEN))
        return events
