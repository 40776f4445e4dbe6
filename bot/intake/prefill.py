"""What the patient already said, read into the form's slots before it asks.

The intake starts after a yes to the offer (or a request), so the symptoms were
described in earlier messages; their entities fill the slots and the form asks
only for what is missing.
"""

from __future__ import annotations

import re
from typing import Any, Dict, Iterable, List, Tuple

from bot.domain_names import FORM_SLOTS, Intents, Slots
from bot.intake.answers import INVALID, Turn, read_turn

# Messages that can carry symptoms: statements, and questions that name them
# ("my hamstrings feel tight after running, should I stretch?").
SOURCE_INTENTS = {
    Intents.DESCRIBE_SYMPTOMS,
    Intents.ASK_HEALTH_QUESTION,
    Intents.START_INTAKE,
}
# A general question ("how do I relieve a calf cramp?") is not a report of one's
# own symptoms; a question is read only when it speaks of the person.
FIRST_PERSON_RE = re.compile(r"\b(my|i|i'm|im|i've|ive|me)\b", re.IGNORECASE)
EXTRA_SLOTS = (Slots.ONSET_DAYS, Slots.SPREAD_TO)


def prefill(
    messages: Iterable[Tuple[str, str, List[Dict[str, Any]]]],
) -> Dict[str, Any]:
    """Slot values from earlier (text, intent, entities) messages, oldest first.

    Only entities are read (no question was open), body parts and symptom kinds
    accumulate, and a later value of a single slot replaces an earlier one.
    """
    slots: Dict[str, Any] = {}
    for text, intent, entities in messages:
        if intent not in SOURCE_INTENTS or not entities or text.startswith("/"):
            continue
        if intent == Intents.ASK_HEALTH_QUESTION and not FIRST_PERSON_RE.search(text):
            continue
        turn = Turn(text, Intents.DESCRIBE_SYMPTOMS, entities, None, dict(slots))
        for name, value in read_turn(turn).items():
            if value != INVALID and name in (*FORM_SLOTS, *EXTRA_SLOTS):
                slots[name] = value
    return slots
