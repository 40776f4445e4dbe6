"""Groups the unanswered questions by meaning, so the content team sees which
topics the sources miss, biggest first.

Each distinct question is embedded once with the corpus's sentence model
(all-MiniLM-L6-v2), then scikit-learn's agglomerative clustering with average
linkage on cosine distance joins questions closer than DISTANCE_THRESHOLD: the
number of topics is not known in advance, and a threshold reads the same on a
quiet week and a busy one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Callable, Dict, List

import numpy as np

# Cosine distance under which MiniLM puts paraphrases of one question
# ("how do I treat sunburn" / "sunburn remedies" ~ 0.3; unrelated ~ 0.8+).
DISTANCE_THRESHOLD = 0.55
# Past this many distinct questions the rarest are left out of the clustering
# (and counted as such): embedding costs ~6 ms of CPU a question and the
# average-linkage clustering grows with the square of their number.
MAX_DISTINCT = 1000
EXAMPLES = 5


@dataclass
class Cluster:
    """One topic: how often it was asked, a representative wording, examples."""

    size: int
    label: str
    examples: List[str]
    distinct: int


@dataclass
class Clustering:
    clusters: List[Cluster]
    left_out: int  # questions (with repeats) too rare to cluster within the cap


def cluster_questions(
    counts: Counter,
    wording: Dict[str, str],
    encode: Callable[[List[str]], np.ndarray] | None = None,
    max_distinct: int = MAX_DISTINCT,
) -> Clustering:
    """Clusters of the questions in `counts` (normalised text -> times asked),
    largest first; `encode` maps texts to unit vectors (the corpus model if None)."""
    if not counts:
        return Clustering([], 0)
    ranked = counts.most_common()
    kept, rest = ranked[:max_distinct], ranked[max_distinct:]
    texts = [wording.get(key, key) for key, _ in kept]
    weights = np.array([n for _, n in kept], dtype=float)
    vectors = (encode or _corpus_encoder())(texts)
    labels = _labels(vectors)
    clusters = []
    for label in np.unique(labels):
        members = np.flatnonzero(labels == label)
        clusters.append(_describe(members, texts, weights, vectors))
    clusters.sort(key=lambda c: (-c.size, c.label))
    return Clustering(clusters, sum(n for _, n in rest))


def _labels(vectors: np.ndarray) -> np.ndarray:
    if len(vectors) < 2:
        return np.zeros(len(vectors), dtype=int)
    from sklearn.cluster import AgglomerativeClustering

    options = dict(n_clusters=None, distance_threshold=DISTANCE_THRESHOLD)
    options["linkage"] = "average"
    try:  # scikit-learn >= 1.2 calls it `metric`
        model = AgglomerativeClustering(metric="cosine", **options)
    except TypeError:
        model = AgglomerativeClustering(affinity="cosine", **options)
    return model.fit_predict(vectors)


def _describe(members, texts, weights, vectors) -> Cluster:
    centre = np.average(vectors[members], axis=0, weights=weights[members])
    closest = members[np.argmax(vectors[members] @ centre)]
    by_count = sorted(members, key=lambda i: (-weights[i], texts[i]))
    return Cluster(
        size=int(weights[members].sum()),
        label=texts[closest],
        examples=[texts[i] for i in by_count[:EXAMPLES]],
        distinct=len(members),
    )


def _corpus_encoder() -> Callable[[List[str]], np.ndarray]:
    from bot import settings

    config = settings.load()
    if not config.embedding_model:
        # The build step's ONNX copy of the packaged model: the same vectors as
        # sentence-transformers without importing torch (0.5 GB of the 1 GB).
        from bot.corpus.onnx_encoder import OnnxEncoder, onnx_path

        return OnnxEncoder(onnx_path(config.corpus_build_dir)).encode
    from bot.corpus.embedder import encode, load_model

    model = load_model(config.embedding_model)
    return lambda texts: encode(model, texts, batch_size=64)
