"""NLU component: a question that leans on the conversation is not small talk.

"how long until it goes away?" after an answer about sore legs was read by the
intent classifier as small talk (it is close to "how are you doing"), and the
bot replied "I'm doing fine, thanks for asking". A message classified as
`chitchat`, as a yes or a no when it asks ("?"), or as a request to note
symptoms when it asks and says nothing of symptoms or noting, that opens like
a follow-up question about *it* ("how long until it...", "is that dangerous",
"can I ...", "what about ...", "when does ..."), or as a rating of an answer
that asks a question of its own and says nothing of helping, or as a
description of symptoms that also asks ("?", or a clause that opens like a
question), or as out of scope when it asks and the entity extractors found a
symptom or a body part in it, or as help being arranged when it asks and
names no emergency help, or as a correction or a skip when it asks, or as a
request for what the bot can do when it opens like a follow-up question and
is not addressed to the bot, is relabelled `ask_health_question`, so the answer
action reads it with the conversation's topic (bot.conversation.followup).
Greetings in question form ("how's it going?", "how are you?") stay small
talk. The other way round, a health question that asks to note symptoms is
`start_intake`, and one that only tells a symptom is `describe_symptoms`.

Placed after the FallbackClassifier and before the readable-input and safety
components, which keep the last word.
"""

from __future__ import annotations

import re
from typing import Any, Dict, Iterable, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.domain_names import Entities, Intents
from bot.intake.parsing import find_symptom_kinds

FOLLOW_UP_RE = re.compile(
    r"^\W*(?:(?:and|ok|okay|so|but|wait|sorry|hm+|um+|uh+|oh|ah)\W+){0,2}"
    r"(?:how (?:long|many|often|much|soon|fast)\b"
    r"|(?:what|wat)(?:'?s| is| does| do| did) "
    r"(?:it|that|this|they|those|these|[\"'“‘][^\"'”’]{1,30}[\"'”’]) mean\b"
    r"|(?:is|was|are|r|will|would|does|do|can|could|should) "
    r"(?:it|that|this|they|those|these|i|my|there)\b"
    r"|(?:when|where) (?:does|do|will|is|should|would|can)\b"
    r"|what (?:if|about|else)\b|how about\b|and for\b|anything else\b"
    r"|how (?:do|would|should|can) (?:you|u|i|we) "
    r"(?:make|use|apply|mix|prepare|take|stop|prevent)\b"
    r"|how (?:is|are|was|were) (?:it|that|this|they|these|those) "
    r"(?:made|done|used|prepared|applied|taken)\b)",
    re.IGNORECASE,
)
GREETING_RE = re.compile(
    r"\bhow(?:'s| is| are)? (?:it going|you|u|things|life|your day)\b|\bwhat'?s up\b",
    re.IGNORECASE,
)


# A question that opens with its verb and then its subject ("is it ok ...",
# "can a slipped disc ..."); which subjects are excluded differs by use.
AUXILIARIES = "is|are|was|were|does|do|did|can|could|should|would|will|might|may"


def _verb_first(verbs: str, not_subjects: str, lead_in: str = "") -> re.Pattern:
    """An opening of one of `verbs` (alternatives) followed by a word that is
    none of `not_subjects`, after an optional `lead_in`."""
    excluded = "".join(rf"{w}\b|" for w in not_subjects.split("|")).rstrip("|")
    return re.compile(rf"^\W*{lead_in}(?:{verbs}) (?!{excluded})\w+", re.IGNORECASE)


def _word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


