"""The report's topics with the real sentence model: paraphrases of one missing
topic form one cluster, and different topics stay apart."""

from collections import Counter

import pytest

from bot import settings
from bot.corpus.onnx_encoder import onnx_path
from bot.report.clusters import cluster_questions
from bot.report.tally import normalise
from tools.seed_tracker import UNANSWERED

pytestmark = pytest.mark.skipif(
    not onnx_path(settings.load().corpus_build_dir).exists(),
    reason="no ONNX model: run `python -m bot.corpus build`",
)
# Four of the generated store's unanswered topics, three paraphrases each.
TOPICS = {topic: UNANSWERED[topic] for topic in ("sunburn", "teeth", "sleep", "hair")}


def test_paraphrases_of_a_missing_topic_form_one_cluster_with_the_corpus_model():
    counts = Counter()
    wording = {}
    for times, texts in enumerate(TOPICS.values(), start=1):
        for text in texts:
            counts[normalise(text)] = times
            wording[normalise(text)] = text

    clustering = cluster_questions(counts, wording)

    got = sorted(sorted(c.examples) for c in clustering.clusters)
    assert got == sorted(sorted(texts) for texts in TOPICS.values())
    assert [c.size for c in clustering.clusters] == [12, 9, 6, 3]
    assert clustering.left_out == 0
