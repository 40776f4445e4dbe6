"""Keyword scoring and the corpus vocabulary: BM25 from `bm25s`, spelling
correction from `symspellpy`, both over the stemmed words of the passages
(heading words count too).

Both libraries replaced hand-written code after measuring them on the dev sets
(docs/retrieval.md, "Libraries"): BM25 scores are the same up to a constant
factor, and SymSpell's two-edit lookup fixes typos one edit could not.
"""

from __future__ import annotations

import math
from collections import Counter
from functools import lru_cache
from typing import Dict, FrozenSet, Iterable, List, Sequence, Set, Tuple

import numpy as np

from bot.retrieval.text import STOP_WORDS, content_terms
from bot.retrieval.text import stem as stem_word
from bot.retrieval.text import words as split_words

K1 = 1.2
B = 0.75
# Heading words are repeated into the passage's bag of words: the section says
# what a passage is about even when its own text does not name it.
HEADING_WEIGHT = 2
# Words shorter than this are not spell-corrected: too many near neighbours.
MIN_CORRECTABLE_LEN = 5
# From this length a word may be two typos away from the corpus word.
TWO_EDITS_LEN = 8
# Unknown long words match a corpus word sharing this many first letters (and
# three quarters of the word): derivations the stemmer does not join.
MIN_SHARED_PREFIX = 7


class LexicalIndex:
    """BM25 over passages plus the vocabulary spelling correction aims at."""

    def __init__(
        self, documents: Sequence[Tuple[str, str]], extra_words: Iterable[str] = ()
    ) -> None:
        """`documents`: (section heading, text) per passage, in index order.
        `extra_words`: words users may write that spelling correction must
        keep or aim at (lay vocabulary), though no passage uses them."""
        import bm25s

        bags = [
            content_terms(text) + content_terms(heading) * HEADING_WEIGHT
            for heading, text in documents
        ]
        self.size = len(bags)
        self.doc_terms: List[Set[str]] = [set(bag) for bag in bags]
        df = Counter(term for terms in self.doc_terms for term in terms)
        self.idf = {
            term: math.log(1 + (self.size - n + 0.5) / (n + 0.5))
            for term, n in df.items()
        }
        # A word the corpus never uses weighs like the rarest word it does use.
        self.unknown_idf = math.log(1 + (self.size + 0.5) / 0.5)
        self._bm25 = bm25s.BM25(k1=K1, b=B)
        if self.size:
            self._bm25.index([bag or [""] for bag in bags], show_progress=False)
        self.word_counts: Counter = Counter()
        for heading, text in documents:
            self.word_counts.update(split_words(f"{heading} {text}"))
        self._speller = _speller(self.word_counts, extra_words)
        self._by_prefix: Dict[str, List[str]] = {}
        for word in self.word_counts:
            if len(word) >= MIN_SHARED_PREFIX:
                self._by_prefix.setdefault(word[:MIN_SHARED_PREFIX], []).append(word)
        self.extra_words = frozenset(extra_words)

    def term_idf(self, term: str) -> float:
        """How telling a term is; unknown terms count as rarer than any known."""
        return self.idf.get(term, self.unknown_idf)

    def knows(self, term: str) -> bool:
        return term in self.idf

    def correct(self, word: str, derivations: bool = True) -> str:
        """`word`, or the most frequent corpus word a typo or two away from it;
        with `derivations`, also a corpus word of the same family
        ("physiotherapy" -> "physiotherapeutic"), which suits keyword matching
        but would change the meaning the model sees."""
        if (
            len(word) < MIN_CORRECTABLE_LEN
            or word in STOP_WORDS
            or word in self.word_counts
            or self.knows(stem_word(word))
        ):
            return word
        if word in self.extra_words:  # a lay word, not a typo
            family = self._same_stem_family(word) if derivations else []
            return max(family, key=lambda w: (self.word_counts[w], w), default=word)
        from symspellpy import Verbosity

        distance = 2 if len(word) >= TWO_EDITS_LEN else 1
        near = [
            s.term
            for s in self._speller.lookup(word, Verbosity.CLOSEST, distance)
            if len(s.term) >= MIN_CORRECTABLE_LEN
            and (s.distance < 2 or _plausible_double_typo(word, s.term))
            # Two edits turn real words into corpus words ("creeping" ->
            # "cramping", "managing" -> "massaging"); a double typo is
            # rarely an English word itself.
            and (s.distance < 2 or word not in english_words())
            # One edit does too ("friend" -> "fried", "grams" -> "grabs",
            # "heard" -> "heart"): an English word only becomes another form
            # of itself ("bruised" -> "bruise", "loose" -> "loosen").
            and (word not in english_words() or same_family(word, s.term))
        ]
        if not near and derivations:
            near = self._same_stem_family(word)
        if not near:
            return word
        return max(near, key=lambda w: (self.word_counts[w], w))

    def _same_stem_family(self, word: str) -> List[str]:
        """Corpus words sharing a long prefix ("physiotherapy" and
        "physiotherapeutic")."""
        if len(word) < MIN_SHARED_PREFIX + 1:
            return []
        prefix = word[: max(MIN_SHARED_PREFIX, int(len(word) * 0.75))]
        family = self._by_prefix.get(word[:MIN_SHARED_PREFIX], ())
        return [w for w in family if w.startswith(prefix)]

    def score_array(self, terms: Sequence[str]) -> np.ndarray:
        """BM25 score of every passage (index order), scaled by (K1 + 1) so
        `ceiling` bounds it."""
        known = [t for t in dict.fromkeys(terms) if t in self.idf]
        if not known or not self.size:
            return np.zeros(self.size, dtype=np.float32)
        return self._bm25.get_scores(known) * (K1 + 1)

    def scores(self, terms: Sequence[str]) -> Dict[int, float]:
        """BM25 score per passage that shares at least one term with the query."""
        array = self.score_array(terms)
        return {int(i): float(array[i]) for i in np.flatnonzero(array)}

    def ceiling(self, terms: Sequence[str]) -> float:
        """A bound on any passage's BM25 score for these terms, to scale to 0..1."""
        return sum(self.term_idf(t) * (K1 + 1) for t in set(terms)) or 1.0

    def matched(self, terms: Sequence[str], doc_id: int) -> List[str]:
        """The query terms that occur in one passage."""
        return [t for t in set(terms) if t in self.doc_terms[doc_id]]


