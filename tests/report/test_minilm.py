"""The report's NumPy MiniLM gives sentence-transformers' vectors."""

import pytest

from bot.report.minilm import packaged_model

TEXTS = [
    "how do I treat a sunburn",
    "What helps with SUNBURN??",
    "my tooth hurts, what do I do",
    "a longer question about leg cramps at night that keep me awake: what can I do?",
    "x",
]


def test_vectors_are_unit_length_and_in_input_order():
    model = packaged_model()
    vectors = model.encode(TEXTS, batch_size=2)
    assert vectors.shape == (5, 384)
    assert abs(float((vectors**2).sum(1).min()) - 1.0) < 1e-5
    alone = model.encode([TEXTS[3]])
    assert float(abs(vectors[3] - alone[0]).max()) < 1e-5


@pytest.mark.slow
def test_vectors_match_sentence_transformers():
    from bot.corpus.embedder import encode, load_model

    reference = encode(load_model(""), TEXTS)
    ours = packaged_model().encode(TEXTS)
    assert float(abs(ours - reference).max()) < 1e-4
