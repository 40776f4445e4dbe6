"""Retrieval quality on an eval set: `python -m bot.retrieval eval FILE.jsonl`.

Each line: {"query", "gold": [phrases], "in_corpus": bool}. A hit is a gold
phrase (word boundaries, any case) in one of the top k passages.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import List


@dataclass
class Report:
    """The figures the retrieval targets are set on, plus the misses to look at."""

    hit_at_k: float
    mrr: float
    answered: float  # share of in-corpus queries not abstained
    abstained: float  # share of out-of-corpus queries abstained
    in_corpus: int
    out_of_corpus: int
    misses: List[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"hit@3 {self.hit_at_k:.3f}  MRR {self.mrr:.3f}  "
            f"in-corpus answered {self.answered:.3f} ({self.in_corpus})  "
            f"out-of-corpus abstained {self.abstained:.3f} ({self.out_of_corpus})"
        )


def read_eval_set(path: Path) -> List[dict]:
    """The lines of an eval file, checked for the fields evaluation needs."""
    rows = []
    for number, line in enumerate(Path(path).read_text().splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        # A conversation set's single message (bot.evaluate) is a question too.
        turns = row.get("turns")
        if "query" not in row and isinstance(turns, list) and len(turns) == 1:
            row = {**row, "query": turns[0]}
        if "query" not in row or "in_corpus" not in row:
            raise ValueError(
                f"{path}:{number}: needs `query` (or one of `turns`) and `in_corpus`"
            )
        rows.append(row)
    return rows


def gold_rank(gold: List[str], texts: List[str]) -> int:
    """1-based rank of the first text holding a gold phrase; 0 if none does."""
    # Whole words at the phrase's ends; a phrase may end in punctuation
    # ("Used as an ointment (rubbing)."), where \b would never match.
    patterns = [
        re.compile(rf"(?<!\w){re.escape(g)}(?!\w)", re.IGNORECASE) for g in gold
    ]
    for rank, text in enumerate(texts, 1):
        if any(p.search(text) for p in patterns):
            return rank
    return 0


def evaluate(retriever, rows: List[dict], k: int = 3) -> Report:
    """Search every query once and score the results."""
    hits = reciprocal = answered = abstained = 0
    inside = [r for r in rows if r["in_corpus"]]
    outside = [r for r in rows if not r["in_corpus"]]
    misses = []
    for row in rows:
        result = retriever.search(row["query"], k=k)
        if not row["in_corpus"]:
            abstained += result.abstained
            if not result.abstained:
                top = result.passages[0] if result.passages else None
                misses.append(
                    f"answered out-of-corpus: {row['query']!r} "
                    f"({result.reason}; top {top and top.section!r})"
                )
            continue
        rank = gold_rank(row.get("gold", []), [p.text for p in result.passages])
        hits += rank > 0
        reciprocal += 1 / rank if rank else 0
        answered += not result.abstained
        if not rank:
            misses.append(
                f"miss: {row['query']!r} got {[p.section for p in result.passages]}"
            )
        if result.abstained:
            misses.append(f"abstained in-corpus: {row['query']!r} ({result.reason})")
    n_in, n_out = max(1, len(inside)), max(1, len(outside))
    return Report(
        hit_at_k=hits / n_in,
        mrr=reciprocal / n_in,
        answered=answered / n_in,
        abstained=abstained / n_out,
        in_corpus=len(inside),
        out_of_corpus=len(outside),
        misses=misses,
    )


class PlainBaseline:
    """The issue's reference point: blank-line paragraphs of the sources, MiniLM,
    a flat FAISS index, no abstention. For comparison only (`eval --baseline`)."""

    def __init__(self, corpus_dir: Path, model_setting: str = "") -> None:
        import faiss

        from bot.corpus.embedder import encode, load_model
        from bot.corpus.sources import find_sources

        self.paragraphs = [
            p.strip()
            for source in find_sources(corpus_dir)
            for p in re.split(r"\n\s*\n", source.read())
            if p.strip()
        ]
        self.model = load_model(model_setting)
        self._encode = encode
        vectors = encode(self.model, self.paragraphs)
        self.index = faiss.IndexFlatIP(vectors.shape[1])
        self.index.add(vectors)

    def search(self, query: str, k: int = 3):
        """Top-k paragraphs by cosine; never abstains."""
        from bot.retrieval.retriever import Passage, SearchResult

        scores, ids = self.index.search(self._encode(self.model, [query]), k)
        passages = [
            Passage(str(i), "", "", self.paragraphs[i], float(s))
            for s, i in zip(scores[0], ids[0], strict=True)
        ]
        return SearchResult(query, False, passages)
