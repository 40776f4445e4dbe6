"""The symptom form's validation and its closing summary (logic in bot/intake/)."""

from __future__ import annotations

import logging
from typing import Any, Dict, List

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot import settings
from bot.domain_names import (
    FORM_SLOTS,
    Actions,
    Intents,
    Responses,
    Slots,
    invalid_response,
)
from bot.intake import answers, prefill, summary, triage
from bot.intake.answers import INVALID, Turn

logger = logging.getLogger(__name__)

# The screening answer by intent; "yes" never gets here (the takeover runs).
SCREEN_ANSWERS = {Intents.DENY: "no", Intents.SKIP: "unknown"}
# How each slot is named when the bot confirms a correction.
LABELS = {
    Slots.SYMPTOM_KIND: "what you feel",
    Slots.LOCATIONS: "where",
    Slots.ONSET: "when it started",
    Slots.COURSE: "how it has changed",
    Slots.SEVERITY: "how strong it is",
    Slots.PATTERN: "when it is worse",
}


def _turn(tracker: Tracker) -> Turn:
    message = tracker.latest_message or {}
    return Turn(
        text=message.get("text") or "",
        intent=(message.get("intent") or {}).get("name") or "",
        entities=message.get("entities") or [],
        requested_slot=tracker.get_slot(Slots.REQUESTED_SLOT),
        slots=dict(tracker.slots),
    )


