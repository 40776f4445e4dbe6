"""Retrieval quality on the dev sets in tests/retrieval/data/ (README there).

The ranking and abstention weights are fitted on these sets, so the figures are
fit, not generalisation (docs/retrieval.md gives the held-out figures).
Thresholds are what the retriever achieves minus a small margin. Never lower one
to make a change pass: fix the change.
"""

from pathlib import Path

import pytest

from bot.retrieval.evaluate import evaluate, read_eval_set

DATA = Path(__file__).resolve().parent / "data"

pytestmark = pytest.mark.slow

SETS = {
    # name: (path, hit@3, MRR, in-corpus answered, out-of-corpus abstained)
    # The shared dev set (24 in / 6 out), copied into the repository.
    "shared dev": (DATA / "retrieval_dev.jsonl", 0.98, 0.90, 0.97, 0.90),
    # 64 in-corpus paraphrases and typos, 36 out-of-corpus questions.
    "team": (DATA / "retrieval_team.jsonl", 0.98, 0.93, 0.97, 0.94),
    # 23 in / 15 out, written before the first calibration.
    "holdout": (DATA / "retrieval_holdout.jsonl", 0.97, 0.92, 0.97, 0.86),
    # A former blind set of lay questions (65 in / 20 out).
    "blind a": (DATA / "blind_a.jsonl", 0.92, 0.87, 0.93, 0.90),
    # Two more former blind sets of lay questions (62 in / 23 out, 65 in / 25 out).
    "blind b": (DATA / "blind_b.jsonl", 0.92, 0.86, 0.83, 0.90),
    "blind c": (DATA / "blind_c.jsonl", 0.90, 0.85, 0.90, 0.88),
    # 45 near-topic questions (supplements, drugs, conditions) the corpus never
    # answers, written by the retrieval engineer.
    "near topic": (DATA / "near_topic_out.jsonl", 0.0, 0.0, 0.0, 0.90),
}


# Known regression, kept visible rather than hidden by a lower threshold: "why
# do my leg muscles hurt" ranks the passages on the causes of leg pain 4th and
# 5th, so the shared dev set scores hit@3 0.958 and MRR 0.896. Strict: the
# moment a fix brings it back, this marker fails and must go.
KNOWN_REGRESSION = pytest.mark.xfail(
    strict=True, reason="shared dev: 'why do my leg muscles hurt' misses the top 3"
)


@pytest.mark.parametrize(
    "name",
    [pytest.param(n, marks=KNOWN_REGRESSION) if n == "shared dev" else n for n in SETS],
)
def test_eval_set_meets_its_thresholds(retriever, name):
    path, hit, mrr, answered, abstained = SETS[name]
    if not path.exists():
        pytest.fail(f"{path} is missing: the dev sets live in tests/retrieval/data")

    report = evaluate(retriever, read_eval_set(path))

    detail = report.line() + "\n" + "\n".join(report.misses)
    assert report.hit_at_k >= hit, detail
    assert report.mrr >= mrr, detail
    assert report.answered >= answered, detail
    assert report.abstained >= abstained, detail


def test_own_eval_set_is_large_and_mixed():
    rows = read_eval_set(DATA / "retrieval_team.jsonl")

    assert len(rows) >= 80
    assert sum(not r["in_corpus"] for r in rows) >= 30
    assert all(r["gold"] for r in rows if r["in_corpus"])
