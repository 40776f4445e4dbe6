"""Query normalisation: spelling fixed against the corpus words, lay terms mapped
to the sources' terms, and the content terms lexical scoring and abstention use."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List

from bot.retrieval.lexical import LexicalIndex
from bot.retrieval.text import (
    WORD_RE,
    content_terms,
    expand_lay_terms,
    normalise,
    replace_lay_terms,
    unique,
)

_NAME_RE = re.compile(r"(?<=\w[ ,])[A-Z][a-z]+")


@dataclass(frozen=True)
class Query:
    """A question as the retriever sees it."""

    original: str
    corrected: str  # typos fixed; what is embedded
    terms: List[str]  # stemmed content terms, lay synonyms added (BM25)
    asked_terms: List[str]  # what the user asked about, lay terms mapped
    coverage: float  # idf-weighted share of asked_terms the corpus uses

    @property
    def dense_text(self) -> str:
        return self.corrected


def analyse(text: str, lexical: LexicalIndex) -> Query:
    """Normalise one question against the corpus vocabulary."""
    text = re.sub(r"\s+", " ", text).strip()
    # Capitalised words after the first are names ("Spain"): never "corrected".
    names = {m.group(0).lower() for m in _NAME_RE.finditer(text)}
    corrected = WORD_RE.sub(
        lambda m: m.group(0) if m.group(0) in names else lexical.correct(m.group(0)),
        normalise(text),
    )
    terms = unique(content_terms(expand_lay_terms(corrected)))
    asked = unique(content_terms(replace_lay_terms(corrected)))
    return Query(text, corrected, terms, asked, coverage(asked, lexical))


def coverage(terms: List[str], lexical: LexicalIndex) -> float:
    """How much of the question the corpus vocabulary covers, weighting each
    term by how telling it is (unknown terms weigh most)."""
    if not terms:
        return 0.0
    total = sum(lexical.term_idf(t) for t in terms)
    known = sum(lexical.term_idf(t) for t in terms if lexical.knows(t))
    return known / total