def same_family(word: str, other: str) -> bool:
    """Whether one word is the other with an ending added ("climb" and
    "climbs", "loose" and "loosen", "sleepy" and "sleep"): not a letter changed
    ("grams" and "grabs", "heard" and "heart")."""
    return word.startswith(other) or other.startswith(word)


def _plausible_double_typo(word: str, target: str) -> bool:
    """Two edits only within a word that starts the same and keeps its length
    ("exersize" -> "exercise"), not a different word ("kneeling" -> "feeling")."""
    return word[:2] == target[:2] and abs(len(word) - len(target)) <= 1


@lru_cache(maxsize=1)
def english_words() -> FrozenSet[str]:
    """symspellpy's English word list (82,765 words)."""
    from importlib.resources import files

    path = files("symspellpy") / "frequency_dictionary_en_82_765.txt"
    with path.open(encoding="utf-8") as handle:
        return frozenset(line.split(" ", 1)[0] for line in handle)


def _speller(word_counts: Counter, extra_words: Iterable[str]):
    from symspellpy import SymSpell

    speller = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
    for word, count in word_counts.items():
        if len(word) >= MIN_CORRECTABLE_LEN:
            speller.create_dictionary_entry(word, count)
    for word in extra_words:
        if len(word) >= MIN_CORRECTABLE_LEN and word not in word_counts:
            speller.create_dictionary_entry(word, 1)
    return speller
