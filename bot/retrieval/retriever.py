"""Hybrid retrieval over the corpus: each passage is scored on its meaning
(MiniLM cosine), on the lay questions it answers (corpus/questions.yml) and on
its keywords (BM25), per question part of the message; the signals are fused
with weights learned on the dev sets (bot/retrieval/fusion.py), and a learned
model decides whether the corpus answers the message at all.

    from bot.retrieval import Retriever
    result = Retriever.load().search("how do I relieve a cramp?", k=3)
    result.abstained, [(p.passage_id, p.section, p.score) for p in result.passages]
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Sequence, Tuple

import numpy as np

from bot.corpus.build import (
    BuildPaths,
    build,
    paths_from_settings,
    read_passages,
    read_questions,
)
from bot.corpus.curation import Curation, load_curation
from bot.corpus.split import Passage as StoredPassage
from bot.retrieval.abstention import (
    OVERLAP_K,
    Support,
    answer_overlap,
    decide,
    term_presence,
    unstated_amount,
)
from bot.retrieval.amounts import WRITTEN, stated_amounts
from bot.retrieval.fusion import FusionWeights, load_weights, rank_features
from bot.retrieval.lexical import LexicalIndex
from bot.retrieval.query import Query, analyse
from bot.retrieval.text import WORD_RE, content_terms, stem
from bot.retrieval.text import words as split_words
from bot.retrieval.vocabulary import Vocabulary, load_vocabulary

# Texts in, unit-length float32 vectors out (one row per text).
Embedder = Callable[[List[str]], np.ndarray]


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
        """The fields the CLI prints."""
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


@dataclass
class PartRanking:
    """One question part's scores over all passages (index order)."""

    features: np.ndarray  # one row of fusion.RANK_FEATURES per passage
    scores: np.ndarray  # the learned linear score; -inf for excluded passages


