"""Query understanding for real chat messages: typos fixed against the corpus
words, lay words mapped to the sources' words, and the message split into the
question(s) it asks, apart from the context told before them.

"I'm 45, desk job, and at night my calves cramp. What can I do?" scores
"at night my calves cramp. what can i do?" (a question too short to stand alone
keeps the sentence before it); "What causes cramps? And how do I stop them?"
scores both questions, so each can bring its passage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, List

from bot.retrieval.amounts import asked_amounts
from bot.retrieval.lexical import LexicalIndex, english_words
from bot.retrieval.subject import unnamed_thing
from bot.retrieval.text import WORD_RE, content_terms, normalise, stem, unique
from bot.retrieval.vocabulary import Vocabulary

_NAME_RE = re.compile(r"(?<=\w[ ,])[A-Z][a-z]+")
_SENTENCE_RE = re.compile(r"(?<=[.?!;])\s+|\n+|(?<=\.\.\.)\s*")
# A second question inside one sentence: "what causes cramps and how do I ...".
# Not "also": "can the cold also do it" is one question, not "can the cold" and
# "do it".
_JOINED_QUESTION_RE = re.compile(
    r",?\s+(?:and|plus|or)\s+(?=(?:how|what|why|when|where|which|should|"
    r"can|could|is|are|does|do|will|would)\b)"
)
_QUESTION_START = frozenset(
    """how what why when where which who whom whose can could should would is are
    am do does did will was were any anything tips ways best help whats what's
    wats hows how's""".split()
)
# A question with fewer content terms than this leans on the sentence before.
MIN_PART_TERMS = 3
# ...and so does a short one that opens as a question and points back at it
# ("guillain barre is one possibility.. whats the one thing with it doctors are
# most scared of missing?"). One that opens by telling names its own thing ("i
# have an EMG test next week, does it hurt?").
_POINTS_BACK_RE = re.compile(r"\b(?:it|this|that|they|them|these|those)\b")
MAX_POINTING_PART_TERMS = 5
MAX_PARTS = 3


@dataclass(frozen=True)
class Query:
    """A message as the retriever sees it."""

    original: str
    corrected: str  # whole message, typos fixed, lower case
    parts: List[str]  # the question(s) to score; [corrected] for a plain question
    terms: List[str]  # stemmed content terms of the whole message, lay words added
    part_terms: List[List[str]]  # the same per part
    asked_terms: List[str]  # what the parts ask about, lay words mapped
    coverage: float  # idf-weighted share of asked_terms the corpus covers
    unknown: int = 0  # how many asked_terms the corpus never uses
    # how many of those are not English words either, as written: names of
    # drugs, conditions, tests ("statin", "polymyalgia", "IVIG", "L5-S1")
    unknown_names: int = 0
    # a word of the thing the question asks about ("do compression socks
    # help?") that no source uses, as written; "" if none (bot.retrieval.subject)
    unnamed: str = ""

    @property
    def dense_text(self) -> str:
        return self.corrected

    @property
    def texts(self) -> List[str]:
        """What to embed: the whole message first, then each distinct part."""
        return unique([self.corrected, *self.parts])


def analyse(
    text: str,
    lexical: LexicalIndex,
    vocabulary: Vocabulary | None = None,
    knows: Callable[[str], bool] | None = None,
) -> Query:
    """Normalise one message against the corpus vocabulary."""
    vocabulary = vocabulary or Vocabulary()
    knows = knows or lexical.knows
    text = re.sub(r"[ \t]+", " ", text).strip()
    # Capitalised words after the first are names ("Spain"): never "corrected".
    names = {m.group(0).lower() for m in _NAME_RE.finditer(text)}

    lowered = normalise(text)
    names |= beside_names(WORD_RE.findall(lowered), lexical, vocabulary, knows)

    def fix(word: str, derivations: bool) -> str:
        return word if word in names else lexical.correct(word, derivations)

    corrected = WORD_RE.sub(lambda m: fix(m.group(0), False), lowered)
    corrected = re.sub(r"\s+", " ", corrected).strip()
    # Derived forms only feed keyword matching ("physiotherapy" also searches
    # "physiotherapeutic"); the model sees the words as written.
    derived = {w: d for w in WORD_RE.findall(corrected) if (d := fix(w, True)) != w}

    def terms_of(part: str) -> List[str]:
        extra = " ".join(d for w, d in derived.items() if w in part)
        return _without(vocabulary, content_terms(vocabulary.expand(f"{part} {extra}")))

    # A part stands alone on the words it says, not on what the vocabulary
    # adds: "is that the medication?" says one word ("drug" and "medicine" are
    # added), so it keeps the sentence naming the medication before it.
    parts = question_parts(corrected, lambda p: _without(vocabulary, content_terms(p)))
    asked = unique(
        [
            t
            for part in parts
            for t in _without(
                vocabulary,
                content_terms(vocabulary.replace(_derive(part, derived))),
            )
        ]
        # A dose or a price asked for is asked about, though its number is
        # dropped above (bot/retrieval/amounts.py).
        + [kind for part in parts for kind in asked_amounts(part)]
    )
    unknown = {t for t in asked if not knows(t)}
    return Query(
        original=text,
        corrected=corrected,
        parts=parts,
        terms=unique(terms_of(corrected)),
        part_terms=[unique(terms_of(p)) for p in parts],
        asked_terms=asked,
        coverage=coverage(asked, lexical, knows),
        unknown=len(unknown),
        unknown_names=unknown_names(parts, unknown),
        unnamed=unnamed_thing(
            corrected, parts, vocabulary, lambda w: fix(w, False), lexical.knows
        ),
    )


