"""The semantic layer: a warning sign told in words the rules do not list.

Each clause of a message (and each segment that spans several clauses) is
embedded with MiniLM (bot.corpus.onnx_encoder) and compared with a reviewed bank of
lay descriptions of every respiratory and bulbar sign (semantic_bank.json).
A unit is a sign when its nearest sign phrasing is at least SIGN_THRESHOLD
similar and closer than any near-miss phrasing by NEAR_MISS_MARGIN, or when it
is at least SURE_THRESHOLD similar whatever the near misses say. The
thresholds were chosen for recall first on the dev sets (docs/safety.md).

The context layer then rules a hit out as it does for the rules: negated,
over, hypothetical, someone else's, an instruction or an idiom.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import List, Sequence, Tuple

import numpy as np

from bot.safety import lexicon as lx
from bot.safety.lexicon import CLAUSE_CONJUNCTIONS
from bot.safety.typos import correct

BANK_PATH = Path(__file__).with_name("semantic_bank.json")
SIGN_THRESHOLD = 0.55
SURE_THRESHOLD = 0.90
NEAR_MISS_MARGIN = 0.03
MAX_UNITS = 48  # a very long message is still checked, in its first clauses
MIN_CONTENT_TOKENS = 3  # "I can't" alone says nothing to embed
MIN_PHRASE_TOKENS = 5  # a part of a clause: "is it the breathing" is no sign


@dataclass(frozen=True)
class Hit:
    """A unit of the message that reads like a sign."""

    category: str
    sign: str  # the bank's name for the sign
    score: float
    tokens: Tuple[int, int]  # token range [start, end) in the message
    chars: Tuple[int, int]  # the same as character offsets


class SemanticLayer:
    """The bank's embeddings and the encoder, loaded once."""

    def __init__(self, encoder, bank_path: Path = BANK_PATH) -> None:
        bank = json.loads(Path(bank_path).read_text(encoding="utf-8"))
        self.encoder = encoder
        labels, texts = [], []
        for name, sign in bank["signs"].items():
            for phrasing in sign["phrasings"]:
                labels.append((name, sign["category"]))
                texts.append(phrasing)
        self.labels = labels
        self.needs = {
            name: _named_by_every(sign["phrasings"])
            for name, sign in bank["signs"].items()
        }
        self.signs = encoder.encode(texts)
        self.near = encoder.encode(bank["near_misses"])

    def scores(self, texts: Sequence[str]) -> List[Tuple[float, float, int]]:
        """For each text: best sign similarity, best near-miss similarity, and
        the index of the best sign phrasing."""
        vectors = self.encoder.encode(list(texts))
        to_signs = vectors @ self.signs.T
        to_near = vectors @ self.near.T if len(self.near) else None
        out = []
        for row in range(len(texts)):
            best = int(np.argmax(to_signs[row]))
            near = float(to_near[row].max()) if to_near is not None else -1.0
            out.append((float(to_signs[row, best]), near, best))
        return out

    def is_sign(self, sign: float, near: float) -> bool:
        """The decision rule (see the module docstring)."""
        if sign >= SURE_THRESHOLD:
            return True
        return sign >= SIGN_THRESHOLD and sign >= near + NEAR_MISS_MARGIN

    def hits(self, message) -> List[Hit]:
        """The units of a tokenized message (detector._Message) that read as signs."""
        units = _units(message)
        if not units:
            return []
        texts = [
            as_first_person(_corrected(message, start, end))
            for start, end, _, _ in units
        ]
        out = []
        for (start, end, first, last), (sign, near, best) in zip(
            units, self.scores(texts), strict=True
        ):
            name, category = self.labels[best]
            if self.is_sign(sign, near) and _names_what_it_needs(
                message, start, end, self.needs[name]
            ):
                out.append(Hit(category, name, sign, (start, end), (first, last)))
        return out


# Function words that name the same thing for this purpose: "to get air in"
# and "when I breathe in" both speak of breathing.
SAME_FUNCTION = {"AIR": "BREATH"}


def _functions(words) -> frozenset:
    return frozenset(
        SAME_FUNCTION.get(c, c) for w in words if (c := lx.CONCEPT_OF.get(w))
    )


# Only breathing is required so: its words are few and every patient uses
# one; food, face and throat words are open lists ("every sip", "grey-blue
# fingernails" name no food or face word the lexicon knows, and are signs).
REQUIRED_FUNCTIONS = frozenset({"BREATH"})


def _named_by_every(phrasings: Sequence[str]) -> frozenset:
    """The breathing every phrasing of a sign names: each way the bank tells
    of neck muscles straining names the breathing they strain for."""
    named = [_functions(re.findall(r"[a-z]+", p.lower())) for p in phrasings]
    every = frozenset.intersection(*named) if named else frozenset()
    return every & REQUIRED_FUNCTIONS