# Intents a question is not: small talk, a yes or a no to the offer to note
# symptoms ("when does that usually kick in, right away?", "do I need a
# prescription for those?" were taken for a yes and started the form), and a
# request to note symptoms (the same question was later read as one). A yes
# or a no is relabelled only when the message asks ("?").
YES_OR_NO = frozenset({Intents.AFFIRM, Intents.DENY})
# The words of a yes or a no: "why not", "how about yes", "why bother, no".
YES_OR_NO_WORDS_RE = re.compile(
    r"\b(yes|yeah|yea|yep|yup|ya|sure|ok|okay|fine|please|pls|go ahead|do it|"
    r"no|nope|nah|not|never|don'?t|later|bother|rather|maybe)\b",
    re.IGNORECASE,
)
# A question's opening verb and subject ("is it ok to keep running then"); not
# "do it", which tells the bot to go ahead.
INVERTED_OPENING_RE = _verb_first(AUXILIARIES.replace("|do|", "|"), "you|u|we|i|me")
# A question tag: "good idea or nah", "safe or not".
OR_NOT_TAG_RE = re.compile(r"\bor (?:nah|naw|no|not|nope)\W*$", re.IGNORECASE)
# A choice between two things asked with "not" ("so heat not ice?" was a no);
# neither side is a word of yes or no, or of time ("no not yet?").
CHOICE_RE = re.compile(
    r"^\W*(?:(?:so|and|ok|okay|but)\W+)?"
    r"(?!(?:yes|yeah|no|nope|nah|ok|okay|sure|why|i|it|that|this|maybe|probably|"
    r"prob|definitely|so|just|really|absolutely|certainly|course|obviously|right|"
    r"now|but|and|or|please|thanks|thank)\b)[a-z]+ (?:not|instead of|rather than) "
    r"(?!(?:yet|now|really|sure|today|again|anymore|much|bad|too|me|you|it|that|"
    r"this|at|right|so|a|the|my|needed|necessary|interested)\b)[a-z]+"
    r"\W*(?:(?:then|tho|though)\W*)?\?\s*$",
    re.IGNORECASE,
)
# The next step asked for after doing one ("done it with my right arm, now
# what" was a no): the message ends asking it.
NEXT_STEP_RE = re.compile(
    r"\b(?:(?:now|then) what|what (?:now|next|then)|what do i do (?:now|next))\W*$",
    re.IGNORECASE,
)
# Words of a request to note symptoms ("can i tell you my symptoms?"): such a
# message keeps start_intake however it opens.
INTAKE_WORDS_RE = re.compile(
    r"\b(symptoms?|describe|tell you|report|note|write|record|summary|intake|"
    r"questionnaire|form|take down|go through|what i feel)\b",
    re.IGNORECASE,
)


# A rating of an answer ("that didn't help") that asks a question of its own
# and says nothing of helping is a question: "didnt feel sore at all after
# my first workouts... does that mean i did it wrong?" opened a conversation
# and was thanked for its feedback.
RATINGS = frozenset({Intents.ANSWER_HELPED, Intents.ANSWER_NOT_HELPED})
# "work" rates only what worked ("that didn't work"), not "work hard".
RATING_WORDS_RE = re.compile(
    r"\b(help\w*|useful|useless|answer\w*|asked|thanks?|thx|ty)\b"
    r"|\b(?:it|that|this|nothing|not|didn'?t|doesn'?t|did not|does not)"
    r"\s+work(?:s|ed)?\b(?!\s+(?:hard|harder|out|at|on|enough))",
    re.IGNORECASE,
)
MIN_QUESTION_WORDS = 5


# A sentence that asks what something means for the body ("does that mean it
# didn't work", "is it normal"), after a story, is a question even with a
# rating's words in it:
# "i did my first workout and im not sore at all. does that mean it didnt
# work" was thanked for its feedback.
ASKS_WHAT_IT_MEANS_RE = re.compile(
    r"^\W*(?:(?:so|and|but|ok|okay)\W+)?(?:does|do|did|is|was|could|can|would)\s+"
    r"(?:that|this|it)\s+(?:mean|means|because|normal|bad|a sign|a problem)\b",
    re.IGNORECASE,
)


