"""Whether the corpus answers a message: a wrong citation on a health question
is worse than none, so the retriever abstains unless the evidence says the best
passage is about what was asked.

The evidence (bot.retrieval.fusion.ABSTAIN_FEATURES): the learned ranking score
of the best passage and its margin over the next, the best meaning match to a
passage and to a lay question, the keyword match, and how much of the question's
vocabulary the corpus covers at all ("does creatine give you cramps" is close to
the cramp passages in meaning, but "creatine" is a word no source uses), how
many of the words it never uses are not English words either (the name of a
drug or a condition: "statin", "polymyalgia"), and how much of it the passages
to be quoted use: a near-topic question is often made of corpus words that no
single answer holds together ("period cramps": the corpus speaks of cramps, and
of periods elsewhere, never of the two), and how close in meaning the asked
words the passages to be quoted do not use are to them: a question that asks
for one specific thing on their topic ("creatine giving me cramps?", "restless
legs? what meds") leaves out a word close to the passages, a question the
passages answer in other words leaves out chat ("coincidence?"). A
logistic regression fitted on the dev sets weighs them; the threshold keeps
in-corpus questions answered (see `python -m bot.retrieval train`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import AbstractSet, Callable, Sequence, Tuple

import numpy as np

from bot.retrieval.amounts import WRITTEN as AMOUNT_KINDS
from bot.retrieval.fusion import FusionWeights, abstain_features

# The passages whose words count as the answer's: the top three, as evaluated.
OVERLAP_K = 3


def term_presence(
    terms: Sequence[str],
    term_weight: Callable[[str], float],
    passage_terms: Sequence[AbstractSet[str]],
) -> Tuple[np.ndarray, np.ndarray]:
    """Each asked term's weight (idf), and whether each passage (its text, or a
    lay question it answers) uses it: terms x passages."""
    weights = np.array([term_weight(t) for t in terms], dtype=np.float32)
    presence = np.array(
        [[t in words for words in passage_terms] for t in terms], dtype=bool
    ).reshape(len(terms), len(passage_terms))
    return weights, presence


@dataclass(frozen=True)
class Support:
    """What some passages hold of one message's words (Retriever.support)."""

    share: float  # idf-weighted share of the asked terms the passages use
    unknown: int  # asked terms the corpus never uses


def answer_overlap(
    weights: np.ndarray,
    presence: np.ndarray,
    chosen: Sequence[int],
    scale: float,
    relatedness: np.ndarray | None = None,
) -> Tuple[float, float, float]:
    """(share, missing, related) for the passages to be quoted (the first
    OVERLAP_K of `chosen`): the idf-weighted share of the asked terms they use,
    the idf of the most telling asked term none of them uses, over `scale` (0
    if none), and how close in meaning those unused terms are to them
    (`unsupported_relatedness`)."""
    if not len(weights) or not len(chosen):
        return 1.0, 0.0, 0.0
    top = list(chosen)[:OVERLAP_K]
    found = presence[:, top].any(axis=1)
    share = float(weights[found].sum() / weights.sum()) if weights.sum() else 1.0
    missing = float(weights[~found].max() / scale) if (~found).any() else 0.0
    related = (
        unsupported_relatedness(weights, found, relatedness[:, top])
        if relatedness is not None
        else 0.0
    )
    return share, missing, related


def unsupported_relatedness(
    weights: np.ndarray, found: np.ndarray, relatedness: np.ndarray
) -> float:
    """The idf-weighted mean, over the asked terms the quoted passages do not
    use, of each term's best meaning match to them (terms x quoted passages);
    0 when they use every asked term. High when the question names one
    specific thing on the passages' topic that they never mention ("creatine"
    beside the cramp passages, "restless" legs beside the leg pain ones): the
    sources cover the topic only in general. Low when the words left out are
    chat or story ("coincidence", "yesterday")."""
    missing = ~found
    if not missing.any() or not relatedness.size or not weights[missing].sum():
        return 0.0
    best = relatedness[missing].max(axis=1)
    return float((weights[missing] * best).sum() / weights[missing].sum())


def unstated_amount(
    terms: Sequence[str],
    weights: np.ndarray,
    presence: np.ndarray,
    chosen: Sequence[int],
) -> float:
    """1.0 when the question asks for an amount (a dose, a price:
    bot/retrieval/amounts.py) that none of the passages to be quoted (the
    first OVERLAP_K of `chosen`) states about the thing asked, else 0.0. The
    thing asked is the most telling other asked term the quoted passages use
    (`weights`: idf): the passage that names Voltaren gives no dose, and the
    herbal recipes' "1 tbsp" quoted beside it is not a dose of Voltaren.
    `presence`: term_presence of `terms` over every passage."""
    top = list(chosen)[:OVERLAP_K]
    used = [
        n
        for n, t in enumerate(terms)
        if t not in AMOUNT_KINDS and presence[n, top].any()
    ]
    subject = max(used, key=lambda n: weights[n]) if used else None
    for n, t in enumerate(terms):
        if t not in AMOUNT_KINDS:
            continue
        stating = [i for i in top if presence[n, i]]
        if subject is not None:
            stating = [i for i in stating if presence[subject, i]]
        if not stating:
            return 1.0
    return 0.0


def decide(
    q,
    scores: Sequence[float],
    rows: np.ndarray,
    weights: FusionWeights,
    overlap: Tuple[float, float, float] = (1.0, 0.0, 0.0),
    unstated: float = 0.0,
) -> Tuple[bool, str]:
    """(abstain?, why) for an analysed query (bot.retrieval.query.Query), from
    the ranked passages' scores (best first), their ranking signals
    (fusion.RANK_FEATURES rows, same order), `answer_overlap` of them and
    `unstated_amount`."""
    if not len(scores):
        return True, "no passage"
    if not q.asked_terms:
        return True, "no content words in the question"
    if q.unnamed:
        return True, f"asks about {q.unnamed!r}, a thing no source names"
    x = abstain_features(
        scores, rows, q.coverage, q.unknown, overlap, q.unknown_names, unstated
    )
    p = float(weights.abstain.probability(x))
    signals = (
        f"p {p:.2f}, cosine {x[1]:.2f}, question match {x[2]:.2f}, "
        f"keywords {x[3]:.2f}, coverage {q.coverage:.2f}, unknown words {q.unknown}, "
        f"answer uses {overlap[0]:.2f} of the words, "
        f"unused words related {x[-2]:.2f}"
        + (", asks an amount no passage states" if unstated else "")
    )
    if p >= weights.threshold:
        return False, f"the corpus answers this ({signals})"
    return True, f"not covered by the corpus ({signals})"
