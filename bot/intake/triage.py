"""How soon someone should see a doctor, from what the intake collected.

Three levels, as in telephone triage: EMERGENCY (the safety takeover handles it),
DOCTOR_TODAY (consultation within 24 hours) and SELF_CARE (general information;
see a doctor if it persists). The one rule below "emergency" comes from the
corpus's own forum case: weakness that ascends (legs, then arms) or spreads fast
within days can be the start of Guillain-Barre syndrome, where breathing trouble
"may grow unnoticeably".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Iterable, Sequence

from bot.intake.parsing import base_part


class Level(str, Enum):
    EMERGENCY = "emergency"
    DOCTOR_TODAY = "doctor_today"
    SELF_CARE = "self_care"


LOWER_LIMB = {
    "calf", "shin", "thigh", "thigh front", "thigh back", "leg", "knee", "ankle",
    "hip", "buttock", "foot", "sole", "arch", "toes", "heel", "limbs",
}  # fmt: skip
UPPER_LIMB = {
    "hand", "palm", "thumb pad", "thumb", "fingers", "wrist", "forearm", "elbow",
    "arm", "shoulder", "limbs",
}  # fmt: skip
# "Within days": a spread over this many days or fewer counts as fast.
FAST_SPREAD_DAYS = 14


@dataclass(frozen=True)
class Triage:
    """The level and the reason, in words a patient can read."""

    level: Level
    reason: str


def assess(
    symptom_kinds: Sequence[str],
    locations: Sequence[str],
    spreading: bool = False,
    onset_days: float | None = None,
    spread_to: Iterable[str] = (),
    breathing_screen: str | None = None,
) -> Triage:
    """The triage level for one intake.

    `spreading` is True when the patient said it is spreading; `spread_to` lists
    the parts it spread to; `onset_days` estimates when it began.
    """
    if breathing_screen == "yes":
        return Triage(
            Level.EMERGENCY, "difficulty breathing, swallowing or speaking was reported"
        )
    kinds = set(symptom_kinds)
    parts = {base_part(loc) for loc in [*locations, *spread_to]}
    if "weakness" in kinds:
        legs = bool(parts & LOWER_LIMB)
        arms = bool(parts & UPPER_LIMB)
        ascending = legs and arms and (spreading or "limbs" in parts)
        fast = spreading and onset_days is not None and onset_days <= FAST_SPREAD_DAYS
        if ascending:
            return Triage(
                Level.DOCTOR_TODAY,
                "weakness in both the legs and the arms that is spreading",
            )
        if fast:
            return Triage(
                Level.DOCTOR_TODAY, "weakness that has spread within a few days"
            )
    return Triage(Level.SELF_CARE, "no warning pattern in what you described")
