"""The takeover after the emergency message: closes any form, records the signs."""

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.domain_names import Actions, Slots
from bot.safety.takeover import takeover_slots


class ActionRedFlagTakeover(Action):
    """Runs after utter_emergency: no form may carry on asking its questions."""

    def name(self) -> str:
        return Actions.RED_FLAG_TAKEOVER

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        slots = takeover_slots(
            tracker.latest_message.get("entities", []),
            tracker.get_slot(Slots.RED_FLAG_SIGNS),
        )
        events: List[EventType] = []
        if tracker.active_loop_name:
            events.append(ActiveLoop(None))
        return events + [SlotSet(name, value) for name, value in slots.items()]
