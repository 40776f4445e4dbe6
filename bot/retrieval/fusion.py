"""Learned ranking and abstention: the signals per passage, and the weights
`python -m bot.retrieval train` fitted on the dev sets (logistic regression),
kept as data in fusion_weights.json.

Signals, per passage and per question part of the message:
- dense: cosine between the part (or the whole message) and the passage;
- ask: the best cosine between the part and the lay questions the passage
  answers (corpus/questions.yml), never below `dense`, so a passage without
  questions is not pushed down for lacking them;
- bm25: keyword score scaled 0..1 by its ceiling;
- the same three relative to the best passage for this query.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

import numpy as np

logger = logging.getLogger(__name__)

WEIGHTS_FILE = Path(__file__).with_name("fusion_weights.json")

RANK_FEATURES = (
    "dense_part",
    "dense_full",
    "ask_part",
    "ask_full",
    "bm25_part",
    "bm25_full",
    "dense_gap",
    "ask_gap",
    "bm25_share",
)
ABSTAIN_FEATURES = (
    "rank_score",
    "dense",
    "ask",
    "bm25",
    "coverage",
    "unknown",
    "margin",
    "ask_x_coverage",
    "dense_x_coverage",
    "answer_share",
    "missing_term",
    "unknown_name",
    "unsupported_related",
    "unstated_amount",
)
# More unknown words than this say no more than this many do.
MAX_UNKNOWN = 2


def rank_features(
    dense_part: np.ndarray,
    dense_full: np.ndarray,
    ask_part: np.ndarray,
    ask_full: np.ndarray,
    bm25_part: np.ndarray,
    bm25_full: np.ndarray,
) -> np.ndarray:
    """One row per passage, columns as RANK_FEATURES."""
    top_bm25 = float(bm25_part.max()) if bm25_part.size else 0.0
    return np.column_stack(
        [
            dense_part,
            dense_full,
            ask_part,
            ask_full,
            bm25_part,
            bm25_full,
            dense_part - (dense_part.max() if dense_part.size else 0.0),
            ask_part - (ask_part.max() if ask_part.size else 0.0),
            bm25_part / top_bm25 if top_bm25 > 0 else np.zeros_like(bm25_part),
        ]
    ).astype(np.float32)


def abstain_features(
    scores: Sequence[float],
    rows: np.ndarray,
    coverage: float,
    unknown: int,
    overlap: Tuple[float, float, float] = (1.0, 0.0, 0.0),
    unknown_names: int = 0,
    unstated_amount: float = 0.0,
) -> np.ndarray:
    """The evidence that the best passage answers the message (ABSTAIN_FEATURES).
    `scores`: the ranking scores best first; `rows`: their RANK_FEATURES;
    `overlap`: (answer_share, missing_term, unsupported_related) from
    abstention.answer_overlap;
    `unknown_names`: how many unknown words are not English words either;
    `unstated_amount`: 1 when a dose or price is asked for and no quoted
    passage states one (abstention.unstated_amount)."""
    top = rows[0]
    margin = scores[0] - scores[1] if len(scores) > 1 else 0.0
    # The question part or the whole message, whichever matches better: a
    # short question ("how long till it goes away") leans on its context.
    dense = float(rows[:, :2].max())
    ask = float(rows[:, 2:4].max())
    return np.array(
        [
            scores[0],
            dense,
            ask,
            top[4],
            coverage,
            min(unknown, MAX_UNKNOWN),
            margin,
            # Close in meaning AND in the corpus's words: neither alone is enough.
            ask * coverage,
            dense * coverage,
            overlap[0],
            overlap[1],
            min(unknown_names, MAX_UNKNOWN),
            overlap[2] if len(overlap) > 2 else 0.0,
            unstated_amount,
        ],
        dtype=np.float32,
    )


@dataclass(frozen=True)
class Linear:
    """A fitted logistic regression: score = x . coef + intercept."""

    coef: np.ndarray
    intercept: float

    def score(self, x: np.ndarray) -> np.ndarray:
        return x @ self.coef + self.intercept

    def probability(self, x: np.ndarray) -> np.ndarray:
        return 1 / (1 + np.exp(-self.score(x)))

    def to_json(self, names: Sequence[str]) -> dict:
        return {
            "coef": {
                n: round(float(c), 6) for n, c in zip(names, self.coef, strict=True)
            },
            "intercept": round(float(self.intercept), 6),
        }

    @classmethod
    def from_json(cls, data: dict, names: Sequence[str]) -> Linear:
        missing = [n for n in names if n not in data["coef"]]
        if missing:
            # A signal added since the file was fitted weighs nothing, so the
            # retriever behaves as when it was fitted, and `train` can run.
            logger.warning(
                "%s lacks weights for %s: retrain with `python -m bot.retrieval train`",
                WEIGHTS_FILE,
                missing,
            )
        coef = np.array([data["coef"].get(n, 0.0) for n in names], dtype=np.float32)
        return cls(coef, float(data["intercept"]))


@dataclass(frozen=True)
class FusionWeights:
    """Ranking weights, abstention weights and the abstention threshold."""

    rank: Linear
    abstain: Linear
    threshold: float  # abstain below this probability of an in-corpus answer
    trained_on: List[str]

    def to_json(self) -> Dict:
        return {
            "rank": self.rank.to_json(RANK_FEATURES),
            "abstain": self.abstain.to_json(ABSTAIN_FEATURES),
            "threshold": round(self.threshold, 4),
            "trained_on": self.trained_on,
        }


def load_weights(path: Path = WEIGHTS_FILE) -> FusionWeights:
    """The weights `train` wrote; the fix is named when they are missing."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise RuntimeError(
            f"cannot read the ranking weights {path} ({exc.strerror}): "
            "run `python -m bot.retrieval train`"
        ) from exc
    return FusionWeights(
        rank=Linear.from_json(data["rank"], RANK_FEATURES),
        abstain=Linear.from_json(data["abstain"], ABSTAIN_FEATURES),
        threshold=float(data["threshold"]),
        trained_on=list(data.get("trained_on", [])),
    )


def save_weights(weights: FusionWeights, path: Path = WEIGHTS_FILE) -> None:
    Path(path).write_text(json.dumps(weights.to_json(), indent=2) + "\n")