def _names_what_it_needs(message, start: int, end: int, needs: frozenset) -> bool:
    """Whether the unit's clauses name a function the sign needs: "i carry my
    heavy tote on my right shoulder" is close to "my shoulders heave up with
    every breath", but says nothing of breathing."""
    if not needs:
        return True
    first, last = message.clause_span(start, end)
    named = {
        SAME_FUNCTION.get(c, c) for j in range(first, last) if (c := message.concept(j))
    }
    return bool(needs & named)


def _corrected(message, start: int, end: int) -> str:
    """Tokens [start, end) as written, each typo the rules corrected replaced
    by its correction ("hav to swallo 3 or 4 tims" reads "have to swallow 3
    or 4 times"): the bank is spelt correctly."""
    out = []
    for token in message.doc[start:end]:
        fixed = correct(token.lower_)
        out.append((fixed if fixed != token.lower_ else token.text) + token.whitespace_)
    return "".join(out).strip()


def _phrases(message) -> List[int]:
    """Clauses cut again at every "and", "or", "then", "so": in a run-on
    "my legs have cramped for weeks and now I stop halfway up the stairs for
    air", the sign is one phrase, and the whole clause reads like a cramp."""
    ids, phrase = [], 0
    for i, norm in enumerate(message.norms):
        if i and (
            message.clause[i] != message.clause[i - 1] or norm in CLAUSE_CONJUNCTIONS
        ):
            phrase += 1
        ids.append(phrase)
    return ids


def _units(message) -> List[Tuple[int, int, int, int]]:
    """Phrases, clauses, and segments of several clauses: token and character
    ranges."""
    doc = message.doc
    spans = []
    for ids, least in (
        (_phrases(message), MIN_PHRASE_TOKENS),
        (message.clause, MIN_CONTENT_TOKENS),
        (message.segment, MIN_CONTENT_TOKENS),
    ):
        start = 0
        for i in range(1, len(ids) + 1):
            if i == len(ids) or ids[i] != ids[start]:
                spans.append((start, i, least))
                start = i
    seen, units = set(), []
    for start, end, least in spans:
        words = [t for t in doc[start:end] if not (t.is_punct or t.is_space)]
        if len(words) < least:
            continue
        start, end = words[0].i, words[-1].i + 1  # without edge punctuation
        if (start, end) in seen:
            continue
        seen.add((start, end))
        units.append((start, end, words[0].idx, words[-1].idx + len(words[-1])))
    units.sort(key=lambda u: (u[0], u[1]))
    return units[:MAX_UNITS]


# The bank speaks in the first person; "people couldn't understand my mum"
# reads far from "people can't understand what I'm saying" until the person is
# "me". Who it is stays the context layer's question, on the message's own words.
_RELATIVE = (
    r"(?:mum|mom|mother|mam|dad|father|grandad|grandpa|granddad|grandma|granny|"
    r"gran|nan|nana|nanna|husband|hubby|wife|partner|son|daughter|brother|"
    r"sister|friend|uncle|aunt|auntie|boyfriend|girlfriend|baby|child|kid|"
    r"toddler|resident|patient|neighbour|neighbor)"
)
_WHOSE = r"(?:(?:my|our|his|her|their|the) )?"
_OBJECT_AFTER = r"\b(understand|hear|tell|told|help|ask|asked|to|with|for|at) "
_FIRST_PERSON = [
    (re.compile(rf"\b{_WHOSE}{_RELATIVE}(?:'s|s)\b", re.I), "my"),
    (re.compile(rf"{_OBJECT_AFTER}{_WHOSE}{_RELATIVE}\b", re.I), r"\1 me"),
    (re.compile(rf"\b{_WHOSE}{_RELATIVE}\b", re.I), "I"),
    (re.compile(r"\b(?:she|he)(?:'s|s| is)\b", re.I), "I'm"),
    (re.compile(r"\b(?:she|he)\b", re.I), "I"),
    (re.compile(r"\b(?:his|her)(?= [a-z])", re.I), "my"),
    (re.compile(r"\b(?:him|her)\b", re.I), "me"),
]


def as_first_person(text: str) -> str:
    """`text` with another person told of as "I"/"my"/"me", for the bank; a
    unit left with few words stays as it was ("my daughter has flat" would
    read "I has flat", close to a flat face)."""
    told = text
    for pattern, replacement in _FIRST_PERSON:
        told = pattern.sub(replacement, told)
    return told if len(told.split()) >= MIN_PHRASE_TOKENS else text
