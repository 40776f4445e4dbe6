"""The end of the intake: a summary a patient can copy to a doctor, and which
excerpts from the sources to show with it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, List

from bot.domain_names import Slots
from bot.intake.parsing import SKIPPED, base_part

NOT_GIVEN = "not given"
# Sections holding the forum exchange (patients' posts, a doctor's reply to one).
FORUM_SECTION = "Forum"


@dataclass
class Intake:
    """What the form collected (slot values as the form stored them)."""

    symptom_kind: List[str] = field(default_factory=list)
    locations: List[str] = field(default_factory=list)
    onset: str | None = None
    course: str | None = None
    spread_to: List[str] = field(default_factory=list)
    severity: Any = None
    pattern: List[str] = field(default_factory=list)
    breathing_screen: str | None = None

    @classmethod
    def from_slots(cls, slots: dict) -> Intake:
        """Builds the record from a tracker's slot values (missing ones are fine)."""

        def as_list(value: Any) -> List[str]:
            if value is None:
                return []
            return [str(v) for v in value] if isinstance(value, list) else [str(value)]

        return cls(
            symptom_kind=as_list(slots.get(Slots.SYMPTOM_KIND)),
            locations=as_list(slots.get(Slots.LOCATIONS)),
            onset=slots.get(Slots.ONSET),
            course=slots.get(Slots.COURSE),
            spread_to=as_list(slots.get(Slots.SPREAD_TO)),
            severity=slots.get(Slots.SEVERITY),
            pattern=as_list(slots.get(Slots.PATTERN)),
            breathing_screen=slots.get("breathing_screen"),
        )


def _shown(value: Any) -> str:
    if value in (None, "", [], SKIPPED) or value == [SKIPPED]:
        return NOT_GIVEN
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if v != SKIPPED) or NOT_GIVEN
    return str(value)


def _severity(value: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{int(value)}/10"
    return _shown(value)


def _course(intake: Intake) -> str:
    text = _shown(intake.course)
    spread = [s for s in intake.spread_to if s != SKIPPED]
    if spread:
        text += f" (spreading to {', '.join(spread)})"
    return text


def render_value(slot: str, value: Any) -> str:
    """One slot value as the summary shows it ("7/10", "left calf, neck")."""
    if slot == Slots.SEVERITY:
        return _severity(value)
    if slot == "breathing_screen":
        return _SCREEN.get(str(value), NOT_GIVEN)
    return _shown(value)


_SCREEN = {"yes": "YES", "no": "no", "unknown": "not sure"}


def render(intake: Intake) -> str:
    """The structured summary, one fact per line, ready to copy."""
    rows = [
        ("What", _shown(intake.symptom_kind)),
        ("Where", _shown(intake.locations)),
        ("Since", _shown(intake.onset)),
        ("Course", _course(intake)),
        ("Severity (0-10)", _severity(intake.severity)),
        ("Pattern / triggers", _shown(intake.pattern)),
        (
            "Difficulty breathing, swallowing or speaking",
            _SCREEN.get(str(intake.breathing_screen), NOT_GIVEN),
        ),
    ]
    return "\n".join(f"- {label}: {value}" for label, value in rows)


def symptom_query(intake: Intake) -> str:
    """A search query built from the collected symptoms ("cramp calf at night")."""
    kinds = [k for k in intake.symptom_kind if k != SKIPPED] or ["muscle pain"]
    parts = [base_part(loc) for loc in intake.locations if loc != SKIPPED]
    triggers = [p for p in intake.pattern if p not in (SKIPPED, "no clear pattern")]
    words = [*kinds[:2], *(f"in the {p}" for p in parts[:2]), *triggers[:1]]
    return "why do I have muscle " + " ".join(words)


def doctor_query(intake: Intake) -> str:
    """A search query for the sources' advice on which doctor to see."""
    parts = [base_part(loc) for loc in intake.locations if loc != SKIPPED]
    legs = any(p in {"calf", "shin", "thigh", "leg", "foot"} for p in parts)
    # Phrased the way the sources answer it (the therapist for leg pain, a
    # neurologist for tension and spasms), so the answer sentence is quoted.
    if legs or not parts:
        return "who should I visit to find out the cause of my leg muscle pain"
    return "which specialist should examine my muscle symptoms"


def choose_excerpts(answer: Callable[[str], Any], intake: Intake, limit: int = 2):
    """Up to `limit` cited excerpts: the best one for the symptoms, then the
    sources' pointer to which doctor to see.

    `answer(query)` is the retrieval layer's `answer_question` (quoted, trimmed,
    with curation cautions). Skipped: abstentions, passages already chosen, and
    the forum posts, which are other patients' stories rather than advice.
    """
    chosen = []
    for query in (symptom_query(intake), doctor_query(intake)):
        result = answer(query)
        if result.abstained:
            continue
        seen = {e.passage_id for e in chosen}
        usable = [
            e
            for e in result.excerpts
            if e.passage_id not in seen and not e.section.startswith(FORUM_SECTION)
        ]
        if usable:
            chosen.append(usable[0])
        if len(chosen) >= limit:
            break
    return chosen


def render_excerpts(excerpts) -> str:
    """Numbered quotes, each followed by its "Source:" line (and any caution)."""
    return "\n\n".join(e.render(i) for i, e in enumerate(excerpts, 1))
