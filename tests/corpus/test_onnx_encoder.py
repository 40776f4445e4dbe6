"""The ONNX MiniLM (safety layer and review report) gives sentence-transformers'
vectors, in input order, whatever the batching."""

import numpy as np
import pytest

from bot import settings
from bot.corpus.onnx_encoder import (
    EncoderMissing,
    OnnxEncoder,
    is_current,
    onnx_path,
)

MODEL = onnx_path(settings.load().corpus_build_dir)
needs_model = pytest.mark.skipif(
    not MODEL.exists(), reason="no ONNX model: run `python -m bot.corpus build`"
)
# What both users embed: report questions with their noise, safety clauses, one
# character, a long clause (within the encoder's 128 tokens).
TEXTS = [
    "how do I treat a sunburn",
    "What helps with SUNBURN??",
    "please tell me can I take ibuprofen while pregnant, it's been 12 days",
    "I can't get enough air in",
    "ok",
    "x",
    "food takes three tries to go down " * 5,
    "a longer question about leg cramps at night that keep me awake: what can I do?",
]


@pytest.fixture(scope="module")
def encoder():
    return OnnxEncoder(MODEL)


@needs_model
@pytest.mark.slow  # importing torch and sentence-transformers takes 10-25 s here
def test_vectors_agree_with_sentence_transformers_encode(encoder):
    from bot.corpus.embedder import encode, load_model

    expected = encode(load_model(""), TEXTS)
    got = encoder.encode(TEXTS)

    assert got.shape == expected.shape == (len(TEXTS), 384)
    assert np.all(np.sum(expected * got, axis=1) >= 0.999)


@needs_model
def test_vectors_are_unit_length_in_input_order_whatever_the_batch(encoder):
    batched = encoder.encode(TEXTS, batch_size=3)
    alone = np.concatenate([encoder.encode([text]) for text in TEXTS])

    assert batched.dtype == np.float32
    assert np.allclose(np.linalg.norm(batched, axis=1), 1.0, atol=1e-5)
    assert np.abs(batched - alone).max() < 1e-5


@needs_model
def test_no_texts_give_no_rows(encoder):
    assert encoder.encode([]).shape == (0, 384)


@needs_model
def test_build_step_records_the_model_it_exported():
    assert is_current(MODEL)


def test_missing_onnx_model_error_names_the_build_command(tmp_path):
    with pytest.raises(EncoderMissing, match="python -m bot.corpus build"):
        OnnxEncoder(tmp_path / "absent.onnx")
