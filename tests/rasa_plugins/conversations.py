"""Long conversations as Rasa's processor logs them, for the tracker store tests.

Each turn is the event sequence Rasa 3.6 writes for that kind of turn (action
first, then its events; a fallback rewinds the user's turn; a restart is
followed by a new session on the next message), with this assistant's intents,
actions, form and slots.
"""

from __future__ import annotations

import random
from typing import List

from rasa.shared.core.events import (
    ActionExecuted,
    ActionExecutionRejected,
    ActiveLoop,
    AllSlotsReset,
    BotUttered,
    ConversationPaused,
    ConversationResumed,
    Event,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUttered,
)

from bot.domain_names import FORM_SLOTS, Forms

FORM = Forms.SYMPTOM


def _user(text: str, intent: str) -> UserUttered:
    return UserUttered(text, {"name": intent, "confidence": 0.9})


def _listen() -> ActionExecuted:
    return ActionExecuted("action_listen")


def session_start(carried: dict | None = None) -> List[Event]:
    events: List[Event] = [ActionExecuted("action_session_start"), SessionStarted()]
    events += [SlotSet(k, v) for k, v in (carried or {}).items()]
    return events + [BotUttered("intro"), _listen()]


def question(n: int) -> List[Event]:
    return [
        _user(f"what helps a calf cramp {n}?", "ask_health_question"),
        ActionExecuted("action_answer_question"),
        BotUttered(f"answer {n}"),
        _listen(),
    ]


def thanks() -> List[Event]:
    return [
        _user("thanks", "thank"),
        ActionExecuted("utter_youre_welcome"),
        BotUttered("you're welcome"),
        _listen(),
    ]


def fallback() -> List[Event]:
    from rasa.shared.core.events import UserUtteranceReverted

    return [
        _user("blorp", "nlu_fallback"),
        SlotSet("severity", "7"),  # extracted, then reverted with the turn
        ActionExecuted("action_default_fallback"),
        BotUttered("sorry?"),
        UserUtteranceReverted(),
        _listen(),
    ]


def red_flag() -> List[Event]:
    return [
        _user("I can't breathe", "red_flag"),
        SlotSet("red_flag", True),
        ActionExecuted("utter_emergency"),
        BotUttered("call 112"),
        ActionExecuted("action_red_flag_takeover"),
        SlotSet("red_flag_signs", ["breathing"]),
        _listen(),
    ]


def form(answers: int = len(FORM_SLOTS), reject_once: bool = False) -> List[Event]:
    """An intake: activation, one turn per answer, and the form closing."""
    events: List[Event] = [
        _user("I'd like to describe my symptoms", "start_intake"),
        ActionExecuted(FORM),
        ActiveLoop(FORM),
        SlotSet("requested_slot", FORM_SLOTS[0]),
        BotUttered("what kind?"),
        _listen(),
    ]
    for i, slot in enumerate(FORM_SLOTS[:answers]):
        if reject_once and i == 1:
            events += [
                _user("what is this for?", "chitchat"),
                ActionExecutionRejected(FORM),
                ActionExecuted("utter_chitchat"),
                BotUttered("chit"),
                ActionExecuted(FORM),
                SlotSet("requested_slot", slot),
                BotUttered("again?"),
                _listen(),
            ]
        following = FORM_SLOTS[i + 1] if i + 1 < len(FORM_SLOTS) else None
        events += [_user(f"answer {i}", "describe_symptoms"), SlotSet(slot, f"v{i}")]
        events += [ActionExecuted(FORM), SlotSet("requested_slot", following)]
        if following:
            events += [BotUttered(f"and {following}?"), _listen()]
    if answers == len(FORM_SLOTS):
        events += [ActiveLoop(None), ActionExecuted("action_intake_summary")]
        events += [BotUttered("summary"), _listen()]
    return events


def restart() -> List[Event]:
    return [
        _user("/restart", "restart"),
        ActionExecuted("action_restart"),
        Restarted(),
        _listen(),
    ]


def long_conversation(turns: int, seed: int = 0) -> List[Event]:
    """A session of `turns` turns: questions and thanks, with an intake, a red
    flag, fallbacks, a slot reset and a pause along the way."""
    rng = random.Random(seed)
    events = session_start()
    kinds = ["question", "thanks"] * 6 + ["fallback", "form", "red_flag", "other"]
    for n in range(turns):
        kind = kinds[rng.randrange(len(kinds))]
        if kind == "question":
            events += question(n)
        elif kind == "thanks":
            events += thanks()
        elif kind == "fallback":
            events += fallback()
        elif kind == "form":
            events += form(reject_once=rng.random() < 0.5)
        elif kind == "red_flag":
            events += red_flag()
        elif rng.random() < 0.5:
            events += [_user("reset", "stop"), ActionExecuted("action_intake_reset")]
            events += [AllSlotsReset(), _listen()]
        else:
            events += [_user("human please", "help"), ActionExecuted("utter_help")]
            events += [ConversationPaused(), ConversationResumed(), _listen()]
    return events
