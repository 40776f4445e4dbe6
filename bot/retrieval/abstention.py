"""Whether the corpus answers a message: a wrong citation on a health question
is worse than none, so the retriever abstains unless the evidence says the best
passage is about what was asked.

The evidence (bot.retrieval.fusion.ABSTAIN_FEATURES): the learned ranking score
of the best passage and its margin over the next, the best meaning match to a
passage and to a lay question, the keyword match, and how much of the question's
vocabulary the corpus covers at all ("does creatine give you cramps" is close to
the cramp passages in meaning, but "creatine" is a word no source uses). A
logistic regression fitted on the dev sets weighs them; the threshold keeps
in-corpus questions answered (see `python -m bot.retrieval train`).
"""

from __future__ import annotations

from typing import Sequence, Tuple

import numpy as np

from bot.retrieval.fusion import FusionWeights, abstain_features


def decide(
    q, scores: Sequence[float], rows: np.ndarray, weights: FusionWeights
) -> Tuple[bool, str]:
    """(abstain?, why) for an analysed query (bot.retrieval.query.Query), from
    the ranked passages' scores (best first) and their ranking signals
    (fusion.RANK_FEATURES rows, same order)."""
    if not len(scores):
        return True, "no passage"
    if not q.asked_terms:
        return True, "no content words in the question"
    x = abstain_features(scores, rows, q.coverage, q.unknown)
    p = float(weights.abstain.probability(x))
    signals = (
        f"p {p:.2f}, cosine {x[1]:.2f}, question match {x[2]:.2f}, "
        f"keywords {x[3]:.2f}, coverage {q.coverage:.2f}, unknown words {q.unknown}"
    )
    if p >= weights.threshold:
        return False, f"the corpus answers this ({signals})"
    return True, f"not covered by the corpus ({signals})"
