"""Turns what patients type (or the entities NLU found in it) into clean slot values.

Everything here is pure: text and entity dicts in, canonical values out. The form's
validation action calls these; nothing here knows about Rasa.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Dict, Iterable, List, Sequence

from bot.domain_names import Entities
from bot.intake.vocabulary import BODY_PARTS, SIDES, SYMPTOM_KINDS, variants

# What a skipped question ("don't know", "skip") is recorded as.
SKIPPED = "not known"

_BODY = variants(BODY_PARTS)
_SIDE = variants(SIDES)
_KIND = variants(SYMPTOM_KINDS)

_NUMBER_WORDS = {
    "zero": 0, "none": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3,
    "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "couple": 2,
    "a couple of": 2, "couple of": 2, "few": 3, "a few": 3, "several": 4,
}  # fmt: skip
_UNIT_DAYS = {"minute": 0, "hour": 0, "day": 1, "week": 7, "month": 30, "year": 365}
_MONTHS = [
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december",
]  # fmt: skip
_WEEKDAYS = [
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"
]  # fmt: skip


def _pattern(forms: Iterable[str]) -> re.Pattern:
    # Longest first, so "lower back" wins over "back" and "pad of the thumb" over
    # "thumb".
    alternatives = sorted({re.escape(f) for f in forms}, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(alternatives) + r")\b", re.IGNORECASE)


_BODY_RE = _pattern(_BODY)
_KIND_RE = _pattern(_KIND)
_SIDE_RE = _pattern(_SIDE)


def canonical_body_part(text: str) -> str | None:
    """The canonical name of one body-part phrase ("calves" -> "calf"), or None."""
    return _BODY.get(_clean(text))


def canonical_symptom_kind(text: str) -> str | None:
    """The canonical symptom kind of a phrase ("pins and needles" -> "tingling")."""
    return _KIND.get(_clean(text))


def canonical_side(text: str) -> str | None:
    """ "left", "right" or "both" for a side phrase, or None."""
    return _SIDE.get(_clean(text))


def find_body_parts(text: str) -> List[str]:
    """Canonical body parts named anywhere in free text, in order, no repeats."""
    return _unique(_BODY[m.group(1).lower()] for m in _BODY_RE.finditer(text or ""))


# "back" as a return, not the body part: "it keeps coming back", "back to
# normal", "a while back".
_RETURN_BACK_RE = re.compile(
    r"\b(?:come|comes|coming|came|go|goes|going|went|gone|get|gets|getting|got|"
    r"bring|brings|bringing|brought|call|called|write|wrote|text|while|years?|"
    r"months?|weeks?|ways?|step|steps|hold|held|cut|cutting|fight|fighting)\s+$",
    re.IGNORECASE,
)
_BACK_AS_RETURN_AFTER_RE = re.compile(r"^\s+(?:to normal|then|again)\b", re.IGNORECASE)


def body_part_mentions(text: str) -> List[tuple]:
    """(surface phrase, canonical part) for each body part named in free text."""
    text = text or ""
    return [
        (m.group(1), _BODY[m.group(1).lower()])
        for m in _BODY_RE.finditer(text)
        if not (m.group(1).lower() == "back" and _is_return(text, m))
    ]


def _is_return(text: str, match: re.Match) -> bool:
    return bool(
        _RETURN_BACK_RE.search(text[: match.start()])
        or _BACK_AS_RETURN_AFTER_RE.match(text[match.end() :])
    )


def find_symptom_kinds(text: str) -> List[str]:
    """Canonical symptom kinds named anywhere in free text, in order, no repeats."""
    return _unique(_KIND[m.group(1).lower()] for m in _KIND_RE.finditer(text or ""))


def _clean(text: Any) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip().lower()


def _unique(items: Iterable[str]) -> List[str]:
    seen: List[str] = []
    for item in items:
        if item and item not in seen:
            seen.append(item)
    return seen


def entity_values(entities: Sequence[Dict[str, Any]], name: str) -> List[str]:
    """The values NLU found for one entity type, in order, without duplicates.

    Two extractors (DIET and the lookup tables) may report the same span; the
    synonym mapper has usually canonicalised the value already.
    """
    return _unique(
        str(e.get("value")).strip() for e in entities if e.get("entity") == name
    )


_REJECTED = re.compile(r"\b(not|no|instead of)( the| my| a| an)?\s*$", re.IGNORECASE)


def without_rejected(entities: Sequence[Dict[str, Any]], text: str) -> List[dict]:
    """Drops what a correction rejects: in "cramps, not pain" or "my feet, not my
    hands" the value after "not" is the old, wrong answer."""
    return [
        e
        for e in entities
        if e.get("start") is None
        or not _REJECTED.search(text[max(0, e["start"] - 14) : e["start"]])
    ]


def symptom_kinds_from(entities: Sequence[Dict[str, Any]], text: str) -> List[str]:
    """Canonical symptom kinds from the entities, else from the words themselves."""
    found = [
        canonical_symptom_kind(v)
        for v in entity_values(entities, Entities.SYMPTOM_KIND)
    ]
    return _unique(k for k in found if k) or find_symptom_kinds(text)


def locations_from(entities: Sequence[Dict[str, Any]], text: str) -> List[str]:
    """Locations such as "left calf" or "both shins", pairing each body part with
    the side named closest to it; falls back to scanning the text."""
    parts = _spans(entities, Entities.BODY_PART, canonical_body_part)
    if not parts:
        parts = [
            (m.start(), m.end(), _BODY[m.group(1).lower()])
            for m in _BODY_RE.finditer(text or "")
        ]
    sides = _spans(entities, Entities.SIDE, canonical_side) or [
        (m.start(), m.end(), _SIDE[m.group(1).lower()])
        for m in _SIDE_RE.finditer(text or "")
    ]
    return _unique(
        with_side(part, _nearest_side(start, end, sides, parts))
        for start, end, part in parts
    )


def with_side(part: str, side: str | None) -> str:
    """How a location is written: "left calf", "shin (both sides)" or "neck"."""
    if side == "both":
        return f"{part} (both sides)"
    return f"{side} {part}" if side else part


def _spans(entities, name, canon) -> List[tuple]:
    spans = {}
    for e in entities:
        if e.get("entity") != name or e.get("start") is None:
            continue
        value = canon(e.get("value")) or canon(e.get("text", ""))
        if value:
            spans[(e["start"], e["end"])] = value
    return sorted((s, t, v) for (s, t), v in spans.items())


def _nearest_side(
    start: int, end: int, sides: List[tuple], parts: List[tuple]
) -> str | None:
    # "my left calf" (side just before) or "the calf on the right" (just after),
    # but never across another body part ("right thigh and the neck").
    best, best_gap = None, 1000
    for s_start, s_end, side in sides:
        before = s_end <= start
        gap = start - s_end if before else s_start - end
        low, high = (s_end, start) if before else (end, s_start)
        between = any(low <= p_start < high for p_start, _, _ in parts)
        if 0 <= gap <= (25 if before else 15) and not between and gap < best_gap:
            best, best_gap = side, gap
    return best


def base_part(location: str) -> str:
    """The body part of a location without its side ("left calf" -> "calf")."""
    location = location.removesuffix(" (both sides)")
    words = location.split(" ", 1)
    return words[1] if len(words) == 2 and words[0] in SIDES else location


def merge_locations(old: List[str] | None, new: List[str]) -> List[str]:
    """Adds newly named locations to the list; a side refines an earlier bare part
    ("calf" then "left calf" gives "left calf", not both)."""
    merged = [loc for loc in (old or []) if loc != SKIPPED]
    for location in new:
        if location in merged:
            continue
        bare = base_part(location)
        if location != bare and bare in merged:
            merged[merged.index(bare)] = location
        elif location == bare and any(base_part(m) == bare for m in merged):
            continue
        else:
            merged.append(location)
    return merged


def correct_locations(
    old: List[str] | None, new: List[str], side_only: str | None
) -> List[str]:
    """Applies "no, it's the left leg": the new locations replace the old ones with
    the same body part, or all of them when none match; a bare side ("no, the
    left one") moves the most recent location to that side."""
    current = [loc for loc in (old or []) if loc != SKIPPED]
    if not new and side_only and current:
        current[-1] = with_side(base_part(current[-1]), side_only)
        return current
    if not new:
        return current
    new_parts = {base_part(loc) for loc in new}
    kept = [loc for loc in current if base_part(loc) not in new_parts]
    if len(kept) == len(current):  # nothing matched: the old answer was wrong
        kept = []
    return _unique(kept + new)


_SEVERITY_RE = re.compile(
    r"\b(10|[0-9])(?:[.,]5)?\s*(?:/|out of|of|outta)\s*10\b|\b(10|[0-9])\b",
    re.IGNORECASE,
)
_SEVERITY_WORDS = re.compile(
    r"\b(zero|one|two|three|four|five|six|seven|eight|nine|ten)\b", re.IGNORECASE
)
_SEVERITY_LABELS = {
    "very mild": "mild", "mild": "mild", "slight": "mild", "not much": "mild",
    "moderate": "moderate", "medium": "moderate", "bad": "severe",
    "severe": "severe", "strong": "severe", "unbearable": "unbearable",
    "excruciating": "unbearable", "worst": "unbearable",
}  # fmt: skip


def parse_severity(value: Any) -> Any | None:
    """A 0-10 number from "7/10", "8 out of 10", "seven" or "6"; a label such as
    "severe" when only words were given; None for anything else (e.g. "15")."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value) if 0 <= value <= 10 else None
    text = _clean(value)
    match = _SEVERITY_RE.search(text)
    if match:
        return int(match.group(1) or match.group(2))
    if re.search(r"\b(1[1-9]|[2-9]\d|\d{3,})\b", text):
        return None  # a number, but off the scale: ask again
    word = _SEVERITY_WORDS.search(text)
    if word:
        return _NUMBER_WORDS[word.group(1).lower()]
    for phrase, label in _SEVERITY_LABELS.items():
        if re.search(rf"\b{phrase}\b", text):
            return label
    return None


@dataclass(frozen=True)
class Onset:
    """When it started, as the patient said it, and roughly how many days ago."""

    text: str
    days: float | None


_AMOUNT = r"(\d+|a couple of|couple of|a few|few|several|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)"  # noqa: E501
_UNIT = r"(minute|hour|day|week|month|year)s?"
_DURATION_RE = re.compile(
    rf"\b(?:for |about |around |almost |nearly |over |past |last )*{_AMOUNT}\s+"
    rf"(?:(?:and a half|or so)\s+)?{_UNIT}(\s+ago)?\b",
    re.IGNORECASE,
)
_SINCE_RE = re.compile(
    r"\bsince\s+(?:last\s+|early\s+|late\s+|the\s+end\s+of\s+)?(\w+)", re.IGNORECASE
)
_RELATIVE = {
    "this morning": 0, "this evening": 0, "today": 0, "tonight": 0, "just now": 0,
    "an hour ago": 0, "yesterday": 1, "last night": 1, "the day before yesterday": 2,
    "last week": 7, "a week ago": 7, "last month": 30, "last year": 365,
    "a long time": 365, "years": 730, "for ages": 365, "all my life": 3650,
    "recently": 7, "a while": 30, "half a year": 182, "last summer": 180,
    "last winter": 180,
}  # fmt: skip


def _amount(word: str) -> float:
    word = word.lower()
    return float(word) if word.isdigit() else float(_NUMBER_WORDS.get(word, 1))


def parse_onset(value: Any, today: date | None = None) -> Onset | None:
    """Normalises "two months ago", "since August", "for 5 days", "this morning".

    Returns the phrase in a tidy form and an estimate of the days since it began
    (used by triage to tell "within days" from "for months"), or None.
    """
    text = _clean(value)
    today = today or date.today()
    match = _DURATION_RE.search(text)
    if match:
        amount = _amount(match.group(1))
        unit = match.group(2).lower()
        days = amount * _UNIT_DAYS[unit]
        shown = int(amount) if amount == int(amount) else amount
        label = f"{shown} {unit}{'' if shown == 1 else 's'}"
        return Onset(f"{label} ago" if match.group(3) else f"for {label}", days)
    since = _SINCE_RE.search(text)
    if since:
        word = since.group(1).lower()
        if word in _MONTHS:
            month = _MONTHS.index(word) + 1
            year = today.year if month <= today.month else today.year - 1
            days = (today - date(year, month, 1)).days
            return Onset(f"since {word.capitalize()}", float(days))
        if word in _WEEKDAYS:
            back = (today.weekday() - _WEEKDAYS.index(word)) % 7 or 7
            return Onset(f"since {word.capitalize()}", float(back))
        for phrase, days in _RELATIVE.items():
            if phrase.endswith(word):
                return Onset(f"since {phrase}", float(days))
    for phrase, days in _RELATIVE.items():
        if re.search(rf"\b{phrase}\b", text):
            return Onset(phrase, float(days))
    return None


@dataclass(frozen=True)
class Course:
    """How it has changed: "worse", "better", "same" or "comes and goes", and
    whether it is spreading."""

    trend: str | None
    spreading: bool


_TRENDS = [
    ("comes and goes", r"comes? and goes?|on and off|off and on|varies|up and down"),
    ("worse", r"worse|worsening|stronger|more often|increas\w*|intensif\w*|"
              r"getting bad|grow\w*|spread\w*"),
    ("better", r"better|improv\w*|easing|less|decreas\w*|going away|fading"),
    ("same", r"same|no change|not changed|hasn'?t changed|stable|constant|steady"),
]  # fmt: skip
_SPREADING = re.compile(
    r"spread\w*|moving|moved|travel\w*|going up|goes up|creep\w*|"
    r"(now|also) (in|to) (my|the)|reach\w*",
    re.IGNORECASE,
)


def parse_course(value: Any) -> Course | None:
    """Reads "getting worse and spreading up to my arms" as (worse, spreading)."""
    text = _clean(value)
    spreading = bool(_SPREADING.search(text))
    for trend, pattern in _TRENDS:
        if re.search(rf"\b(?:{pattern})\b", text):
            return Course(trend, spreading)
    return Course("worse", True) if spreading else None


_TRIGGERS = [
    ("in the morning", r"morning|wake up|waking|get up|getting up|mornings"),
    ("at night", r"night|nights|nighttime|in bed|sleep\w*|evening|evenings"),
    ("after exertion", r"exercis\w*|exertion|workout|training|running|run|walk\w*|"
                       r"sport|gym|effort|climbing|lifting|physical"),
    ("after sitting", r"sitting|sit|desk|chair|driving|long flight"),
    ("when standing", r"standing|stand"),
    ("at rest", r"at rest|resting|lying down|doing nothing"),
    ("with stress", r"stress\w*|anxious|anxiety|nervous|worried"),
    ("with cold", r"cold|chill\w*|winter"),
    ("all the time", r"all the time|constant\w*|always|all day|24/7"),
]  # fmt: skip
_NO_PATTERN = re.compile(r"^(no|nope|nothing|not really|no pattern|random\w*)\b")


def parse_pattern(value: Any) -> List[str] | None:
    """Triggers and timing ("worse at night and after i run" -> ["at night",
    "after exertion"]); ["no clear pattern"] for "no" or "random"; None if neither."""
    text = _clean(value)
    found = [
        name for name, pattern in _TRIGGERS if re.search(rf"\b(?:{pattern})\b", text)
    ]
    if found:
        return found
    if _NO_PATTERN.search(text) or "random" in text:
        return ["no clear pattern"]
    return None