def is_rating_that_asks(text: str) -> bool:
    """Whether `text`, classified as a rating, is a question of its own."""
    # A follow-up opening with no word of rating ("does it have side effects")
    # asks, with or without "?".
    if is_follow_up_question(text) and not RATING_WORDS_RE.search(text):
        return True
    first, *rest = _sentences(text)
    # ...after a story, not after a rating ("that didn't help. is that normal?").
    if not RATING_WORDS_RE.search(first) and any(
        ASKS_WHAT_IT_MEANS_RE.search(s) for s in rest
    ):
        return True
    return (
        "?" in text
        and _word_count(text) >= MIN_QUESTION_WORDS
        and not RATING_WORDS_RE.search(text)
    )


# A wh-question anywhere in a message taken for a request to note symptoms:
# "lower back stiff after 8h sitting, what can i do lying down on the floor?"
# describes, then asks; the answer comes first and the offer after it.
ASKS_RE = re.compile(
    r"\b(?:what|how|which|why|anything|any \w+ (?:for|to)|is there|are there)\b",
    re.IGNORECASE,
)
# So does a thing asked for by name ("natural stuff to calm down so my muscles
# relax? dont want pills" started the form), unless it is for the doctor
# ("something to give my doctor?").
THING_ASKED_RE = re.compile(
    r"\b(?:stuff|things?|ways?|tips?|remed(?:y|ies)|something) (?:to|for|that)\b"
    r"(?!.*\b(?:doctor|gp|dr|physician|appointment)\b)",
    re.IGNORECASE,
)


# A yes-or-no question about the body opens with a verb and its subject ("can
# a slipped disc cause pain ...?"); a request opens with one addressed to the
# bot ("could you help me get ready for my gp appointment?").
ABOUT_THE_BODY_RE = _verb_first(AUXILIARIES, "you|u|we")


# What the bot's symptom summary is called ("whats the form for?").
THE_BOTS_FORM_RE = re.compile(
    r"\b(form|questionnaire|intake|summary|report|checklist|symptom check)\b",
    re.IGNORECASE,
)
# A question opening with "what" ("what even is muscle tension?", "whats the
# point of stretching"): "is" and its kin are optional after it.
WHAT_OPENING_RE = re.compile(
    r"^\W*(?:(?:and|so|ok|okay|but|wait)\W+)?(?:what|wat)(?:'s|s)?\s+"
    r"(?:(?:even|exactly|actually|really)\s+)?(?:is|are|was)?\b",
    re.IGNORECASE,
)


# ...and without "?" when its subject is neither the writer nor the bot ("does
# the same apply to the arms" started the form): a request opens "can i",
# "could we", "can you".
ABOUT_A_THING_RE = _verb_first(
    AUXILIARIES, "you|u|we|i|me", lead_in=r"(?:(?:and|so|ok|okay|but)\W+)?"
)


def is_question_not_a_request_to_note(text: str) -> bool:
    """Whether `text`, classified as a request to note symptoms, asks a
    question of its own and says nothing of noting. The question may come
    after a clause that sets it up ("and once i calm down, does the tightness
    just go?")."""
    return (
        "?" in text
        and bool(
            ASKS_RE.search(text)
            or THING_ASKED_RE.search(text)
            or any(ABOUT_THE_BODY_RE.search(c) for c in CLAUSE_SPLIT_RE.split(text))
        )
        and not INTAKE_WORDS_RE.search(text)
    )


# A question for the signs of something ("what symptoms would i notice if i
# had it?") names symptoms, as a request to note them does, but asks what they
# are: it was read as a request and started the form.
ASKS_WHICH_SYMPTOMS_RE = re.compile(
    r"^\W*(?:(?:and|so|ok|okay)\W+)?(?:what|which|wat)\s+(?:are\s+(?:the\s+)?|"
    r"would\s+be\s+the\s+)?(?:symptoms|signs)\b",
    re.IGNORECASE,
)


