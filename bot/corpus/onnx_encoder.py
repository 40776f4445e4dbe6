"""The shipped MiniLM sentence encoder as ONNX: built once, run without torch.

The Rasa server cannot afford torch and sentence-transformers next to
TensorFlow (the default stack must stay under 2.5 GB), so the build step
exports the packaged all-MiniLM-L6-v2 once, with mean pooling and L2
normalisation inside the graph, and OnnxEncoder runs it with onnxruntime and
the `tokenizers` package: the safety layer in the Rasa server, and the review
report's clustering (importing torch alone would take half of its 1 GB). A JSON
sidecar records the model package version; a changed package means a new
export. Nothing is downloaded.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

# The name predates the report's use of the same file; deploy files mount it.
ONNX_NAME = "safety_minilm.onnx"
OPSET = 14
# Clauses and questions are short: cutting at 128 tokens (the model's own limit
# is 256) halves the worst case, and only a longer text reads differently.
MAX_TOKENS = 128
# sentence-transformers' limit for all-MiniLM-L6-v2: what the retriever's
# queries are cut at, as the index and its learned weights were.
MODEL_MAX_TOKENS = 256


def onnx_path(build_dir: Path) -> Path:
    """Where the build puts the ONNX model (beside the corpus index)."""
    return Path(build_dir) / ONNX_NAME


def _sidecar(path: Path) -> Path:
    return path.with_suffix(".json")


def _identity() -> dict:
    from bot.corpus.embedder import model_identity

    return {"model": model_identity(""), "opset": OPSET}


def is_current(path: Path) -> bool:
    """Whether the ONNX file exists and was exported from the installed model."""
    try:
        recorded = json.loads(_sidecar(path).read_text())
    except (OSError, ValueError):
        return False
    return path.exists() and recorded == _identity()


def export(path: Path, progress: Callable[[str], None] = print) -> Path:
    """Export the packaged model to `path` (torch is needed here, not at run time)."""
    import torch

    from bot.corpus.embedder import load_model

    transformer = load_model("")[0].auto_model.eval()

    class _Pooled(torch.nn.Module):
        # sentence-transformers' all-MiniLM-L6-v2 = BERT + mean pooling + normalise.
        def __init__(self, bert) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask):
            hidden = self.bert(
                input_ids=input_ids, attention_mask=attention_mask
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, dim=1)

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    dummy = torch.ones(2, 8, dtype=torch.long)
    axes = {0: "batch", 1: "tokens"}
    with torch.no_grad():
        torch.onnx.export(
            _Pooled(transformer),
            (dummy, dummy),
            str(tmp),
            dynamo=False,
            input_names=["input_ids", "attention_mask"],
            output_names=["embedding"],
            dynamic_axes={
                "input_ids": axes,
                "attention_mask": axes,
                "embedding": {0: "batch"},
            },
            opset_version=OPSET,
        )
    tmp.replace(path)
    _sidecar(path).write_text(json.dumps(_identity(), indent=1) + "\n")
    progress(f"safety: exported the sentence encoder to {path}")
    return path


def ensure(build_dir: Path, force: bool = False, progress=print) -> Path:
    """Export unless a current ONNX model is already there."""
    path = onnx_path(build_dir)
    if force or not is_current(path):
        export(path, progress)
    return path


class EncoderMissing(RuntimeError):
    """The ONNX model has not been built."""


class OnnxEncoder:
    """Unit-length float32 MiniLM embeddings from an ONNX file.

    Same vectors as bot.corpus.embedder (cosine > 0.999,
    tests/corpus/test_onnx_encoder.py) for a fraction of the memory."""

    def __init__(
        self, path: Path, threads: int = 1, max_tokens: int = MAX_TOKENS
    ) -> None:
        path = Path(path)
        if not path.exists():
            raise EncoderMissing(
                f"the ONNX sentence encoder {path} is missing: build it with "
                "`python -m bot.corpus build` (or `make index`)"
            )
        import onnxruntime
        from tokenizers import Tokenizer

        from bot.corpus.embedder import model_location

        self.tokenizer = Tokenizer.from_file(
            str(Path(model_location("")) / "tokenizer.json")
        )
        self.tokenizer.enable_truncation(max_tokens)
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


def query_encoder(
    setting: str, build_dir: Path
) -> Callable[[Sequence[str]], np.ndarray]:
    """How a server encodes queries. For the packaged default, the ONNX copy
    (exported into `build_dir` if it is not there yet): the action server then
    never imports torch, about 450 MB of its 860. A model named by
    EMBEDDING_MODEL goes through sentence-transformers."""
    if setting:
        from bot.corpus.embedder import encode, load_model

        model = load_model(setting)
        return lambda texts: encode(model, texts)
    path = ensure(Path(build_dir), progress=lambda _: None)
    return OnnxEncoder(path, max_tokens=MODEL_MAX_TOKENS).encode
