"""The report's topics with the real sentence model: paraphrases of one missing
topic form one cluster, and different topics stay apart."""

from collections import Counter

import pytest

from bot import settings
from bot.corpus.onnx_encoder import onnx_path
from bot.report.clusters import cluster_questions
from bot.report.tally import normalise

pytestmark = pytest.mark.skipif(
    not onnx_path(settings.load().corpus_build_dir).exists(),
    reason="no ONNX model: run `python -m bot.corpus build`",
)
TOPICS = {
    "sunburn": ["how do I treat a sunburn", "what helps with sunburn",
                "best cream for sunburnt skin"],
    "teeth": ["my tooth hurts what do I do", "how to stop a toothache",
              "remedy for tooth pain"],
    "sleep": ["how can I sleep better", "what helps with insomnia",
              "tips to fall asleep faster"],
    "hair": ["why is my hair falling out", "how to stop hair loss",
             "is hair thinning normal"],
}  # fmt: skip


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
