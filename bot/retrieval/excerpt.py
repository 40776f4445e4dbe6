"""Chooses what of a passage to quote: the sentences that answer the question.

A passage is cut into units (sentences; a short list item stays whole, so
"• Badger fat. Used as an ointment" is not cut after its name). Each unit is
scored by its meaning's closeness to the question (MiniLM cosine to the
message, to each question it asks and, for a follow-up, to the follow-up
itself), by the share of the question's words it uses (idf-weighted) and by
whether it gives the kind of answer asked for (a count for "how many", a
doctor for "which doctor"). The best unit is quoted, then the next best while
they score near it and the excerpt stays short enough to read on a phone; the
chosen units keep their order in the passage and "..." marks every cut.
"""

from __future__ import annotations

import re
import threading
import weakref
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Callable, Dict, List, Pattern, Sequence

import numpy as np

from bot.corpus.split import BULLET_RE, looks_like_heading, sentences

# Texts in, unit-length rows out (the retriever's embedder).
Embed = Callable[[List[str]], np.ndarray]

# A list item up to this long is one unit: its name and what it says of it.
MAX_ITEM_CHARS = 320
# Weights of a unit's score: cosine in [-1, 1] plus these.
WORD_WEIGHT = 0.35  # times the idf-weighted share of the question's words used
CUE_BONUS = 0.12  # a unit that gives the kind of answer asked for
CAUTION_FACTOR = 0.8  # a unit a curation caution is about, when others say as much
# A unit joins the excerpt only when it scores this close to the best one.
MARGIN = 0.3
# The sentence closest to the question often restates the problem ("calves
# swell from sitting"); the answer is in the sentences after it. The best unit
# brings up to this many that follow it, as far as they fit.
FOLLOWING_UNITS = 2
# A word that abbreviates ("St. John's wort", "1 tbsp. of ...") does not end a
# sentence; neither does a full stop followed by a lower-case word or a digit.
_ABBREVIATION_RE = re.compile(
    r"\b(?:st|dr|mr|mrs|ms|prof|tbsp|tsp|incl|approx|min|max|no|vs|e\.g|i\.e|"
    r"etc|resp|ca|cf|fig|vol)\.$",
    re.I,
)
# A unit that announces what follows ("...manifests itself under the following
# factors:", "Here's an exercise to help...") is answered by the units after it.
_INTRODUCES_RE = re.compile(
    r"(?::\s*$|\b(?:here is|here's|here are|the following|as follows)\b|"
    r"\bexercises?\.$)",
    re.I,
)
# A list item this short is a name ("• Therapeutic baths."): what it names
# follows it.
TITLE_WORDS = 5
# A unit that points back ("This exercise...", "It...") reads badly alone.
_POINTS_BACK_RE = re.compile(
    r"^(?:this|that|these|those|it|they|then|there|such|after that|so|"
    r"to do (?:this|so))\b",
    re.I,
)


@dataclass
class Unit:
    """A quotable piece of a passage."""

    text: str
    bullet: bool = False  # opens a list item

    @property
    def asks(self) -> bool:
        """A question (a heading like "Which doctor should I contact?") repeats
        the query; it does not answer it."""
        return self.text.rstrip().endswith("?")


def passage_units(text: str, section: str = "") -> List[Unit]:
    """The units of a passage's text, its heading left out (the citation names
    the section already)."""
    lines = [line for line in text.splitlines() if line.strip()]
    if lines and lines[0].strip() == section.strip():
        lines = lines[1:]
    # Stacked headings ("Muscle tension syndrome" above the section) too.
    while len(lines) > 1 and looks_like_heading(lines[0]):
        lines = lines[1:]
    units: List[Unit] = []
    for line in lines:
        bullet = bool(BULLET_RE.match(line))
        body = BULLET_RE.sub("", line).strip()
        if bullet and len(body) <= MAX_ITEM_CHARS:
            units.append(Unit(body, True))
            continue
        for i, sentence in enumerate(_rejoin(sentences(body))):
            units.append(Unit(sentence, bullet and i == 0))
    return units


def _rejoin(pieces: Sequence[str]) -> List[str]:
    """Sentences split where the splitter took an abbreviation for their end."""
    out: List[str] = []
    for piece in pieces:
        if out and (_ABBREVIATION_RE.search(out[-1]) or piece[:1].islower()):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def word_share(unit_terms: set, terms: Sequence[str], idf) -> float:
    """The idf-weighted share of the question's `terms` a unit uses."""
    total = sum(idf(t) for t in set(terms))
    if not total:
        return 0.0
    return sum(idf(t) for t in set(terms) & unit_terms) / total


def unit_scores(
    units: Sequence[Unit],
    closeness: np.ndarray,
    shares: Sequence[float],
    cue: Pattern | None = None,
    flagged: Sequence[bool] = (),
) -> np.ndarray:
    """Each unit's score (see the module docstring); -inf for a question."""
    flagged = list(flagged) or [False] * len(units)
    scores = np.empty(len(units), dtype=np.float64)
    for i, unit in enumerate(units):
        if unit.asks:
            scores[i] = -np.inf
            continue
        score = float(closeness[i]) + WORD_WEIGHT * shares[i]
        if cue is not None and cue.search(unit.text):
            score += CUE_BONUS
        if flagged[i]:
            score = score * CAUTION_FACTOR if score > 0 else score
        scores[i] = score
    return scores