class ValidateSymptomForm(FormValidationAction):
    """Fills the OLDCARTS questions from what the patient says, in any order.

    Each `extract_<slot>` takes its value from `bot.intake.answers.read_turn`;
    each `validate_<slot>` turns an unreadable answer into a clear re-ask and
    confirms corrections. On a turn that is not an answer (a health question, a
    red flag, "stop") nothing is returned, so the form rejects and the rule for
    that interruption runs.
    """

    def __init__(self) -> None:
        super().__init__()
        self._turns: Dict[int, tuple] = {}

    def name(self) -> str:
        return Actions.VALIDATE_SYMPTOM_FORM

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        turn = _turn(tracker)
        if not answers.is_answer(turn):
            return []
        # One reading per turn, shared by the extract_/validate_ methods below.
        # Keyed by the tracker: one action instance serves concurrent users.
        fills = answers.read_turn(turn)
        self._turns[id(tracker)] = (turn, fills)
        try:
            events = await super().run(dispatcher, tracker, domain)
        finally:
            del self._turns[id(tracker)]
        extras = [
            SlotSet(name, fills[name])
            for name in (Slots.ONSET_DAYS, Slots.SPREAD_TO)
            if name in fills
        ]
        return events + extras

    def _extracted(self, slot: str, tracker: Tracker) -> Dict[str, Any]:
        _, fills = self._turns[id(tracker)]
        return {slot: fills[slot]} if slot in fills else {}

    def _checked(
        self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> Dict[str, Any]:
        if value == INVALID:
            # Validation failed: explain what is needed; the form asks again.
            dispatcher.utter_message(response=invalid_response(slot))
            return {slot: None}
        turn, _ = self._turns[id(tracker)]
        if turn.intent == Intents.CORRECT and turn.slots.get(slot) is not None:
            shown = summary.render_value(slot, value)
            dispatcher.utter_message(
                response=Responses.INTAKE_CORRECTED, field=LABELS[slot], value=shown
            )
        return {slot: value}

    async def extract_symptom_kind(self, dispatcher, tracker, domain):
        """What the patient feels, from entities or the open question's answer."""
        return self._extracted(Slots.SYMPTOM_KIND, tracker)

    async def extract_locations(self, dispatcher, tracker, domain):
        """Body parts with sides, added to those already named."""
        return self._extracted(Slots.LOCATIONS, tracker)

    async def extract_onset(self, dispatcher, tracker, domain):
        """When it began ("two months ago", "since August")."""
        return self._extracted(Slots.ONSET, tracker)

    async def extract_course(self, dispatcher, tracker, domain):
        """Better, worse, the same, or comes and goes."""
        return self._extracted(Slots.COURSE, tracker)

    async def extract_severity(self, dispatcher, tracker, domain):
        """A 0-10 rating (or the patient's own word for it)."""
        return self._extracted(Slots.SEVERITY, tracker)

    async def extract_pattern(self, dispatcher, tracker, domain):
        """When it is worse: morning, night, after exertion, after sitting..."""
        return self._extracted(Slots.PATTERN, tracker)

    def validate_symptom_kind(self, value, dispatcher, tracker, domain):
        """Re-asks if no symptom kind could be read."""
        return self._checked(Slots.SYMPTOM_KIND, value, dispatcher, tracker)

    def validate_locations(self, value, dispatcher, tracker, domain):
        """Re-asks if no body part could be read; confirms corrections."""
        return self._checked(Slots.LOCATIONS, value, dispatcher, tracker)

    def validate_onset(self, value, dispatcher, tracker, domain):
        """Re-asks with examples if no time could be read."""
        return self._checked(Slots.ONSET, value, dispatcher, tracker)

    def validate_course(self, value, dispatcher, tracker, domain):
        """Re-asks if better/worse/same could not be read."""
        return self._checked(Slots.COURSE, value, dispatcher, tracker)

    def validate_severity(self, value, dispatcher, tracker, domain):
        """Re-asks for a number from 0 to 10."""
        return self._checked(Slots.SEVERITY, value, dispatcher, tracker)

    def validate_pattern(self, value, dispatcher, tracker, domain):
        """Re-asks with examples of triggers."""
        return self._checked(Slots.PATTERN, value, dispatcher, tracker)


class ActionIntakeSummary(Action):
    """Sends the summary for a doctor, the triage note and cited excerpts, then
    clears the intake so a later one starts fresh."""

    def name(self) -> str:
        return Actions.INTAKE_SUMMARY

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        intake = summary.Intake.from_slots(tracker.slots)
        # The screening question is asked after the form; its answer is this turn.
        intake.breathing_screen = SCREEN_ANSWERS.get(
            (tracker.latest_message or {}).get("intent", {}).get("name")
        )
        dispatcher.utter_message(
            response=Responses.INTAKE_SUMMARY, summary=summary.render(intake)
        )
        level = triage.assess(
            intake.symptom_kind,
            intake.locations,
            spreading="spreading" in str(intake.course or ""),
            onset_days=tracker.get_slot(Slots.ONSET_DAYS),
            spread_to=intake.spread_to,
            breathing_screen=intake.breathing_screen,
        )
        if level.level == triage.Level.DOCTOR_TODAY:
            dispatcher.utter_message(
                response=Responses.INTAKE_DOCTOR_TODAY,
                reason=level.reason,
                emergency_number=settings.load().emergency_number,
            )
        try:
            excerpts = summary.choose_excerpts(_answer, intake)
        except Exception:  # noqa: BLE001 - the summary must reach the patient anyway
            logger.exception("intake: no excerpts, the retrieval layer failed")
            excerpts = []
        if excerpts:
            dispatcher.utter_message(
                response=Responses.INTAKE_EXCERPTS,
                excerpts=summary.render_excerpts(excerpts),
            )
        else:
            dispatcher.utter_message(response=Responses.INTAKE_NO_EXCERPTS)
        dispatcher.utter_message(response=Responses.INTAKE_CLOSING)
        return reset_events()


class ActionIntakePrefill(Action):
    """Fills the form from what the patient said before the intake started, so
    nothing is asked twice."""

    def name(self) -> str:
        return Actions.INTAKE_PREFILL

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        known = prefill.prefill(_messages_since_last_intake(tracker))
        return [SlotSet(name, value) for name, value in known.items()]


class ActionIntakeOffer(Action):
    """Offers to note the symptoms just answered, unless the person said no."""

    def name(self) -> str:
        return Actions.OFFER_INTAKE

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        if not tracker.get_slot(Slots.INTAKE_DECLINED):
            dispatcher.utter_message(response=Responses.OFFER_INTAKE)
        return []


class ActionIntakeDecline(Action):
    """Takes a no to the offer: says so, and offers no more for this conversation."""

    def name(self) -> str:
        return Actions.INTAKE_DECLINE

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        dispatcher.utter_message(response=Responses.INTAKE_DECLINED)
        return [SlotSet(Slots.INTAKE_DECLINED, True)]


# Where a finished or stopped intake ended: what was said before belongs to it.
_INTAKE_ENDS = {Actions.INTAKE_SUMMARY, Actions.INTAKE_RESET, Actions.SESSION_START}


def _messages_since_last_intake(tracker: Tracker) -> List[tuple]:
    """(text, intent, entities) of the user's messages since the last intake
    ended, oldest first."""
    found = []
    for event in reversed(tracker.events):
        if event.get("event") == "action" and event.get("name") in _INTAKE_ENDS:
            break
        if event.get("event") == "user":
            parse = event.get("parse_data") or {}
            found.append(
                (
                    event.get("text") or "",
                    (parse.get("intent") or {}).get("name") or "",
                    parse.get("entities") or [],
                )
            )
    return list(reversed(found))


class ActionIntakeReset(Action):
    """Forgets the intake answers (after "stop"), so nothing stale is reused."""

    def name(self) -> str:
        return Actions.INTAKE_RESET

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        return reset_events()


def reset_events() -> List[EventType]:
    """Clears every intake slot."""
    names = [*FORM_SLOTS, Slots.ONSET_DAYS, Slots.SPREAD_TO, Slots.REQUESTED_SLOT]
    return [SlotSet(name, None) for name in names]


def _answer(query: str):
    # Imported on first use: the retriever brings a model and an index, which
    # Retriever.load() loads once and caches.
    from bot.retrieval.answer import answer_question

    return answer_question(query, k=3)
