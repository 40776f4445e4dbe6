"""Conversations added up into the report's figures."""

from collections import Counter

import numpy as np

from bot.report.clusters import cluster_questions
from bot.report.tally import MAX_REVIEW_ROWS, Tally, normalise
from bot.report.walk import conversations
from tests.report.events import Script


def tally_of(*scripts: Script) -> Tally:
    tally = Tally()
    for n, script in enumerate(scripts):
        for conversation in conversations(f"sender-{n}", script.events):
            tally.add(conversation)
    return tally.finish()


def test_answered_unanswered_and_channels_add_up():
    a = Script(channel="rest").session().cited_answer("q", "p1").no_answer("sunburn?")
    b = Script(channel="telegram").session().no_answer("Sunburn")
    tally = tally_of(a, b)
    assert (tally.conversations, tally.answered, tally.unanswered) == (2, 1, 2)
    assert tally.by_channel == Counter({"rest": 1, "telegram": 1})
    assert tally.unanswered_questions == Counter({"sunburn": 2})


def test_thumbs_per_passage_count_each_rating_once_per_passage():
    a = Script().session().cited_answer("q", "p1", "p2").bot("utter_ask_feedback")
    a.user("/answer_not_helped", "answer_not_helped")
    b = Script().session().cited_answer("q", "p1").bot("utter_ask_feedback")
    b.user("/answer_helped", "answer_helped")
    tally = tally_of(a, b)
    assert (tally.feedback_helped, tally.feedback_not_helped) == (1, 1)
    assert (tally.passages["p1"].cited, tally.passages["p1"].votes) == (2, 2)
    assert (tally.passages["p2"].helped, tally.passages["p2"].not_helped) == (0, 1)


def test_funnel_counts_each_stage_reached():
    offered = Script().session().user("calf", "describe_symptoms")
    offered.bot("utter_offer_intake").user("no", "deny")
    accepted = Script().session().user("go", "start_intake").bot("utter_intake_start")
    tally = tally_of(offered, accepted)
    assert tally.stages == Counter({"offered": 2, "accepted": 1})


def test_review_list_keeps_the_newest_and_counts_all():
    scripts = [
        Script(start=1_795_000_000 + i * 100).session().takeover("cant breathe", "x")
        for i in range(MAX_REVIEW_ROWS + 50)
    ]
    tally = tally_of(*scripts)
    assert tally.review_total == MAX_REVIEW_ROWS + 50
    assert len(tally.review) == MAX_REVIEW_ROWS
    assert tally.review[0].timestamp > tally.review[-1].timestamp


def test_fallback_share_per_day():
    tally = tally_of(Script().session().user("??", "nlu_fallback").user("hi", "greet"))
    assert list(tally.fallback_share_by_day.values()) == [0.5]


def test_normalise_merges_case_space_and_end_punctuation():
    assert normalise("  How do I treat  SUNBURN?? ") == "how do i treat sunburn"


def fake_encoder(texts):
    """Topic vectors by keyword: the clustering's edge, not the model."""
    topics = ["sunburn", "tooth", "sleep"]
    rows = [[1.0 if t in text else 0.0 for t in topics] + [0.01] for text in texts]
    vectors = np.array(rows, dtype=np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_clusters_are_ranked_by_how_often_their_questions_were_asked():
    counts = Counter(
        {"sunburn cream": 3, "treat sunburn": 2, "tooth ache": 4, "sleep": 1}
    )
    clustering = cluster_questions(counts, {}, fake_encoder)
    assert [c.size for c in clustering.clusters] == [5, 4, 1]
    assert clustering.clusters[0].examples == ["sunburn cream", "treat sunburn"]
    assert clustering.left_out == 0


def test_questions_beyond_the_cap_are_counted_as_left_out():
    counts = Counter({"sunburn a": 5, "tooth b": 4, "sleep c": 1})
    clustering = cluster_questions(counts, {}, fake_encoder, max_distinct=2)
    assert clustering.left_out == 1
    assert sum(c.size for c in clustering.clusters) == 9


def test_one_question_is_one_cluster_and_none_is_none():
    assert cluster_questions(Counter(), {}, fake_encoder).clusters == []
    (only,) = cluster_questions(Counter({"sleep": 2}), {}, fake_encoder).clusters
    assert (only.size, only.label) == (2, "sleep")
