"""Reads one user turn of the symptom form into slot values.

The form's validation action hands over the turn (text, intent, entities, which
question is open and what is already known) and gets back the slots this turn
fills. Rules that matter to patients live here:

- only answers fill slots: a health question, a red flag or "stop" fills nothing,
  so the form steps aside and the matching rule runs;
- entities fill any slot, so a long first message pre-fills several questions;
  free text is only read for the question that is open;
- body parts and symptom kinds accumulate over turns; a correction replaces;
- an answer to the open question that cannot be read is marked INVALID, so the
  form explains what it needs and asks again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List

from bot.domain_names import FORM_SLOTS, Entities, Intents, Slots
from bot.intake import parsing
from bot.intake.parsing import SKIPPED

LIST_SLOTS = {Slots.SYMPTOM_KIND, Slots.LOCATIONS, Slots.PATTERN}
# Intents that answer the form. Anything else (questions, red flags, stop, small
# talk) fills nothing, so the form rejects and a rule handles the interruption.
ANSWER_INTENTS = {
    Intents.DESCRIBE_SYMPTOMS,
    Intents.START_INTAKE,
    Intents.AFFIRM,
    Intents.DENY,
    Intents.SKIP,
    Intents.CORRECT,
    Intents.NLU_FALLBACK,
}
INVALID = "__invalid__"


@dataclass
class Turn:
    """One user message as the form sees it."""

    text: str
    intent: str
    entities: List[Dict[str, Any]] = field(default_factory=list)
    requested_slot: str | None = None
    slots: Dict[str, Any] = field(default_factory=dict)

    def entity(self, name: str) -> str | None:
        values = parsing.entity_values(self.entities, name)
        return values[0] if values else None

    def parsed(self, name: str, parse: Callable[[str], Any], slot: str) -> Any:
        """The first value of entity `name` that `parse` accepts (DIET may also
        tag a stray "since"), else the free text if `slot` is the open question."""
        for value in parsing.entity_values(self.entities, name):
            result = parse(value)
            if result is not None:
                return result
        if slot == self.requested_slot and not self.text.startswith("/"):
            return parse(self.text)
        return None


def is_answer(turn: Turn) -> bool:
    """Whether this turn is meant as an answer to the form at all."""
    return turn.intent in ANSWER_INTENTS


def read_turn(turn: Turn) -> Dict[str, Any]:
    """The slot values this turn gives (normalised), plus `spread_to`/`onset_days`
    extras; the open question maps to INVALID when its answer can't be read."""
    if not is_answer(turn):
        return {}
    asked = turn.requested_slot
    if turn.intent == Intents.SKIP and asked in FORM_SLOTS:
        return {asked: _skipped(asked)}
    fills: Dict[str, Any] = {}
    free_text = turn.text if not turn.text.startswith("/") else ""

    def text_for(slot: str) -> str:
        return free_text if slot == asked else ""

    correcting = turn.intent == Intents.CORRECT
    if correcting:
        turn = Turn(
            turn.text,
            turn.intent,
            parsing.without_rejected(turn.entities, turn.text),
            turn.requested_slot,
            turn.slots,
        )
    kinds = parsing.symptom_kinds_from(turn.entities, text_for(Slots.SYMPTOM_KIND))
    if kinds:
        old = _known(turn.slots.get(Slots.SYMPTOM_KIND))
        fills[Slots.SYMPTOM_KIND] = kinds if correcting else _merge(old, kinds)

    locations = parsing.locations_from(turn.entities, text_for(Slots.LOCATIONS))
    side = parsing.canonical_side(turn.entity(Entities.SIDE) or "")
    old_locations = turn.slots.get(Slots.LOCATIONS)
    if correcting and (locations or side):
        fills[Slots.LOCATIONS] = parsing.correct_locations(
            old_locations, locations, side
        )
    elif locations:
        fills[Slots.LOCATIONS] = parsing.merge_locations(old_locations, locations)

    onset = turn.parsed(Entities.DURATION, parsing.parse_onset, Slots.ONSET)
    if onset:
        fills[Slots.ONSET], fills[Slots.ONSET_DAYS] = onset.text, onset.days

    course = turn.parsed(Entities.COURSE, parsing.parse_course, Slots.COURSE)
    if course and course.trend:
        spreading = ", spreading" if course.spreading else ""
        fills[Slots.COURSE] = course.trend + spreading
        if course.spreading and locations:
            fills[Slots.SPREAD_TO] = [parsing.base_part(loc) for loc in locations]

    severity = turn.parsed(Entities.SEVERITY, parsing.parse_severity, Slots.SEVERITY)
    if severity is not None:
        fills[Slots.SEVERITY] = severity

    pattern = turn.parsed(Entities.PATTERN, parsing.parse_pattern, Slots.PATTERN)
    if asked == Slots.PATTERN and pattern is None and turn.intent == Intents.DENY:
        pattern = ["no clear pattern"]
    if pattern:
        fills[Slots.PATTERN] = pattern

    if asked in FORM_SLOTS and asked not in fills and not _fills_form(fills):
        fills[asked] = INVALID
    return fills


def _fills_form(fills: Dict[str, Any]) -> bool:
    return any(slot in FORM_SLOTS for slot in fills)


def _skipped(slot: str) -> Any:
    return [SKIPPED] if slot in LIST_SLOTS else SKIPPED


def _known(value: Any) -> List[str]:
    return [v for v in (value or []) if v != SKIPPED]


def _merge(old: List[str], new: List[str]) -> List[str]:
    return old + [v for v in new if v not in old]