def beside_names(
    words: List[str],
    lexical: LexicalIndex,
    vocabulary: Vocabulary,
    knows: Callable[[str], bool],
) -> set:
    """Words written next to a name the sources never use: part of that name,
    so never "corrected" into a corpus word ("polymyalgia rheumatica" is not
    "polymyalgia rheumatic"). A name here is a word that is not English, not
    one the corpus or the vocabulary knows, and no typo of a corpus word."""
    english = english_words()
    known = vocabulary.words() | vocabulary.filler

    def is_name(word: str) -> bool:
        return (
            len(word) > 2
            and word[0].isalpha()
            and word not in english
            and word not in known
            and not knows(stem(word))
            and lexical.correct(word, False) == word
        )

    flags = [is_name(w) for w in words]
    return {
        w
        for n, w in enumerate(words)
        if (n and flags[n - 1]) or (n + 1 < len(words) and flags[n + 1])
    }


def unknown_names(parts: List[str], unknown: set) -> int:
    """How many of the `unknown` terms are, as the patient wrote them, not
    English words: a drug, a condition or a test the sources never name
    ("statin", "polymyalgia", "EMG"), rather than an everyday word they happen
    not to use ("obsessed", "restless")."""
    english = english_words()
    return len(
        {
            stem(w)
            for part in parts
            for w in WORD_RE.findall(part)
            if stem(w) in unknown and w not in english
        }
    )


def question_parts(text: str, terms_of: Callable[[str], List[str]]) -> List[str]:
    """The question(s) a message asks, each with enough words to stand alone;
    the whole message when it asks nothing or one plain sentence."""
    sentences = [s.strip() for s in _SENTENCE_RE.split(text) if s and s.strip()]
    pieces: List[tuple] = []  # (text, is_question)
    for sentence in sentences:
        split = [s.strip() for s in _JOINED_QUESTION_RE.split(sentence) if s.strip()]
        for piece in split:
            pieces.append((piece, _is_question(piece) or len(split) > 1))
    if len(pieces) <= 1 or not any(q for _, q in pieces):
        return [text]
    parts: List[str] = []
    previous = ""
    for piece, is_question in pieces:
        if is_question:
            part = piece
            n_terms = len(terms_of(piece))
            leans = n_terms < MIN_PART_TERMS or (
                n_terms <= MAX_POINTING_PART_TERMS
                and _opens_as_question(piece)
                and _POINTS_BACK_RE.search(piece)
            )
            if leans and previous:
                part = f"{previous} {piece}"
            parts.append(part)
        previous = piece
    parts = unique(parts)[:MAX_PARTS]
    return parts or [text]


def _derive(text: str, derived: dict) -> str:
    return WORD_RE.sub(lambda m: derived.get(m.group(0), m.group(0)), text)


def _is_question(sentence: str) -> bool:
    return sentence.rstrip().endswith("?") or _opens_as_question(sentence)


def _opens_as_question(sentence: str) -> bool:
    first = WORD_RE.findall(sentence[:40])
    return bool(first and first[0] in _QUESTION_START)


def _without(vocabulary: Vocabulary, terms: List[str]) -> List[str]:
    """Terms without filler, and without numbers ("I'm 45", "8yo", "9h"): an
    age or a duration says nothing about which passage answers. A name that
    starts with a letter ("B12", "L5", "C7") is kept: it says what is asked
    about, and when the corpus never uses it ("low B12", "L5-S1 disc") the
    question is about something the sources do not cover."""
    return [t for t in terms if t not in vocabulary.filler and not t[0].isdigit()]


def coverage(
    terms: List[str], lexical: LexicalIndex, knows: Callable[[str], bool]
) -> float:
    """How much of the question the corpus covers, weighting each term by how
    telling it is (unknown terms weigh most)."""
    if not terms:
        return 0.0
    total = sum(lexical.term_idf(t) for t in terms)
    known = sum(lexical.term_idf(t) for t in terms if knows(t))
    return known / total