class Retriever:
    """Searches one built corpus. Use `Retriever.load()`; searching is
    thread-safe. Tests may build one directly with a stand-in `embedder`."""

    _cache: Dict[Tuple[str, str, str], Retriever] = {}
    _cache_lock = threading.Lock()

    def __init__(
        self,
        passages: List[StoredPassage],
        vectors: np.ndarray,
        embedder: Embedder,
        curation: Curation | None = None,
        questions: Sequence[Tuple[str, str]] = (),
        question_vectors: np.ndarray | None = None,
        vocabulary: Vocabulary | None = None,
        weights: FusionWeights | None = None,
    ) -> None:
        """`vectors`: one unit row per passage; `questions`: (passage_id, lay
        question) pairs, with `question_vectors` one row each."""
        self.embedder = embedder
        self.curation = curation or Curation()
        self.vocabulary = vocabulary or Vocabulary()
        self.weights = weights or load_weights()
        self.stored = passages
        self.by_id = {p.passage_id: p for p in passages}
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self.excluded = self.curation.excluded_ids(passages)
        self.cautions = [self.curation.cautions_for(p) for p in passages]
        position = {p.passage_id: i for i, p in enumerate(passages)}
        self.position = position
        kept = [
            (j, position[pid])
            for j, (pid, _) in enumerate(questions)
            if pid in position
        ]
        self.question_owner = np.array([i for _, i in kept], dtype=np.int64)
        self.question_vectors = (
            np.ascontiguousarray(question_vectors[[j for j, _ in kept]], np.float32)
            if kept and question_vectors is not None
            else np.zeros((0, self.vectors.shape[1]), np.float32)
        )
        # Words of the lay questions count as covered: "knots" is answered by a
        # passage on tension even though no source says "knots".
        self.question_terms = frozenset(
            t for _, question in questions for t in content_terms(question)
        )
        lay_terms = [set() for _ in passages]
        for pid, question in questions:
            if pid in position:
                lay_terms[position[pid]].update(content_terms(question))
        self.lexical = LexicalIndex(
            [(p.section, p.text) for p in passages],
            # Split like queries are: a word kept with its punctuation ("drink?")
            # would become the "correction" of the plain word.
            extra_words=self.vocabulary.words()
            | {w for _, q in questions for w in split_words(q)},
        )
        # What each passage can be said to answer in words: its own terms and
        # those of its lay questions.
        # A passage that states a dose or a price answers a question asking
        # for one (bot/retrieval/amounts.py).
        stated = [stated_amounts(p.text) for p in passages]
        self.stated_amounts = frozenset().union(*stated)
        self.answer_terms = [
            self.lexical.doc_terms[i] | lay | stated[i]
            for i, lay in enumerate(lay_terms)
        ]
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
                # The ONNX copy of the encoder depends on the model only, so
                # every corpus shares the configured build directory's.
                cls._cache[key] = cls._open(
                    paths, model_setting, settings.corpus_build_dir
                )
            return cls._cache[key]

    @classmethod
    def _open(
        cls, paths: BuildPaths, model_setting: str, encoder_dir: Path
    ) -> Retriever:
        import faiss

        from bot.corpus.onnx_encoder import query_encoder

        build(paths, model_setting, progress=lambda _: None)
        index = faiss.read_index(str(paths.index))
        questions, question_vectors = read_questions(paths)
        encoder = query_encoder(model_setting, encoder_dir)  # now, not at a question
        return cls(
            read_passages(paths),
            index.reconstruct_n(0, index.ntotal),
            encoder,
            load_curation(paths.corpus_dir),
            questions,
            question_vectors,
            load_vocabulary(paths.corpus_dir),
        )

    def knows(self, term: str) -> bool:
        """Whether the corpus, or a lay question it answers, uses `term`."""
        return (
            self.lexical.knows(term)
            or term in self.question_terms
            or term in self.stated_amounts
        )

    def analyse(self, query: str) -> Query:
        if not isinstance(query, str) or not query.strip():
            raise ValueError("the query is empty; ask a question in words")
        return analyse(query, self.lexical, self.vocabulary, self.knows)

    def search(self, query: str, k: int = 3) -> SearchResult:
        """The top `k` passages for `query`, and whether to abstain."""
        if k <= 0:
            raise ValueError(f"k must be at least 1, got {k}")
        q = self.analyse(query)
        # One encode for the message, its parts and its asked words.
        words = self._written_terms(q)
        with self._encode_lock:
            vectors = self.embedder(q.texts + words)
        parts = self.rank_parts(q, vectors[: len(q.texts)])
        # Whether to answer is judged on the passages the abstention model was
        # fitted on (the top OVERLAP_K), whatever `k` the caller shows: with
        # k=1 there is no margin and one passage's words, and the same
        # question would be answered at one k and refused at another.
        judged = merge(parts, OVERLAP_K)
        if not judged:
            return SearchResult(query, True, [], "no passage", q.coverage)
        rows = np.vstack([parts[p].features[i] for i, p in judged])
        scores = [float(parts[p].scores[i]) for i, p in judged]
        weights, presence = self.presence(q)
        overlap = answer_overlap(
            weights,
            presence,
            [i for i, _ in judged],
            self.lexical.unknown_idf,
            self.relatedness(q, vectors[len(q.texts) :]),
        )
        unstated = unstated_amount(
            q.asked_terms, weights, presence, [i for i, _ in judged]
        )
        abstained, reason = decide(q, scores, rows, self.weights, overlap, unstated)
        chosen = judged if k == OVERLAP_K else merge(parts, k)
        passages = [
            self._result(i, float(parts[p].scores[i]), parts[p].features[i])
            for i, p in chosen
        ]
        return SearchResult(query, abstained, passages, reason, q.coverage)

    def presence(self, q: Query) -> Tuple[np.ndarray, np.ndarray]:
        """abstention.term_presence of the asked terms over every passage."""
        return term_presence(q.asked_terms, self.lexical.term_idf, self.answer_terms)

    @staticmethod
    def _written_terms(q: Query) -> List[str]:
        """Each asked term as the patient wrote it (the term itself when the
        vocabulary put it there; "dose" or "price" for an amount asked)."""
        written: Dict[str, str] = {}
        for word in WORD_RE.findall(" ".join(q.parts)):
            written.setdefault(stem(word), word)
        return [WRITTEN.get(t, written.get(t, t)) for t in q.asked_terms]

    def relatedness(self, q: Query, vectors: np.ndarray | None = None) -> np.ndarray:
        """How close in meaning each asked term, as the patient wrote it, is to
        each passage or a lay question it answers: terms x passages (cosine).
        `vectors`: the terms' embeddings, if already encoded."""
        if not q.asked_terms:
            return np.zeros((0, len(self.stored)), np.float32)
        if vectors is None:
            with self._encode_lock:
                vectors = self.embedder(self._written_terms(q))
        related = vectors @ self.vectors.T  # terms x passages
        if len(self.question_owner):
            np.maximum.at(
                related.T, self.question_owner, (vectors @ self.question_vectors.T).T
            )
        return related

    def overlap(self, q: Query, chosen: List[int]) -> Tuple[float, float, float]:
        weights, presence = self.presence(q)
        return answer_overlap(
            weights, presence, chosen, self.lexical.unknown_idf, self.relatedness(q)
        )

    def support(self, text: str, passage_ids: Sequence[str]) -> Support:
        """How far the passages `passage_ids` hold what `text` asks: the
        idf-weighted share of its asked terms they use, and how many of those
        terms the corpus never uses."""
        q = self.analyse(text)
        chosen = [self.position[i] for i in passage_ids if i in self.position]
        weights, presence = self.presence(q)
        share, _, _ = answer_overlap(weights, presence, chosen, 1.0)
        return Support(share, q.unknown)

    def rank_parts(
        self, q: Query, vectors: np.ndarray | None = None
    ) -> List[PartRanking]:
        """Every passage's signals and learned score, for each question part.
        `vectors`: the embeddings of `q.texts`, if already encoded."""
        texts = q.texts
        if vectors is None:
            with self._encode_lock:  # a torch model is not re-entrant
                vectors = self.embedder(texts)
        dense = self.vectors @ vectors.T  # passages x texts
        ask = dense.copy()
        if len(self.question_owner):
            np.maximum.at(ask, self.question_owner, self.question_vectors @ vectors.T)
        bm25_full = self._bm25(q.terms)
        out = []
        for part, terms in zip(q.parts, q.part_terms, strict=True):
            j = texts.index(part)
            features = rank_features(
                dense[:, j],
                dense[:, 0],
                ask[:, j],
                ask[:, 0],
                self._bm25(terms),
                bm25_full,
            )
            scores = self.weights.rank.score(features)
            scores[list(self.excluded)] = -np.inf
            out.append(PartRanking(features, scores))
        return out

    def _bm25(self, terms: List[str]) -> np.ndarray:
        return self.lexical.score_array(terms) / self.lexical.ceiling(terms)

    def _result(self, doc_id: int, score: float, row: np.ndarray) -> Passage:
        stored = self.stored[doc_id]
        return Passage(
            passage_id=stored.passage_id,
            source=stored.source,
            section=stored.section,
            text=stored.text,
            score=float(1 / (1 + np.exp(-score))),
            dense=float(row[0]),
            lexical=float(row[4]),
            lead_in=stored.lead_in,
            cautions=list(self.cautions[doc_id]),
        )


def merge(parts: List[PartRanking], k: int) -> List[Tuple[int, int]]:
    """(passage, part) pairs best first: each passage at its best part's score,
    and, for a message with several questions, each part's best passage kept
    within the top `k` so every question gets an answer."""
    best: Dict[int, Tuple[float, int]] = {}
    for p, part in enumerate(parts):
        for i in np.flatnonzero(np.isfinite(part.scores)):
            score = float(part.scores[i])
            if i not in best or score > best[i][0]:
                best[int(i)] = (score, p)
    # Best first; equal scores in index order, so results are deterministic.
    order = sorted(best, key=lambda i: (-best[i][0], i))
    top = order[:k]
    if len(parts) > 1:
        needed = []
        for part in parts:
            finite = np.flatnonzero(np.isfinite(part.scores))
            if len(finite):
                needed.append(int(finite[np.argmax(part.scores[finite])]))
        for mine in needed:
            if mine in top:
                continue
            for slot in reversed(range(len(top))):
                if top[slot] not in needed:
                    top[slot] = mine
                    break
    top.sort(key=lambda i: (-best[i][0], i))
    return [(i, best[i][1]) for i in top]
