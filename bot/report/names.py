"""The event names the report reads, in one place.

The dialogue changes under the report (new offers, new intents); each set
below lists every name that means the same thing to a reader of the report, so
a renamed or added action needs one line here, not a change of logic.
"""

from __future__ import annotations

# Answers to health questions (responses sent by action_answer_question).
CITED_ANSWER_UTTERS = frozenset({"utter_cited_answer"})
NO_ANSWER_UTTERS = frozenset({"utter_no_answer"})

# The safety takeover.
EMERGENCY_UTTERS = frozenset({"utter_emergency"})
TAKEOVER_ACTIONS = frozenset({"action_red_flag_takeover"})
RED_FLAG_INTENT = "red_flag"
SIGN_ENTITY = "red_flag_sign"
SIGN_SLOTS = frozenset({"red_flag_signs"})
CATEGORY_SLOTS = frozenset({"red_flag_category", "red_flag_kind"})
# A reply saying the takeover was not needed (an intent, or words to that effect).
NOT_EMERGENCY_INTENTS = frozenset({"not_emergency", "false_alarm", "deny"})
NOT_EMERGENCY_PATTERN = (
    r"\bnot (?:an? |really an? )?emergenc|\bno emergenc|\bfalse alarm|"
    r"\bi'?m (?:fine|ok|okay|alright)\b|\bnot (?:that|so) (?:bad|serious)|"
    r"\bi (?:can|could) (?:breathe|swallow|speak|talk)\b|\bmisunderst"
)
HELP_ARRANGED_INTENTS = frozenset({"help_arranged"})

# The symptom intake, stage by stage.
INTAKE_OFFER_UTTERS = frozenset({"utter_offer_intake", "utter_offer_symptom_form"})
INTAKE_START_INTENTS = frozenset({"start_intake"})
INTAKE_START_UTTERS = frozenset({"utter_intake_start"})
INTAKE_FORMS = frozenset({"symptom_form"})
INTAKE_SCREEN_UTTERS = frozenset(
    {"utter_ask_breathing_screen", "utter_invalid_breathing_screen"}
)
INTAKE_SUMMARY_UTTERS = frozenset({"utter_intake_summary"})
INTAKE_SUMMARY_ACTIONS = frozenset({"action_intake_summary"})
INTAKE_STOP_INTENTS = frozenset({"stop"})
INTAKE_DECLINE_INTENTS = frozenset({"deny", "stop"})
REQUESTED_SLOT = "requested_slot"

# Feedback on answers ("Did this help?").
FEEDBACK_OFFER_BUTTONS = "utter_ask_feedback"
FEEDBACK_OFFER_WORDS = "utter_ask_feedback_in_words"  # the shell: no buttons
FEEDBACK_OFFER_UTTERS = frozenset({FEEDBACK_OFFER_BUTTONS, FEEDBACK_OFFER_WORDS})
HELPED_INTENTS = frozenset({"answer_helped"})
NOT_HELPED_INTENTS = frozenset({"answer_not_helped"})
# Only read as feedback right after the offer: elsewhere they mean other things.
YES_INTENTS = frozenset({"affirm"})
NO_INTENTS = frozenset({"deny"})

# NLU health.
FALLBACK_INTENTS = frozenset({"nlu_fallback"})

# Where a passage id can be read from a cited answer's bot event.
PASSAGE_IDS_KEYS = ("passage_ids", "cited_passages")
# The answer's own "Source: ..., passage <id>" line.
SOURCE_LINE_PATTERN = r"^Source: .*?, passage ([A-Za-z0-9_.:-]+)\s*$"

# The sign kinds, by words in the sign as written; the first match wins.
SIGN_KINDS = (
    ("swallowing", ("swallow", "chok", "gag", "food", "liquid", "nose", "drink")),
    ("speaking", ("speak", "speech", "talk", "slur", "word", "voice")),
    ("drooling", ("drool", "saliva", "spit")),
    ("face, tongue or jaw", ("face", "facial", "droop", "tongue", "jaw", "chew")),
    ("blue lips", ("blue", "lips", "purple", "grey", "gray")),
    ("breathing", ("breath", "air", "lung", "chest", "cough", "suffocat", "gasp")),
)
RESPIRATORY_KINDS = frozenset({"breathing", "blue lips"})
