"""The takeover after the emergency message: closes any form, records the signs."""

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

SIGN_ENTITY = "red_flag_sign"


class ActionRedFlagTakeover(Action):
    """Runs after utter_emergency: no form may carry on asking its questions."""

    def name(self) -> str:
        return "action_red_flag_takeover"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        signs = [
            entity["value"]
            for entity in tracker.latest_message.get("entities", [])
            if entity.get("entity") == SIGN_ENTITY
        ]
        events: List[EventType] = []
        if tracker.active_loop_name:
            events.append(ActiveLoop(None))
        events += [
            SlotSet("red_flag", True),
            SlotSet("red_flag_signs", signs or tracker.get_slot("red_flag_signs")),
            # A new warning sign needs help arranged again.
            SlotSet("help_arranged", False),
        ]
        return events
