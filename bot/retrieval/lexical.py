"""BM25 over passages (heading words count too), plus the corpus vocabulary that
query spelling correction and the abstention signal use."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Dict, List, Sequence, Tuple

from bot.retrieval.text import STOP_WORDS, content_terms, edit_distance_at_most_one
from bot.retrieval.text import stem as stem_word
from bot.retrieval.text import words as split_words

K1 = 1.2
B = 0.75
# Heading words are repeated into the passage's bag of words: the section says
# what a passage is about even when its own text does not name it.
HEADING_WEIGHT = 2
# Words shorter than this are not spell-corrected: too many near neighbours.
MIN_CORRECTABLE_LEN = 5
# Unknown long words match a corpus word sharing this many first letters (and
# three quarters of the word).
MIN_SHARED_PREFIX = 7


class LexicalIndex:
    """An inverted index with BM25 scoring, built in memory from passage texts."""

    def __init__(self, documents: Sequence[Tuple[str, str]]) -> None:
        """`documents`: (section heading, text) per passage, in index order."""
        self.postings: Dict[str, List[Tuple[int, int]]] = defaultdict(list)
        self.lengths: List[int] = []
        word_counts: Counter = Counter()
        for doc_id, (heading, text) in enumerate(documents):
            terms = content_terms(text) + content_terms(heading) * HEADING_WEIGHT
            self.lengths.append(len(terms))
            for term, count in Counter(terms).items():
                self.postings[term].append((doc_id, count))
            word_counts.update(split_words(f"{heading} {text}"))
        self.size = len(self.lengths)
        self.average_length = sum(self.lengths) / max(1, self.size)
        self.word_counts = word_counts
        self.idf = {
            term: math.log(1 + (self.size - len(p) + 0.5) / (len(p) + 0.5))
            for term, p in self.postings.items()
        }
        # Lookup tables for spelling correction: one-letter deletions (SymSpell)
        # and long prefixes, so a query never scans the whole vocabulary.
        self._by_deletion: Dict[str, List[str]] = defaultdict(list)
        self._by_prefix: Dict[str, List[str]] = defaultdict(list)
        for word in word_counts:
            for key in {word, *_deletions(word)}:
                self._by_deletion[key].append(word)
            if len(word) >= MIN_SHARED_PREFIX:
                self._by_prefix[word[:MIN_SHARED_PREFIX]].append(word)
        # A word the corpus never uses weighs like the rarest word it does use.
        self.unknown_idf = math.log(1 + (self.size + 0.5) / 0.5)

    def term_idf(self, term: str) -> float:
        """How telling a term is; unknown terms count as rarer than any known."""
        return self.idf.get(term, self.unknown_idf)

    def knows(self, term: str) -> bool:
        return term in self.postings

    def correct(self, word: str) -> str:
        """`word`, or the corpus word one typo away from it (the most frequent)."""
        if (
            len(word) < MIN_CORRECTABLE_LEN
            or word in STOP_WORDS
            or word in self.word_counts
            or self.knows(stem_word(word))
        ):
            return word
        near = [
            w
            for w in self._near_candidates(word)
            if len(w) >= MIN_CORRECTABLE_LEN and edit_distance_at_most_one(word, w)
        ]
        if not near:
            near = self._same_stem_family(word)
        if not near:
            return word
        return max(near, key=lambda w: (self.word_counts[w], w))

    def _same_stem_family(self, word: str) -> List[str]:
        """Corpus words sharing a long prefix ("physiotherapy" and
        "physiotherapeutic"): derivations the stemmer does not join."""
        if len(word) < MIN_SHARED_PREFIX + 1:
            return []
        prefix = word[: max(MIN_SHARED_PREFIX, int(len(word) * 0.75))]
        family = self._by_prefix.get(word[:MIN_SHARED_PREFIX], ())
        return [w for w in family if w.startswith(prefix)]

    def _near_candidates(self, word: str) -> set:
        """Corpus words sharing a one-letter deletion with `word` (a superset of
        those one edit away), found without scanning the vocabulary."""
        found: set = set()
        for key in {word, *_deletions(word)}:
            found.update(self._by_deletion.get(key, ()))
        return found

    def scores(self, terms: Sequence[str]) -> Dict[int, float]:
        """BM25 score per passage that shares at least one term with the query."""
        out: Dict[int, float] = defaultdict(float)
        for term in set(terms):
            idf = self.idf.get(term)
            if idf is None:
                continue
            for doc_id, tf in self.postings[term]:
                norm = K1 * (1 - B + B * self.lengths[doc_id] / self.average_length)
                out[doc_id] += idf * tf * (K1 + 1) / (tf + norm)
        return out

    def ceiling(self, terms: Sequence[str]) -> float:
        """A bound on any passage's BM25 score for these terms, to scale to 0..1."""
        return sum(self.term_idf(t) * (K1 + 1) for t in set(terms)) or 1.0

    def matched(self, terms: Sequence[str], doc_id: int) -> List[str]:
        """The query terms that occur in one passage."""
        return [
            t
            for t in set(terms)
            if any(d == doc_id for d, _ in self.postings.get(t, ()))
        ]


def _deletions(word: str) -> List[str]:
    return [word[:i] + word[i + 1 :] for i in range(len(word))]
