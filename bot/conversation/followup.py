"""Reads a message in the context of the conversation's topic.

"What exercises help a stiff back?" then "and for the neck?": the second message
alone finds nothing useful; with the topic it becomes "what exercises help a
stiff neck?". A message that brings its own subject ("what is fibromyalgia?")
starts a new topic and is searched as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import List

from bot.intake.parsing import body_part_mentions, find_symptom_kinds
from bot.retrieval.text import content_terms

# Openings that lean on what came before ("and for the neck?", "what if...").
CUE_RE = re.compile(
    r"^\s*(and|also|but|so|then|what about|how about|what if|and if|or|"
    r"same for|what else|anything else|ok and|okay and|and what)\b",
    re.IGNORECASE,
)
# Endings that ask for more of the same ("tried the blinking thing, didn't
# work. anything else?", "tried both already, is there anything else along
# those lines").
END_CUE_RE = re.compile(
    r"\b(anything else|what else|something else|any other (?:ideas?|options?|"
    r"tips?|ways?)|other options?|instead|what then|then what|what now|"
    r"what next)(?:\s+(?:along those lines|like that|like this|"
    r"(?:i|we) (?:can|could) (?:do|try)|to (?:do|try)))?\s*[?.!]*\s*$",
    re.IGNORECASE,
)
# Asking for what is not the topic's answer ("what helps besides the
# exercises", "anything apart from stretching?"): the thing set aside is the
# topic's.
OTHER_THAN_RE = re.compile(
    r"\b(besides|apart from|aside from|other than|except)\b", re.IGNORECASE
)
# A pronoun that stands for the topic's thing ("the deep ones" too). "that"
# and "this" are left out, as they also join clauses ("i read that magnesium
# helps"), and so is "those" before a noun ("those plaques" names its own
# thing).
POINTER_RE = re.compile(
    r"\b(it|them|ones)\b|\b(those|these)\b(?=\s*(?:[?.!,]|$))", re.IGNORECASE
)
# A symptom said of a pronoun ("how long till it stops hurting") is the
# topic's symptom, not a new report; the clause is left out before looking
# for a symptom of the message's own.
SAID_OF_IT_RE = re.compile(
    r"\b(it|that|this|they|them)\s+(?:\w+\s+){0,3}\w+", re.IGNORECASE
)
# Short questions that ask for a measure or a choice without naming what of
# ("how many reps should I do?", "do I need special shoes?"): about the topic.
QUESTION_RE = re.compile(
    r"^\s*(how (many|much|long|often|deep|hard|far|soon|strong)|do i need|"
    r"(?:when|at what point|at which point|by when) (?:should|do|must|would) "
    r"(?:i|she|he|we|they)|"
    r"should (i|she|he|we|they)|can (i|she|he|we|my)|is (it|that|this|there)|"
    r"(?:are|r) (there|they|those|these)|does (it|that|this)|any)\b",
    re.IGNORECASE,
)
# A doing word whose object points back ("i do it but feel almost nothing",
# "what happens if i dont treat it", "anything i can add to that"): the thing
# done is the topic's.
DONE_TO_IT_RE = re.compile(
    r"\b(do|does|did|doing|done|try|tried|trying|treat|treating|ignore|"
    r"ignoring|leave|leaving|skip|stop|stopping|use|using|take|taking|repeat|"
    r"hold|holding|make|add|adding|combine|combining|prevent|preventing|avoid|"
    r"avoiding)\s+(?:to\s+|with\s+)?"
    r"(it|that|this|them|those|these)\b",
    re.IGNORECASE,
)
# Having the topic's thing seen to ("what happens if she doesnt get it
# treated"): the thing is the topic's.
GET_IT_DONE_RE = re.compile(
    r"\bget(?:s|ting)?\s+(?:it|that|this|them)\s+"
    r"(?:treated|checked|seen|looked at|fixed|sorted|removed)\b",
    re.IGNORECASE,
)
# Asking which of the things the topic's answer named in general ("what
# exercises exactly?", "which points exactly"). "What is fibromyalgia
# exactly?" asks what a thing is: a subject of its own.
PARTICULARS_RE = re.compile(
    r"\b(?:what|which)\s+(?!(?:is|are|was|were|does|do|did)\b)\w+(?:\s+\w+)?\s+"
    r"(?:exactly|specifically|precisely|in particular)\b"
    r"|\b(?:exactly|specifically|precisely) (?:what|which|where|how)\b"
    # "where exactly do i press" after pressure points
    r"|\b(?:where|how|when)\s+(?:exactly|specifically|precisely)\b",
    re.IGNORECASE,
)
# Whether a thing of the writer's would do for the topic's problem ("we have a
# strong rain shower head, could that help?"): the problem is the topic's.
WOULD_IT_HELP_RE = re.compile(
    r"\b(?:could|would|will|can|might|does|do) (?:that|this|it|these|those) "
    r"(?:help|work|do anything|do the trick|be good|be enough)\b[^.?!]*[?.!]*\s*$",
    re.IGNORECASE,
)
# The other side of the topic's exercise ("and for the other leg?", "the
# other direction too?") is no new place.
OTHER_SIDE_RE = re.compile(
    r"\b(?:the\s+)?other\s+(?:leg|arm|side|foot|hand|one|direction|way)s?\b",
    re.IGNORECASE,
)
# Before a sentence that asks for more of the topic, at most this many words
# of the message's own: "too easy lol" is a comment, "massage gun - how many
# minutes" names a thing of its own.
MAX_OWN_TERMS_BEFORE = 1
# Where a message's sentences and clauses end: after a stop, a comma or a dash.
SENTENCE_SPLIT_RE = re.compile(r"(?<=[.?!,;:\u2014\u2013])\s+|\s+-+\s+")

# Up to this many words of its own subject, such a question still leans on
# the topic.
MAX_QUESTION_TERMS = 4
# Words that point back at the topic instead of naming it.
ANAPHORA_RE = re.compile(
    r"\b(it|its|it's|that|this|these|those|they|them|there|one|ones|"
    r"both sides|each side|other side|version|variant|"
    r"times|often|long|much|dangerous|serious|normal|safe|work|works|help)\b",
    re.IGNORECASE,
)
# A message with at most this many words of its own subject can still lean on
# the topic; more, and it is a question in its own right.
MAX_OWN_TERMS = 2
# Words that carry no subject of their own in a follow-up.
GENERIC_WORDS = """dangerous serious normal safe work works worked help helps long
    time times often much day week many keep stop start again instead else wrong
    fine right worry worried concern concerned lol haha sometimes mostly really
    actually even thing exactly specifically precisely particular though tho
    people"""


@lru_cache(maxsize=1)
def generic_terms() -> frozenset:
    """GENERIC_WORDS as content_terms gives them (stemmed: "mostly" is
    "most"), so that they match the message's terms."""
    return frozenset(GENERIC_WORDS.split()) | frozenset(content_terms(GENERIC_WORDS))