def choose(units: Sequence[Unit], scores: np.ndarray, budget: int) -> List[int]:
    """Indices (in passage order) of the units to quote: the best one, then the
    next best that score within MARGIN of it while the quote fits `budget`
    characters. A unit that announces what follows brings the units after it,
    and one that points back the one before it; then the best unit brings the
    FOLLOWING_UNITS after it, all as far as they fit."""
    ranked = [i for i in np.argsort(-scores, kind="stable") if np.isfinite(scores[i])]
    if not ranked:
        ranked = list(range(len(units)))  # only questions: quote them after all
    if not ranked:
        return []
    best = ranked[0]
    chosen = {best}
    used = len(units[best].text)
    for i in ranked[1:]:
        # Nothing in common with the question (words alone, no embedder): not
        # worth the reader's time however close the best one scores.
        if scores[i] < scores[best] - MARGIN or scores[i] <= 0:
            break
        if used + len(units[i].text) <= budget:
            chosen.add(i)
            used += len(units[i].text)
    used = _bring_what_follows(units, chosen, used, budget)
    for i in sorted(chosen):
        before = i - 1
        if (
            before >= 0
            and before not in chosen
            and not units[i].bullet
            and _POINTS_BACK_RE.match(units[i].text)
            and not units[before].asks
            and used + len(units[before].text) <= budget
        ):
            chosen.add(before)
            used += len(units[before].text)
    for after in range(best + 1, min(best + 1 + FOLLOWING_UNITS, len(units))):
        if after in chosen:
            continue
        if (
            units[after].asks
            or scores[after] <= 0
            or used + len(units[after].text) > budget
        ):
            break
        chosen.add(after)
        used += len(units[after].text)
    # A unit brought by the best one may announce a list ("Their task is:"):
    # the list is the answer.
    _bring_what_follows(units, chosen, used, budget)
    return sorted(chosen)


def _bring_what_follows(
    units: Sequence[Unit], chosen: set, used: int, budget: int
) -> int:
    """Adds to `chosen` the units after each chosen unit that announces them,
    as far as they fit `budget`; returns the characters then used."""
    for i in sorted(chosen):
        after = i + 1
        while (
            _introduces(units[i])
            and after < len(units)
            and used + len(units[after].text) <= budget
        ):
            if after not in chosen:
                chosen.add(after)
                used += len(units[after].text)
            after += 1
    return used


def _introduces(unit: Unit) -> bool:
    return bool(_INTRODUCES_RE.search(unit.text)) or (
        unit.bullet and len(unit.text.split()) <= TITLE_WORDS
    )


def quote(units: Sequence[Unit], chosen: Sequence[int], lead_in: str = "") -> str:
    """The quoted text: the chosen units in order, "..." where text was cut, a
    list item after the sentence that introduces it."""
    out = ""
    previous = None
    for i in chosen:
        unit = units[i]
        text = f"• {unit.text}" if unit.bullet else unit.text
        if previous is None:
            if unit.bullet and lead_in:
                out = f"{lead_in}\n{text}"
            elif i > 0:
                out = f"... {text}"
            else:
                out = text
        elif i != previous + 1:
            out += f" ...\n{text}" if unit.bullet else f" ... {text}"
        else:
            out += f"\n{text}" if unit.bullet else f" {text}"
        previous = i
    if previous is not None and previous < len(units) - 1:
        out += " ..."
    return out


class UnitVectors:
    """Embeddings of passages' units, computed once per passage and kept (the
    corpus is small; a passage's text never changes under its id)."""

    def __init__(self, embed: Embed, lock=None) -> None:
        self.embed = embed
        self.lock = lock or nullcontext()
        self._by_passage: Dict[str, np.ndarray] = {}
        self._guard = threading.Lock()

    def __call__(
        self, queries: List[str], passages: Sequence[tuple]
    ) -> tuple[np.ndarray, List[np.ndarray]]:
        """(query rows, one matrix of unit rows per (passage_id, units))."""
        with self._guard:
            missing = [
                (pid, units) for pid, units in passages if pid not in self._by_passage
            ]
        texts = list(queries) + [u.text for _, units in missing for u in units]
        with self.lock:
            rows = self.embed(texts) if texts else np.zeros((0, 0), np.float32)
        query_rows = rows[: len(queries)]
        offset = len(queries)
        with self._guard:
            for pid, units in missing:
                self._by_passage[pid] = rows[offset : offset + len(units)]
                offset += len(units)
            return query_rows, [self._by_passage[pid] for pid, _ in passages]


_VECTORS: weakref.WeakKeyDictionary[object, UnitVectors] = weakref.WeakKeyDictionary()
_VECTORS_LOCK = threading.Lock()


def unit_vectors_for(retriever) -> UnitVectors | None:
    """The cache of unit embeddings that goes with `retriever` (None without an
    embedder: then units are scored on their words alone)."""
    embed = getattr(retriever, "embedder", None)
    if embed is None:
        return None
    with _VECTORS_LOCK:
        cached = _VECTORS.get(retriever)
        if cached is None or cached.embed is not embed:
            # The retriever's own lock: its torch model is not re-entrant.
            cached = UnitVectors(embed, getattr(retriever, "_encode_lock", None))
            _VECTORS[retriever] = cached
        return cached