# A yes-or-no question told as a statement ("so he'll just outgrow it?", "so
# it goes away by itself?") asks about the body: it was read as a no to "did
# this help?" and thanked for its feedback.
TOLD_AS_QUESTION_RE = re.compile(
    r"^\W*(?:(?:so|and|ok|okay|but)\W+)?"
    r"(?:(?:he|she|it|they)\s+\w+|(?:he|she|it|they|i|we|that|this)"
    r"(?:'ll|\s+will|'s|\s+is|'re|\s+are|\s+can|\s+should|\s+would|\s+won'?t|"
    r"\s+doesn'?t|\s+does|\s+just))\b[^?]*\?",
    re.IGNORECASE,
)


# Words of an emergency being handled ("the ambulance is on its way", "I
# called 112"): a message that has one stays `help_arranged`.
EMERGENCY_HELP_RE = re.compile(
    r"\b(ambulance|paramedics?|emergency|hospital|a&e|er|112|911|999|called|"
    r"rang|phoned|on (?:its|the|their) way|arrived|here now|with me)\b",
    re.IGNORECASE,
)


def is_question_not_help_arranged(text: str) -> bool:
    """Whether `text`, classified as help being arranged, is a question
    ("does warming up regulary help stop spasms" has "help" and "stop")."""
    opens = ABOUT_THE_BODY_RE.search(text) or WH_OPENING_RE.search(text)
    return bool(opens or "?" in text) and not EMERGENCY_HELP_RE.search(text)


def _sentences(text: str) -> List[str]:
    return re.split(r"(?<=[.?!])\s+", text.strip())


def is_follow_up_question(text: str) -> bool:
    """Whether `text`, or one of its sentences after the first ("my neighbour
    swears by a chili rub lol. how is it made"), opens like a question about
    what came before."""
    return any(
        FOLLOW_UP_RE.search(s) for s in _sentences(text)
    ) and not GREETING_RE.search(text)


# A description of symptoms that also asks is a question ("jaw muscles ache in
# the morning, is it from grinding my teeth?"): it is answered like one, and a
# description that only tells gets the offer to note symptoms. A clause asks
# when it opens with a question word or an inverted verb; "when i run my calves
# ache" and "can barely turn my neck" tell.
# "or" joins a second question ("is foam rolling ok or will it make it worse").
CLAUSE_SPLIT_RE = re.compile(r"[.,;:!]+|\b(?:but|and|so|or)\b", re.IGNORECASE)
ASKING_CLAUSE_RE = re.compile(
    r"^\W*(?:(?:hi|hey|hello|ok|okay|well|also|pls|please)\W+)?"
    r"(?:(?:what|why|which|who)\b"
    r"|how\b(?! (?:bad|much it|it))"
    r"|(?:when|where) (?:does|do|did|will|is|should|would|can|could)\b"
    r"|(?:is|are|was|were|does|do|did|can|could|should|would|will|shall|might|may)"
    r" (?:it|that|this|these|those|they|there|i|you|u|my|a|an|the|stretching|"
    r"massage|heat|ice|rest|magnesium)\b"
    r"|any(?:thing|one)?\s+(?:i can|to|for|that|tips?|ideas?|advice|stretch\w*|"
    r"exercises?|remed\w*|ways?)\b"
    # "are cramps in the hand a sign of something bad"
    r"|(?:is|are|was|were|does|do|can|could)\s+\w+(?:\s+\w+){0,4}\s+"
    r"(?:a sign|a symptom|normal|serious|dangerous|something bad|a problem)\b)",
    re.IGNORECASE,
)


def is_description_that_asks(text: str) -> bool:
    """Whether `text`, classified as a description of symptoms, asks too."""
    if "?" in text:
        return True
    return any(ASKING_CLAUSE_RE.search(c) for c in CLAUSE_SPLIT_RE.split(text))


