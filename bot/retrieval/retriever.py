"""Hybrid retrieval over the corpus: dense (MiniLM + FAISS) and lexical (BM25)
scores fused per passage, with an abstention decision made from several signals.

    from bot.retrieval import Retriever
    result = Retriever.load().search("how do I relieve a cramp?", k=3)
    result.abstained, [(p.passage_id, p.section, p.score) for p in result.passages]
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Tuple

import numpy as np

from bot.corpus.build import BuildPaths, build, paths_from_settings, read_passages
from bot.corpus.curation import Curation, load_curation
from bot.corpus.split import Passage as StoredPassage
from bot.retrieval.abstention import decide
from bot.retrieval.lexical import LexicalIndex
from bot.retrieval.query import Query, analyse

# Fusion: the dense cosine and the BM25 score scaled to 0..1 by its ceiling.
LEXICAL_WEIGHT = 0.4
# How many passages each side nominates before fusion re-ranks them all.
CANDIDATES = 50


@dataclass
class Passage:
    """One search result."""

    passage_id: str
    source: str
    section: str
    text: str
    score: float
    dense: float = 0.0
    lexical: float = 0.0
    lead_in: str = ""
    cautions: List[str] = field(default_factory=list)

    def to_json(self) -> dict:
        """The fields the CLI prints, as issue 3 fixes them."""
        return {
            "passage_id": self.passage_id,
            "source": self.source,
            "section": self.section,
            "text": self.text,
            "score": round(self.score, 4),
        }


@dataclass
class SearchResult:
    """Ranked passages, and whether the corpus covers the question at all."""

    query: str
    abstained: bool
    passages: List[Passage]
    reason: str = ""
    coverage: float = 0.0


class Retriever:
    """Searches one built corpus. Use `Retriever.load()`; searching is thread-safe."""

    _cache: Dict[Tuple[str, str, str], Retriever] = {}
    _cache_lock = threading.Lock()

    def __init__(
        self,
        passages: List[StoredPassage],
        index,
        model_setting: str,
        curation: Curation | None = None,
    ) -> None:
        self.model_setting = model_setting
        self.curation = curation or Curation()
        self.excluded = self.curation.excluded_ids(passages)
        self.cautions = [self.curation.cautions_for(p) for p in passages]
        self.stored = passages
        self.by_id = {p.passage_id: p for p in passages}
        self.index = index
        self.vectors = index.reconstruct_n(0, index.ntotal)
        self.lexical = LexicalIndex([(p.section, p.text) for p in passages])
        self._encode_lock = threading.Lock()

    @classmethod
    def load(
        cls,
        corpus_dir: Path | None = None,
        build_dir: Path | None = None,
        model: str | None = None,
    ) -> Retriever:
        """The retriever for the configured corpus (bot.settings), built first if a
        source or the model changed. Cached: later calls return the same one."""
        from bot import settings as settings_module

        settings = settings_module.load()
        default = paths_from_settings(settings)
        paths = BuildPaths(
            Path(corpus_dir) if corpus_dir else default.corpus_dir,
            Path(build_dir)
            if build_dir
            else (Path(corpus_dir) / "build" if corpus_dir else default.build_dir),
        )
        model_setting = settings.embedding_model if model is None else model
        key = (str(paths.corpus_dir), str(paths.build_dir), model_setting)
        with cls._cache_lock:
            if key not in cls._cache:
                cls._cache[key] = cls._open(paths, model_setting)
            return cls._cache[key]

    @classmethod
    def _open(cls, paths: BuildPaths, model_setting: str) -> Retriever:
        import faiss

        from bot.corpus.embedder import load_model

        build(paths, model_setting, progress=lambda _: None)
        retriever = cls(
            read_passages(paths),
            faiss.read_index(str(paths.index)),
            model_setting,
            load_curation(paths.corpus_dir),
        )
        load_model(model_setting)  # pay the model load now, not on the first query
        return retriever

    def embed_query(self, text: str) -> np.ndarray:
        """The query's unit vector (one row)."""
        from bot.corpus.embedder import encode, load_model

        model = load_model(self.model_setting)
        with self._encode_lock:  # torch modules are not re-entrant across threads
            return encode(model, [text])

    def search(self, query: str, k: int = 3) -> SearchResult:
        """The top `k` passages for `query`, and whether to abstain."""
        if k <= 0:
            raise ValueError(f"k must be at least 1, got {k}")
        if not isinstance(query, str) or not query.strip():
            raise ValueError("the query is empty; ask a question in words")
        q = analyse(query, self.lexical)
        top = self._rank(q, k)
        abstained, reason = decide(q, top, self.lexical)
        return SearchResult(query, abstained, top, reason, q.coverage)

    def _rank(self, q: Query, k: int) -> List[Passage]:
        vector = self.embed_query(q.dense_text)
        n = min(CANDIDATES, self.index.ntotal)
        _, dense_ids = self.index.search(vector, n)
        lexical = self.lexical.scores(q.terms)
        ceiling = self.lexical.ceiling(q.terms)
        best_lexical = sorted(lexical, key=lexical.get, reverse=True)[:CANDIDATES]
        candidates = {int(i) for i in dense_ids[0] if i >= 0} | set(best_lexical)
        ids = sorted(candidates - self.excluded)
        if not ids:
            return []
        dense = self.vectors[ids] @ vector[0]
        lex = np.array([lexical.get(i, 0.0) for i in ids]) / ceiling
        fused = (1 - LEXICAL_WEIGHT) * dense + LEXICAL_WEIGHT * lex
        # Best first; equal scores in index order, so results are deterministic.
        order = sorted(range(len(ids)), key=lambda j: (-fused[j], ids[j]))[:k]
        return [self._result(ids[j], fused[j], dense[j], lex[j]) for j in order]

    def _result(self, doc_id: int, score, dense, lexical) -> Passage:
        stored = self.stored[doc_id]
        return Passage(
            passage_id=stored.passage_id,
            source=stored.source,
            section=stored.section,
            text=stored.text,
            score=float(score),
            dense=float(dense),
            lexical=float(lexical),
            lead_in=stored.lead_in,
            cautions=list(self.cautions[doc_id]),
        )
