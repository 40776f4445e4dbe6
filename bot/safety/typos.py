"""Typo tolerance: maps a misspelt word to the key word it was meant to be.

spaCy 3.4's Matcher has no fuzzy operator, so each token is corrected against a
closed vocabulary of key words ("breathin" -> "breathing", "chocking" ->
"choking"). Candidates come from a delete index (SymSpell's idea: two words
within edit distance d share a string reachable by at most d deletions), then
the true Damerau-Levenshtein distance decides. Short words are never corrected:
one letter off a five-letter word is usually another real word.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import combinations
from typing import Dict, FrozenSet, Iterable, Set

from bot.safety.lexicon import FUZZY_VOCABULARY, MISSPELLINGS, NOT_TYPOS

MIN_LENGTH = 5  # shorter tokens are taken as written


def max_distance(word: str) -> int:
    """Edits allowed for a token of this length: 1, or 2 from nine letters on."""
    return 2 if len(word) >= 9 else 1


def _deletes(word: str, depth: int) -> Set[str]:
    out = {word}
    for n in range(1, depth + 1):
        for positions in combinations(range(len(word)), n):
            out.add("".join(c for i, c in enumerate(word) if i not in positions))
    return out


def _build_index(vocabulary: Iterable[str]) -> Dict[str, FrozenSet[str]]:
    index: Dict[str, Set[str]] = {}
    for word in vocabulary:
        for variant in _deletes(word, max_distance(word)):
            index.setdefault(variant, set()).add(word)
    return {key: frozenset(words) for key, words in index.items()}


_INDEX: Dict[str, FrozenSet[str]] | None = None
_LONGEST_KEY_WORD = max(len(word) for word in FUZZY_VOCABULARY)


def distance(a: str, b: str) -> int:
    """Optimal string alignment distance (Damerau-Levenshtein with transpositions)."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[i - 2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


@lru_cache(maxsize=20000)
def correct(word: str) -> str:
    """The key word `word` is a typo of, or `word` itself if it is none."""
    global _INDEX
    if word in MISSPELLINGS:
        return MISSPELLINGS[word]
    if len(word) < MIN_LENGTH or word in FUZZY_VOCABULARY or word in NOT_TYPOS:
        return word
    if not word.isalpha():
        return word
    # Nothing this long is a typo of a key word, and its deletion variants would
    # explode (a 4,000-letter token would stall the server for minutes).
    if len(word) > _LONGEST_KEY_WORD + max_distance(word):
        return word
    if _INDEX is None:
        _INDEX = _build_index(FUZZY_VOCABULARY)
    limit = max_distance(word)
    candidates: Set[str] = set()
    for variant in _deletes(word, limit):
        candidates |= _INDEX.get(variant, frozenset())
    best, best_distance = word, limit + 1
    for candidate in sorted(candidates):
        # A five-letter token may only have lost a letter ("breth" -> "breath").
        if len(word) == MIN_LENGTH and len(candidate) <= MIN_LENGTH:
            continue
        allowed = min(limit, max_distance(candidate))
        d = distance(word, candidate)
        if d <= allowed and d < best_distance:
            best, best_distance = candidate, d
    return best