# A request to note symptoms read as a question ("can we go through my
# symptoms and make a report for my dr"): a verb of noting with what is noted
# or whom it is for, in a message that asks no wh-question of its own.
NOTE_VERB_RE = re.compile(
    r"\b(note|notes|noting|record|recording|log|logging|report|write (?:up|down|it)|"
    r"writing (?:up|down)|take down|jot|summar\w+|keep track|track|go through)\b",
    re.IGNORECASE,
)
NOTE_FOR_RE = re.compile(
    r"\b(symptoms?|(?:for|to|so) (?:my|the|a) (?:doctor|doc|dr|gp|physio|appointment"
    r"|specialist|neurologist)|(?:doctor|doc|dr|gp) can see)\b",
    re.IGNORECASE,
)
WH_RE = re.compile(
    r"\b(what|why|which|how|should|when|where|is it|is this|does|do i|do you think)\b",
    re.IGNORECASE,
)


def is_request_to_note(text: str) -> bool:
    """Whether `text`, classified as a health question, asks to note symptoms."""
    return (
        bool(NOTE_VERB_RE.search(text))
        and bool(NOTE_FOR_RE.search(text))
        and not WH_RE.search(text)
    )


# A description of symptoms read as a question ("my jaw muscles hurt when i
# wake up", "thumb keeps cramping when i game for long"): it names a symptom
# and has no word a question needs: no "?", no question word anywhere, no
# clause that opens with a verb, no word of asking for advice. A question
# typed without "?" has one of them: none of the 608 questions in the
# training data passes this check, and 209 of its 293 descriptions do.
QUESTION_WORD_RE = re.compile(
    r"\b(?:what|whats|wat|wot|which|why|y|how|hw|who|where|whether|wonder\w*"
    r"|when (?:should|will|would|does|do|did|can|could|is|are)"
    r"|does|do|did|can|could|should|shud|would|will|might|may|any|anything"
    r"|is (?:it|that|this|there)|are (?:they|those|these|there)"
    r"|enough|better|worse|worried|worry|normal|ok|okay|safe|bad|serious"
    r"|tips?|advice|ideas?|help\w*|best|good|recommend\w*|suggest\w*|stretch\w*"
    r"|exercises?|remed\w*|treat\w*|cure|fix|reliev\w*|get rid|prevent\w*"
    r"|or (?:not|no|nah|smth|something|what))\b",
    re.IGNORECASE,
)
MIN_TELLING_WORDS = 4


def tells_symptoms(text: str, entities: Iterable[str] = ()) -> bool:
    """Whether `text`, classified as a health question, only tells symptoms."""
    return (
        (
            # find_symptom_kinds knows the ambiguous words ("hurt", "burn")
            # that the lookup tables leave to the model.
            Entities.SYMPTOM_KIND in set(entities) or bool(find_symptom_kinds(text))
        )
        and "?" not in text
        and _word_count(text) >= MIN_TELLING_WORDS
        and not QUESTION_WORD_RE.search(text)
        and not any(ABOUT_THE_BODY_RE.search(c) for c in CLAUSE_SPLIT_RE.split(text))
        and not is_follow_up_question(text)
    )


# A question read as a greeting ("what do they measure on him?" after the
# topic of a brother sent to hospital): a wh-question that is no greeting form.
WH_OPENING_RE = re.compile(
    r"^\W*(?:(?:and|so|hi|hey|hello|there|ok|okay)\W+){0,2}"
    r"(?:what|how|why|which|where|when|whats|hows|wats)\b",
    re.IGNORECASE,
)


# A follow-up opening that points back at the answer or at the writer ("how
# soon will i notice a difference", "wait what does that mean, in simpler
# words pls") continues the conversation: both were read as out of scope.
# Out-of-scope questions in such a form point at neither ("how much does a
# bitcoin cost"), or only with an empty "it" ("will it rain tomorrow?"). A
# word quoted from the answer is asked about "here" ('what does "gently" mean
# here').
REFERS_BACK_RE = re.compile(
    r"\b(that|this|those|these|here|i|i'?m|my|me)\b", re.IGNORECASE
)


