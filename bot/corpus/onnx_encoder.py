"""Builds the safety layer's ONNX copy of the shipped MiniLM sentence encoder.

The Rasa server cannot afford torch and sentence-transformers next to
TensorFlow (the default stack must stay under 2.5 GB), so the build step
exports the packaged all-MiniLM-L6-v2 once, with mean pooling and L2
normalisation inside the graph, and the server runs it with onnxruntime and
the `tokenizers` package. A JSON sidecar records the model package version;
a changed package means a new export. Nothing is downloaded.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

ONNX_NAME = "safety_minilm.onnx"
OPSET = 14


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
