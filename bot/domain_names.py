"""The names domain.yml gives intents, slots, entities, actions, forms and responses.

Code refers to the domain through these constants, so a rename is one edit and
a misspelt name fails at import instead of silently matching nothing at run
time. tests/test_domain_names.py checks each one against domain.yml (or against
Rasa's built-in names, for the few Rasa defines itself). Plain strings, no
Rasa: the core, the plugins and the actions all import this module.
"""

from __future__ import annotations

from typing import Tuple


class Intents:
    """Intents the code reads or sets."""

    AFFIRM = "affirm"
    ANSWER_HELPED = "answer_helped"
    ANSWER_NOT_HELPED = "answer_not_helped"
    ASK_HEALTH_QUESTION = "ask_health_question"
    CHITCHAT = "chitchat"
    CORRECT = "correct"
    DENY = "deny"
    DESCRIBE_SYMPTOMS = "describe_symptoms"
    GREET = "greet"
    HELP = "help"
    HELP_ARRANGED = "help_arranged"
    NON_ENGLISH = "non_english"
    OUT_OF_SCOPE = "out_of_scope"
    RED_FLAG = "red_flag"
    SKIP = "skip"
    START_INTAKE = "start_intake"
    # Rasa's own: the FallbackClassifier's intent, not listed in domain.yml.
    NLU_FALLBACK = "nlu_fallback"


class Entities:
    """Entities the code reads or sets."""

    BODY_PART = "body_part"
    COURSE = "course"
    DURATION = "duration"
    PATTERN = "pattern"
    RED_FLAG_SIGN = "red_flag_sign"
    SEVERITY = "severity"
    SIDE = "side"
    SYMPTOM_KIND = "symptom_kind"


class Slots:
    """Slots the code reads or sets."""

    # The symptom form's questions, in the order the form asks them.
    SYMPTOM_KIND = "symptom_kind"
    LOCATIONS = "locations"
    ONSET = "onset"
    COURSE = "course"
    SEVERITY = "severity"
    PATTERN = "pattern"
    # Read from the answers alongside the form's own slots.
    ONSET_DAYS = "onset_days"
    SPREAD_TO = "spread_to"

    INTAKE_DECLINED = "intake_declined"
    RED_FLAG = "red_flag"
    RED_FLAG_SIGNS = "red_flag_signs"
    HELP_ARRANGED = "help_arranged"
    TOPIC_QUESTION = "topic_question"
    TOPIC_BODY_PARTS = "topic_body_parts"
    TOPIC_PASSAGES = "topic_passages"
    # Rasa's own: the slot an active form is asking for.
    REQUESTED_SLOT = "requested_slot"


# The symptom form's required slots, in domain.yml's order.
FORM_SLOTS: Tuple[str, ...] = (
    Slots.SYMPTOM_KIND,
    Slots.LOCATIONS,
    Slots.ONSET,
    Slots.COURSE,
    Slots.SEVERITY,
    Slots.PATTERN,
)


class Forms:
    """Forms (active loops)."""

    SYMPTOM = "symptom_form"


class Actions:
    """Custom actions the action server runs, and the Rasa actions code names."""

    SESSION_START = "action_session_start"
    RED_FLAG_TAKEOVER = "action_red_flag_takeover"
    VALIDATE_SYMPTOM_FORM = "validate_symptom_form"
    INTAKE_SUMMARY = "action_intake_summary"
    INTAKE_RESET = "action_intake_reset"
    INTAKE_PREFILL = "action_intake_prefill"
    INTAKE_DECLINE = "action_intake_decline"
    OFFER_INTAKE = "action_offer_intake"
    ANSWER_QUESTION = "action_answer_question"
    DELETE_MY_DATA = "action_delete_my_data"
    OFFER_FEEDBACK = "action_offer_feedback"
    # Rasa's own: the bot waits for the user.
    LISTEN = "action_listen"


class Responses:
    """Responses (utter_*) the code sends or recognises."""

    INTRO = "utter_intro"
    DEFAULT = "utter_default"
    EMERGENCY = "utter_emergency"
    RED_FLAG_REMINDER = "utter_red_flag_reminder"
    CITED_ANSWER = "utter_cited_answer"
    NO_ANSWER = "utter_no_answer"
    OUT_OF_SCOPE = "utter_out_of_scope"
    OFFER_INTAKE = "utter_offer_intake"
    INTAKE_DECLINED = "utter_intake_declined"
    INTAKE_CORRECTED = "utter_intake_corrected"
    INTAKE_SUMMARY = "utter_intake_summary"
    INTAKE_DOCTOR_TODAY = "utter_intake_doctor_today"
    INTAKE_EXCERPTS = "utter_intake_excerpts"
    INTAKE_NO_EXCERPTS = "utter_intake_no_excerpts"
    INTAKE_CLOSING = "utter_intake_closing"
    ASK_FEEDBACK = "utter_ask_feedback"
    ASK_FEEDBACK_IN_WORDS = "utter_ask_feedback_in_words"


def invalid_response(slot: str) -> str:
    """The response that re-asks a form slot whose answer could not be read."""
    return f"utter_invalid_{slot}"