# Words addressed to the bot ("what can you do", "how can u help me").
ADDRESSES_THE_BOT_RE = re.compile(r"\b(you|your|u|ur|yourself)\b", re.IGNORECASE)
# What a thing is ("what is doms", "whats a trigger point"), not "what is
# this" or "what's going on".
WHAT_A_THING_IS_RE = re.compile(
    r"^\W*(?:what|wat)(?:'s|s| is| are)\s+(?:(?:a|an|the)\s+)?"
    r"(?!(?:this|that|it|here|there|going|happening|up|the point|new)\b)[a-z]",
    re.IGNORECASE,
)


# Entities that put a message in the assistant's field: "will i be this sore
# every single time i train??" was read as out of scope ("outside what I
# know"), though the entity extractors found the soreness in it.
HEALTH_ENTITIES = frozenset({Entities.SYMPTOM_KIND, Entities.BODY_PART})


def is_question(intent: str | None, text: str, entities: Iterable[str] = ()) -> bool:
    """Whether `text`, classified as `intent`, with entities of the types
    `entities`, is a health question."""
    if intent == Intents.OUT_OF_SCOPE:
        if is_follow_up_question(text) and REFERS_BACK_RE.search(text):
            return True
        return bool(HEALTH_ENTITIES.intersection(entities)) and (
            is_description_that_asks(text) or is_follow_up_question(text)
        )
    if intent == Intents.GREET:
        return (
            "?" in text
            and bool(WH_OPENING_RE.search(text))
            and not GREETING_RE.search(text)
            and _word_count(text) >= 3
        )
    if intent == Intents.DESCRIBE_SYMPTOMS:
        return is_description_that_asks(text)
    if intent in RATINGS:
        return is_rating_that_asks(text)
    if intent in (Intents.CORRECT, Intents.SKIP):
        # A correction of an answer in the symptom form, or a skip of its
        # question, tells; one that asks ("what about my left side, same
        # thing?", "i have knot under my shoulder blade, how to get rid of
        # it") is a question.
        return is_follow_up_question(text) or any(
            ASKING_CLAUSE_RE.search(c) or ("?" in text and ABOUT_THE_BODY_RE.search(c))
            for c in CLAUSE_SPLIT_RE.split(text)
        )
    if intent == Intents.HELP:
        # "do i need a prescription for those or can i just buy" was read as
        # asking what the bot can do: a follow-up opening not addressed to
        # the bot asks about the body.
        # "what is doms" asked what a thing is: no request for help in the
        # training data asks what something other than the bot is.
        return (
            is_follow_up_question(text) or bool(WHAT_A_THING_IS_RE.search(text))
        ) and not ADDRESSES_THE_BOT_RE.search(text)
    if intent == Intents.START_INTAKE:
        # "neurologist told me my muscle symptoms are from neurosis. does that
        # mean my nerves are damaged??" names symptoms and asks what they mean.
        if any(ASKS_WHAT_IT_MEANS_RE.search(s) for s in _sentences(text)):
            return not NOTE_VERB_RE.search(text)
        # "what even is muscle tension, like medically? ... or just a feeling
        # ppl describe" asks what a thing is: a wh-question not addressed to
        # the bot that names no noting.
        if "?" in text and WHAT_OPENING_RE.search(text):
            return not (
                NOTE_VERB_RE.search(text)
                or ADDRESSES_THE_BOT_RE.search(text)
                or THE_BOTS_FORM_RE.search(text)
            )
        # Naming no noting, a follow-up opening is a question even typed
        # without "?" ("do i need a prescription for them"), and so is a
        # wh-opening ("whats good for a knot under my shoulder blade"): no
        # request to note opens with one in the training or held-out data.
        if "?" in text and ASKS_WHICH_SYMPTOMS_RE.search(text):
            return not NOTE_VERB_RE.search(text)
        return not INTAKE_WORDS_RE.search(text) and (
            is_follow_up_question(text)
            or is_question_not_a_request_to_note(text)
            or bool(WH_OPENING_RE.search(text) or ABOUT_A_THING_RE.search(text))
        )
    if intent == Intents.HELP_ARRANGED:
        return is_question_not_help_arranged(text)
    if intent in YES_OR_NO:
        # "probably nothing right? can leg aches just be nothing" and "what
        # happens if you just ignore constant tight muscles? prob nothing lol
        # right" were a no: a sentence asking about the body makes it a
        # question.
        if "?" not in text:
            # "is it ok to keep running then": a question opens with its verb,
            # whatever yes-words it has after it.
            if INVERTED_OPENING_RE.match(text) and (
                _word_count(text) >= MIN_QUESTION_WORDS
            ):
                return True
            # "thinking of doing acupuncture on myself off youtube vids. good
            # idea or nah" asks with a tag.
            if OR_NOT_TAG_RE.search(text) and (_word_count(text) >= MIN_QUESTION_WORDS):
                return True
            if NEXT_STEP_RE.search(text):
                return True
            # "what dose tho" was a yes: a question with no yes or no in it.
            return bool(
                WH_OPENING_RE.search(text) or ABOUT_A_THING_RE.search(text)
            ) and not YES_OR_NO_WORDS_RE.search(text)
        # "no-spa (drotaverine) good for cramps or not?" was a no: a yes or a
        # no that asks and names a symptom or a body part is a question.
        names_the_body = bool(HEALTH_ENTITIES.intersection(entities))
        words = _word_count(text)
        return (
            is_follow_up_question(text)
            or (names_the_body and words >= MIN_QUESTION_WORDS)
            # "hot or cold better?" asks, and says neither yes nor no
            or (words >= 2 and not YES_OR_NO_WORDS_RE.search(text))
            or bool(CHOICE_RE.search(text))
            or any(
                ABOUT_THE_BODY_RE.search(s)
                or (
                    (WH_OPENING_RE.search(s) or TOLD_AS_QUESTION_RE.search(s))
                    and _word_count(s) >= MIN_QUESTION_WORDS
                )
                for s in _sentences(text)
            )
        )
    return intent == Intents.CHITCHAT and is_follow_up_question(text)


