"""The calibrated abstention decision on its own, with hand-made evidence."""

import dataclasses

import numpy as np
import pytest

from bot.retrieval.abstention import answer_overlap, decide, term_presence
from bot.retrieval.fusion import RANK_FEATURES
from bot.retrieval.query import Query
from tests.retrieval.fakes import WEIGHTS


def query(asked=("cramp",), coverage=1.0, unknown=0):
    return Query(
        "q", "q", ["q"], list(asked), [list(asked)], list(asked), coverage, unknown
    )


def rows(dense, ask, bm25=0.3):
    row = dict.fromkeys(RANK_FEATURES, 0.0)
    row.update(dense_part=dense, dense_full=dense, ask_part=ask, ask_full=ask)
    row.update(bm25_part=bm25, bm25_full=bm25)
    return np.array([[row[n] for n in RANK_FEATURES]] * 3, dtype=np.float32)


def test_strong_evidence_in_known_words_is_answered():
    abstain, reason = decide(query(), [2.0, 1.0, 0.5], rows(0.8, 0.9), WEIGHTS)

    assert abstain is False
    assert "answers" in reason


def test_a_thing_no_source_names_abstains_on_any_evidence():
    q = dataclasses.replace(query(), unnamed="socks")
    abstain, reason = decide(q, [2.0, 1.0, 0.5], rows(0.8, 0.9), WEIGHTS)

    assert abstain is True
    assert "'socks'" in reason


def test_a_weak_meaning_match_abstains():
    abstain, reason = decide(query(), [2.0, 1.0, 0.5], rows(0.2, 0.3), WEIGHTS)

    assert abstain is True
    assert "not covered" in reason


def test_words_the_corpus_never_uses_tip_a_close_call_to_abstain():
    close = rows(0.62, 0.62)

    known = decide(query(coverage=1.0, unknown=0), [2.0, 1.0, 0.5], close, WEIGHTS)
    unknown = decide(query(coverage=0.4, unknown=2), [2.0, 1.0, 0.5], close, WEIGHTS)

    assert known[0] is False
    assert unknown[0] is True


def test_a_telling_word_no_quoted_passage_uses_tips_a_close_call_to_abstain():
    close = rows(0.62, 0.62)

    used = decide(query(), [2.0, 1.0, 0.5], close, WEIGHTS, overlap=(1.0, 0.0))
    apart = decide(query(), [2.0, 1.0, 0.5], close, WEIGHTS, overlap=(0.5, 1.0))

    assert used[0] is False
    assert apart[0] is True


def test_overlap_counts_the_words_the_quoted_passages_use():
    idf = {"cramp": 1.0, "period": 3.0, "calf": 2.0}.get
    passages = [{"cramp", "calf"}, {"period"}, {"cramp"}]
    weights, presence = term_presence(["cramp", "period"], idf, passages)

    assert answer_overlap(weights, presence, [0, 2], scale=4.0) == (0.25, 0.75, 0.0)
    assert answer_overlap(weights, presence, [2, 1], scale=4.0) == (1.0, 0.0, 0.0)
    # Only the first three quoted passages count, as in evaluation.
    assert answer_overlap(weights, presence, [0, 2, 0, 1], scale=4.0)[0] == 0.25
    assert answer_overlap(weights[:0], presence[:0], [0], scale=4.0) == (1.0, 0.0, 0.0)


def test_no_content_words_or_no_passage_abstains():
    assert decide(query(asked=()), [2.0], rows(0.9, 0.9)[:1], WEIGHTS)[0] is True
    assert decide(query(), [], np.zeros((0, len(RANK_FEATURES))), WEIGHTS)[0] is True


def test_the_shipped_weights_load_and_decide():
    from bot.retrieval.fusion import load_weights

    weights = load_weights()
    strong = decide(query(), [3.0, 0.0, -1.0], rows(0.75, 0.85, 0.6), weights)
    weak = decide(
        query(coverage=0.3, unknown=2),
        [-3.0, -4.0, -5.0],
        rows(0.2, 0.25, 0.0),
        weights,
    )

    assert strong[0] is False
    assert weak[0] is True


def test_relatedness_weighs_the_asked_words_the_quoted_passages_leave_out():
    idf = {"cramp": 1.0, "creatine": 3.0, "coincidence": 1.0}.get
    passages = [{"cramp"}, {"cramp"}]
    terms = ["cramp", "creatine", "coincidence"]
    weights, presence = term_presence(terms, idf, passages)
    related = np.array([[0.9, 0.8], [0.6, 0.4], [0.1, 0.2]], dtype=np.float32)

    share, _, unused = answer_overlap(weights, presence, [0, 1], 4.0, related)
    # creatine (idf 3, best match 0.6) and coincidence (idf 1, 0.2)
    assert unused == pytest.approx((3 * 0.6 + 1 * 0.2) / 4)
    assert share == pytest.approx(0.2)
    # Every asked word used: nothing left out to relate.
    everything = [{"cramp", "creatine", "coincidence"}]
    weights, presence = term_presence(terms, idf, everything)
    assert answer_overlap(weights, presence, [0], 4.0, related[:, :1])[2] == 0.0


@pytest.mark.parametrize(
    "message",
    [
        "how do I relieve a cramp and the tension in my back?",
        "massage for tension or insoles for flat feet?",
        "does a nervous tic mean a cramp is coming",
    ],
)
def test_the_decision_does_not_depend_on_how_many_passages_are_shown(message):
    from tests.retrieval.fakes import retriever

    fake = retriever()
    judged = fake.search(message, k=3)

    for k in (1, 2, 5):
        shown = fake.search(message, k=k)
        assert (shown.abstained, shown.reason) == (judged.abstained, judged.reason)
        assert len(shown.passages) == k
        assert [p.passage_id for p in shown.passages[:1]] == [
            p.passage_id for p in judged.passages[:1]
        ]