@dataclass
class Topic:
    """What the conversation is about: the last question searched, and more."""

    question: str = ""
    body_parts: List[str] = field(default_factory=list)
    passages: List[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.question.strip()


@dataclass
class Reading:
    """How one message is searched, and the topic it leaves behind."""

    query: str
    follow_up: bool
    topic: Topic


def own_terms(message: str) -> List[str]:
    """Content words of the message that say what it is about."""
    return [t for t in content_terms(message) if t not in generic_terms()]


def is_follow_up(message: str, topic: Topic) -> bool:
    """Whether `message` needs the topic to be understood."""
    # No words at all ("??", an emoji) asks nothing of the topic.
    if topic.empty or not re.search(r"\w", message):
        return False
    message = OTHER_SIDE_RE.sub(" ", message)
    terms = own_terms(message)
    if CUE_RE.match(message) and len(terms) <= MAX_QUESTION_TERMS:
        return True
    if find_symptom_kinds(SAID_OF_IT_RE.sub(" ", message)):
        # A symptom of its own makes it a new report, whatever its form.
        return False
    # A last clause that opens like a follow-up, after telling what was done
    # ("done it on one side. and for the other leg?").
    clauses = [c for c in re.split(r"[.,;!?]+", message) if c.strip()]
    if (
        len(clauses) > 1
        and CUE_RE.match(clauses[-1])
        and len(own_terms(clauses[-1])) <= MAX_QUESTION_TERMS
    ):
        return True
    if END_CUE_RE.search(message) or WOULD_IT_HELP_RE.search(message):
        return True
    # A sentence of several that asks for more of the topic, after next to
    # nothing of the message's own ("anything else? my gym has one of those high
    # pressure jet showers", "too easy lol, is there a harder version"),
    # naming no place of its own. After a thing of its own, its "it" is that
    # thing ("i have an EMG nerve test next week, does it hurt?").
    sentences = [s for s in SENTENCE_SPLIT_RE.split(message) if re.search(r"\w", s)]
    if len(sentences) > 1 and not body_part_mentions(message):
        for i, sentence in enumerate(sentences):
            before = " ".join(sentences[:i])
            if len(own_terms(before)) > MAX_OWN_TERMS_BEFORE:
                break
            if is_follow_up(sentence, topic):
                return True
    # A short measure-or-choice question, or one for what is not the topic's
    # answer, or a doing word pointing back, is about the topic unless it
    # names a place of its own.
    few_terms = len(terms) <= MAX_QUESTION_TERMS
    short_question = (
        QUESTION_RE.match(message)
        or OTHER_THAN_RE.search(message)
        or PARTICULARS_RE.search(message)
    ) and few_terms
    leans = (
        short_question
        or _done_to_it(message, few_terms)
        or GET_IT_DONE_RE.search(message)
        or points_back_throughout(message, terms)
    )
    if leans and not body_part_mentions(message):
        return True
    if len(terms) <= MAX_OWN_TERMS:
        # Short and pointing back ("is that dangerous?", "how many times?").
        if not terms or ANAPHORA_RE.search(message):
            return True
        # Naming only a new place ("the neck too?").
        parts = {p.lower() for p, _ in body_part_mentions(message)}
        return len(message.split()) <= 4 and all(
            any(t in p for p in parts) for t in terms
        )
    return False


def _done_to_it(message: str, few_terms: bool) -> bool:
    """A doing word whose object points back (DONE_TO_IT_RE). "does" and "did"
    also ask ("i have an EMG nerve test next week, does it hurt?", where "it"
    is the message's own thing): asking, they lean only with few words of the
    message's own."""
    return any(
        few_terms or m.group(1).lower() not in ("does", "did")
        for m in DONE_TO_IT_RE.finditer(message)
    )


def points_back_throughout(message: str, terms: List[str]) -> bool:
    """A question each of whose sentences speaks of the topic's thing by a
    pronoun ("my nan says to poke it with a pin?? is that actually a thing"),
    with few words of its own (`terms`, its own_terms): what it brings is
    asked of the topic."""
    sentences = [s for s in re.split(r"(?<=[.?!])\s+", message.strip()) if s]
    asks = message.rstrip().endswith("?") or bool(QUESTION_RE.match(sentences[-1]))
    return (
        asks
        and len(terms) <= MAX_QUESTION_TERMS
        and all(
            POINTER_RE.search(s) or ANAPHORA_RE.match(s) or QUESTION_RE.match(s)
            for s in sentences
        )
        and any(POINTER_RE.search(s) for s in sentences)
    )


def read(message: str, topic: Topic) -> Reading:
    """The search query for `message`, given the conversation's topic."""
    message = message.strip()
    parts = [canon for _, canon in body_part_mentions(OTHER_SIDE_RE.sub(" ", message))]
    if not is_follow_up(message, topic):
        return Reading(message, False, Topic(message, parts))
    new_parts = [p for p in parts if p not in topic.body_parts]
    # Asking whether a thing would help names the thing, not a new place ("a
    # strong rain shower head, could that help?").
    if new_parts and not WOULD_IT_HELP_RE.search(message):
        question = swap_body_part(topic.question, topic.body_parts, message)
        return Reading(question, True, Topic(question, parts, topic.passages))
    return Reading(in_topic(message, topic), True, topic)


def in_topic(message: str, topic: Topic) -> str:
    """`message` asked after the topic's question, as one search query."""
    return f"{topic.question.rstrip(' ?.!')}. {message}"


def swap_body_part(question: str, old_parts: List[str], message: str) -> str:
    """The topic question about the body part the follow-up names instead."""
    new = body_part_mentions(message)
    if not new:
        return question
    surface = new[0][0]
    for phrase, canon in body_part_mentions(question):
        if canon in old_parts or not old_parts:
            return re.sub(
                rf"\b{re.escape(phrase)}\b", surface, question, count=1, flags=re.I
            )
    # The topic named no body part: ask the same about the new one.
    return f"{question.rstrip(' ?.!')} for the {surface}?"