def _best_guess(ranking: List[Dict[str, Any]]) -> str | None:
    """The highest-ranked intent that is not the fallback."""
    return next(
        (r.get("name") for r in ranking if r.get("name") != Intents.NLU_FALLBACK),
        None,
    )


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class QuestionOverSmallTalk(GraphComponent):
    """Relabels small talk, or a yes or no, that is really a follow-up health
    question, and a question that is really a request to note symptoms or a
    description of them."""

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> QuestionOverSmallTalk:
        """Nothing to load: the check is a pure function of the text."""
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            name, text = intent.get("name"), message.get(TEXT) or ""
            if name == Intents.NLU_FALLBACK:
                # Unsure is read by the classifier's best guess: "does it have
                # side effects" was a fallback with "didn't help" next.
                name = _best_guess(message.get(INTENT_RANKING_KEY) or [])
            found = [e.get("entity") for e in message.get(ENTITIES) or []]
            if is_question(name, text, found):
                target = Intents.ASK_HEALTH_QUESTION
            elif name == Intents.ASK_HEALTH_QUESTION and is_request_to_note(text):
                target = Intents.START_INTAKE
            elif name == Intents.ASK_HEALTH_QUESTION and tells_symptoms(text, found):
                target = Intents.DESCRIBE_SYMPTOMS
            else:
                continue
            relabelled = {"name": target, "confidence": intent.get("confidence", 1.0)}
            ranking = [relabelled] + [
                r
                for r in message.get(INTENT_RANKING_KEY) or []
                if r.get("name") not in (intent.get("name"), name, target)
            ]
            message.set(INTENT, relabelled, add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages
