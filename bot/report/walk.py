"""Reads one conversation's events into the facts the report counts.

A conversation is one session of one sender (Rasa starts a new session with a
`session_started` event). Only conversations with a user message count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Dict, Iterable, Iterator, List, Tuple

from bot.report import names
from bot.report.store import Event

SOURCE_LINE = re.compile(names.SOURCE_LINE_PATTERN, re.MULTILINE)
NOT_EMERGENCY = re.compile(names.NOT_EMERGENCY_PATTERN, re.IGNORECASE)
# Slots whose values the walk reads; the store parses no other slot's JSON.
READ_SLOTS = frozenset({names.REQUESTED_SLOT} | names.SIGN_SLOTS | names.CATEGORY_SLOTS)

# Intake stages, in the order a patient reaches them.
STAGES = ("offered", "accepted", "completed", "summary delivered")

# How a takeover message was followed.
NOT_AN_EMERGENCY = "said it is not an emergency"
NO_REPLY = "no reply"
HELP_ARRANGED = "help arranged"
ANOTHER_SIGN = "another warning sign"
OTHER_REPLY = "carried on"
FOR_REVIEW = (NOT_AN_EMERGENCY, NO_REPLY)


@dataclass
class Takeover:
    """One emergency takeover and what the patient said next."""

    timestamp: float
    text: str
    signs: List[str]
    category: str | None = None
    reply: str | None = None
    reply_text: str = ""

    @property
    def kinds(self) -> List[str]:
        found = [sign_kind(s) for s in self.signs] or ["(no sign recorded)"]
        return sorted(set(found))

    @property
    def category_or_kinds(self) -> str:
        """The category the takeover recorded, else the one its signs imply."""
        if self.category:
            return self.category
        if not self.signs:
            return "unknown"
        respiratory = any(k in names.RESPIRATORY_KINDS for k in self.kinds)
        return "respiratory" if respiratory else "bulbar"


@dataclass
class Conversation:
    """What one conversation contributes to the report."""

    sender: str
    started: float
    channel: str = "unknown"
    # day -> [user messages, nlu_fallback messages]
    messages_by_day: Dict[str, List[int]] = field(default_factory=dict)
    answered: int = 0
    unanswered: List[str] = field(default_factory=list)
    cited: List[List[str]] = field(default_factory=list)
    # (passage ids of the answer, helped?)
    feedback: List[Tuple[List[str], bool]] = field(default_factory=list)
    takeovers: List[Takeover] = field(default_factory=list)
    stage: int = 0  # how many of STAGES were reached
    # (where, why) for an intake offered and not finished
    stopped_at: Tuple[str, str] | None = None

    @property
    def day(self) -> str:
        return day_of(self.started)


def day_of(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, tz=timezone.utc).strftime("%Y-%m-%d")


def sign_kind(sign: str) -> str:
    """The kind of warning sign a phrase describes ("cant breathe" -> breathing)."""
    lowered = sign.lower()
    for kind, stems in names.SIGN_KINDS:
        if any(stem in lowered for stem in stems):
            return kind
    return "other"


def passage_ids(data: dict) -> List[str]:
    """The passages a cited answer quotes: its custom data if it names them, else
    the "Source: ..., passage <id>" lines of its text."""
    custom = (data.get("data") or {}).get("custom") or {}
    if isinstance(custom, dict):
        for key in names.PASSAGE_IDS_KEYS:
            ids = custom.get(key)
            if isinstance(ids, list) and ids:
                return [str(i) for i in ids]
    return SOURCE_LINE.findall(data.get("text") or "")


def conversations(sender: str, events: Iterable[Event]) -> Iterator[Conversation]:
    """The sender's conversations (sessions) that hold a user message."""
    walk: _Walk | None = None
    for event in events:
        if event.type == "session_started" or walk is None:
            if walk is not None and walk.has_user:
                yield walk.finish()
            walk = _Walk(sender, event.timestamp)
        walk.step(event)
    if walk is not None and walk.has_user:
        yield walk.finish()


class _Walk:
    """The state of one conversation as its events are read in order."""

    def __init__(self, sender: str, started: float) -> None:
        self.facts = Conversation(sender, started)
        self.has_user = False
        self.last_text = ""
        self.last_signs: List[str] = []
        self.last_utter: str | None = None
        self.last_answer_ids: List[str] = []
        self.open_takeover: Takeover | None = None
        self.took_over_this_turn = False
        self.requested: str | None = None
        self.stop_reason: str | None = None
        self.offer_reply: str | None = None
        self.took_over_at_screen = False

    def reach(self, stage: int) -> None:
        self.facts.stage = max(self.facts.stage, stage)

    def step(self, event: Event) -> None:
        handler = getattr(self, f"_on_{event.type}", None)
        if handler is not None:
            handler(event)

    def _on_user(self, event: Event) -> None:
        data = event.data
        intent = event.intent or (
            (data.get("parse_data") or {}).get("intent") or {}
        ).get("name")
        text = data.get("text") or ""
        facts = self.facts
        if not self.has_user:
            self.has_user = True
            facts.started = event.timestamp
            facts.channel = data.get("input_channel") or "unknown"
        counts = facts.messages_by_day.setdefault(day_of(event.timestamp), [0, 0])
        counts[0] += 1
        counts[1] += intent in names.FALLBACK_INTENTS
        if self.open_takeover is not None and intent != names.RED_FLAG_INTENT:
            self._close_takeover(intent, text)
        elif self.open_takeover is not None:
            self._close_takeover(intent, text, ANOTHER_SIGN)
        self._feedback(intent)
        self._intake_reply(intent)
        self.last_text = text
        entities = (data.get("parse_data") or {}).get("entities") or []
        self.last_signs = [
            str(e.get("value") or e.get("text") or "")
            for e in entities
            if isinstance(e, dict) and e.get("entity") == names.SIGN_ENTITY
        ]
        self.took_over_this_turn = False

    def _close_takeover(self, intent, text: str, reply: str | None = None) -> None:
        takeover = self.open_takeover
        if reply is None:
            if intent in names.NOT_EMERGENCY_INTENTS or NOT_EMERGENCY.search(text):
                reply = NOT_AN_EMERGENCY
            elif intent in names.HELP_ARRANGED_INTENTS:
                reply = HELP_ARRANGED
            else:
                reply = OTHER_REPLY
        takeover.reply, takeover.reply_text = reply, text
        self.open_takeover = None

    def _feedback(self, intent) -> None:
        after_offer = self.last_utter in names.FEEDBACK_OFFER_UTTERS
        if intent in names.HELPED_INTENTS or (
            after_offer and intent in names.YES_INTENTS
        ):
            helped = True
        elif intent in names.NOT_HELPED_INTENTS or (
            after_offer and intent in names.NO_INTENTS
        ):
            helped = False
        else:
            return
        if self.last_answer_ids:
            self.facts.feedback.append((self.last_answer_ids, helped))
            # One verdict per answer: a second click is not a second vote.
            self.last_answer_ids = []

    def _intake_reply(self, intent) -> None:
        if intent in names.INTAKE_START_INTENTS:
            self.reach(1)
        if self.facts.stage == 2 and intent in names.INTAKE_STOP_INTENTS:
            self.stop_reason = "said stop"
        if self.last_utter in names.INTAKE_OFFER_UTTERS and self.facts.stage == 1:
            declined = intent in names.INTAKE_DECLINE_INTENTS
            self.offer_reply = "declined" if declined else "answered something else"

    def _on_bot(self, event: Event) -> None:
        data = event.data
        utter = (data.get("metadata") or {}).get("utter_action")
        if utter is None:
            return
        self.last_utter = utter
        if utter in names.CITED_ANSWER_UTTERS:
            self.facts.answered += 1
            self.last_answer_ids = passage_ids(data)
            self.facts.cited.append(self.last_answer_ids)
        elif utter in names.NO_ANSWER_UTTERS:
            self.facts.unanswered.append(self.last_text)
        elif utter in names.EMERGENCY_UTTERS:
            self._take_over(event.timestamp)
        elif utter in names.INTAKE_OFFER_UTTERS:
            self.reach(1)
        elif utter in names.INTAKE_START_UTTERS:
            self.reach(2)
        elif utter in names.INTAKE_SCREEN_UTTERS:
            self.reach(3)
        elif utter in names.INTAKE_SUMMARY_UTTERS:
            self.reach(4)

    def _take_over(self, timestamp: float) -> None:
        if self.took_over_this_turn:
            return
        self.took_over_this_turn = True
        if self.facts.stage == 2:
            self.stop_reason = "emergency takeover"
        if self.facts.stage == 3:
            self.took_over_at_screen = True
        self.open_takeover = Takeover(timestamp, self.last_text, list(self.last_signs))
        self.facts.takeovers.append(self.open_takeover)

    def _on_action(self, event: Event) -> None:
        if event.name in names.TAKEOVER_ACTIONS:
            self._take_over(event.timestamp)
        elif event.name in names.INTAKE_SUMMARY_ACTIONS:
            self.reach(3)

    def _on_active_loop(self, event: Event) -> None:
        if event.name in names.INTAKE_FORMS:
            self.reach(2)

    def _on_slot(self, event: Event) -> None:
        value = event.data.get("value")
        if event.name == names.REQUESTED_SLOT:
            if value:
                self.requested = str(value)
        elif event.name in names.SIGN_SLOTS and self.facts.takeovers:
            latest = self.facts.takeovers[-1]
            if not latest.signs and isinstance(value, list):
                latest.signs = [str(v) for v in value]
        elif event.name in names.CATEGORY_SLOTS and self.facts.takeovers and value:
            self.facts.takeovers[-1].category = str(value)

    def finish(self) -> Conversation:
        if self.open_takeover is not None:
            self.open_takeover.reply = NO_REPLY
        facts = self.facts
        if facts.stage == 1:
            facts.stopped_at = ("at the offer", self.offer_reply or "no reply")
        elif facts.stage == 2:
            question = self.requested or "the first question"
            facts.stopped_at = (f"at {question}", self.stop_reason or "no reply")
        elif facts.stage == 3:
            why = "emergency takeover" if self.took_over_at_screen else "no reply"
            facts.stopped_at = ("at the breathing question", why)
        return facts
