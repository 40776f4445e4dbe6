"""Domain responses with the emergency number, and the red-flag reminder.

endpoints.yml selects this generator
(`nlg: type: bot.rasa_plugins.nlg.SafetyNLG`). It is
Rasa's templated generator plus two things every bot message needs:
- `{emergency_number}` in any response is filled from bot.settings
  (EMERGENCY_NUMBER), so the number shows even with the action server down;
- after a red flag, and until the user says help is arranged, the first message
  of each bot turn starts with the `utter_red_flag_reminder` line.
It subclasses TemplatedNaturalLanguageGenerator because Rasa hands the model's
responses only to that class when it loads a model (Agent.load_model).
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Dict

from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot import settings
from bot.domain_names import Responses, Slots

REMINDER_RESPONSE = Responses.RED_FLAG_REMINDER
# The emergency message is itself the strongest reminder.
NO_REMINDER_BEFORE = frozenset({Responses.EMERGENCY, REMINDER_RESPONSE})
MAX_REMEMBERED_TURNS = 10_000


class SafetyNLG(TemplatedNaturalLanguageGenerator):
    """Templated responses with the emergency number and the reminder line."""

    def __init__(
        self,
        endpoint_config: EndpointConfig | None = None,
        domain: Domain | None = None,
        emergency_number: str | None = None,
    ) -> None:
        super().__init__(domain.responses if domain else {})
        self.emergency_number = emergency_number or settings.load().emergency_number
        # Turns that already got their reminder. The tracker cannot tell: the
        # messages of one action are generated before any is logged on it.
        self._reminded: OrderedDict[tuple, None] = OrderedDict()

    async def generate(
        self,
        utter_action: str,
        tracker: DialogueStateTracker,
        output_channel: str,
        **kwargs: Any,
    ) -> Dict[str, Any] | None:
        """The response for `utter_action`, reminder first if one is due."""
        kwargs.setdefault("emergency_number", self.emergency_number)
        response = await super().generate(
            utter_action, tracker, output_channel, **kwargs
        )
        if response is None or utter_action in NO_REMINDER_BEFORE:
            return response
        if reminder_due(tracker) and self._first_message_of_turn(tracker):
            line = self.generate_from_slots(
                REMINDER_RESPONSE,
                tracker.current_slot_values(),
                output_channel,
                emergency_number=self.emergency_number,
            )
            if line and line.get("text"):
                text = response.get("text")
                response["text"] = f"{line['text']}\n\n{text}" if text else line["text"]
        return response

    def _first_message_of_turn(self, tracker: DialogueStateTracker) -> bool:
        turn_events = []
        for event in reversed(tracker.events):
            if isinstance(event, UserUttered):
                break
            turn_events.append(event)
        if any(getattr(e, "type_name", "") == "bot" for e in turn_events):
            return False
        last_user = tracker.get_last_event_for(UserUttered)
        key = (
            tracker.sender_id,
            last_user.message_id if last_user else None,
            last_user.timestamp if last_user else None,
        )
        if key in self._reminded:
            return False
        self._reminded[key] = None
        while len(self._reminded) > MAX_REMEMBERED_TURNS:
            self._reminded.popitem(last=False)
        return True


def reminder_due(tracker: DialogueStateTracker) -> bool:
    """True after a red flag until the user says help is arranged."""
    return bool(tracker.get_slot(Slots.RED_FLAG)) and not tracker.get_slot(
        Slots.HELP_ARRANGED
    )
