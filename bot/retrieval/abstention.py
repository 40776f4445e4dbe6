"""Whether the corpus covers a question, from three signals that fail differently.

- meaning: the dense cosine of the best passage. High alone is enough: the
  question is close to a passage even if its words differ ("eyelid twitch").
- vocabulary coverage: the idf-weighted share of the question's content words
  the corpus uses at all. "How do I treat a sunburn" is 80% "sunburn", which no
  source mentions, however close "treat" brings it to some passage.
- lexical match: the BM25 score of the best passage, scaled 0..1.

No single threshold separates in- from out-of-corpus questions (a loosely related
passage can score as high as a real answer phrased differently), so a middling
cosine needs the words to agree too. Calibrated on tests/retrieval/data/
retrieval_team.jsonl; the shared dev set is only measured.
"""

from __future__ import annotations

from typing import List, Tuple

# Above this cosine the best passage is about the question, whatever its words.
CONFIDENT_COSINE = 0.45
# Below this nothing in the corpus is about the question.
MIN_COSINE = 0.30
# Between the two, the question's words must be the corpus's words ...
MIN_COVERAGE = 0.70
# ... and the best passage must share a fair part of them.
MIN_LEXICAL = 0.25


def decide(q, top: List, lexical=None) -> Tuple[bool, str]:
    """(abstain?, why) for a normalised query and its ranked passages."""
    if not top:
        return True, "no passage"
    if not q.asked_terms:
        return True, "no content words in the question"
    best = max(top, key=lambda p: p.dense)
    signals = (
        f"cosine {best.dense:.2f}, coverage {q.coverage:.2f}, "
        f"lexical {top[0].lexical:.2f}"
    )
    if best.dense >= CONFIDENT_COSINE:
        return False, f"close in meaning ({signals})"
    if best.dense < MIN_COSINE:
        return True, f"nothing close in meaning ({signals})"
    if q.coverage >= MIN_COVERAGE and top[0].lexical >= MIN_LEXICAL:
        return False, f"words and meaning agree ({signals})"
    return True, f"loosely related only ({signals})"
