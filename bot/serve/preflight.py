"""Checks made before serving, so a broken install fails at start, not mid-chat.

Each failure names the command that fixes it. The checks read files only; they
load no model, so they cost well under a second.
"""

from __future__ import annotations

import json
import tarfile
from pathlib import Path


class NotReady(Exception):
    """Something the servers need is missing or unreadable; the text says why."""


def check_model(path: Path) -> None:
    """Raise NotReady unless `path` is a readable Rasa model archive."""
    fix = "Run `make model` to train it again (or `make run`, which trains it)."
    if not path.exists():
        raise NotReady(f"no trained model at {path}. {fix}")
    try:
        # Reading every member header walks the whole gzip stream, so a
        # truncated or corrupt download fails here rather than inside Rasa.
        with tarfile.open(path, "r:gz") as archive:
            names = {member.name.lstrip("/") for member in archive}
            if "metadata.json" not in names:
                raise NotReady(
                    f"{path} is not a Rasa model (no metadata.json). "
                    f"Delete it and {fix[0].lower()}{fix[1:]}"
                )
            metadata = archive.extractfile("metadata.json")
            json.load(metadata)
    except (tarfile.TarError, OSError, EOFError, ValueError, KeyError) as exc:
        raise NotReady(
            f"the model {path} is unreadable ({exc.__class__.__name__}: {exc}). "
            f"Delete it and {fix[0].lower()}{fix[1:]}"
        ) from exc


def check_index(settings) -> None:
    """Raise NotReady unless the corpus index (bot.corpus build) is there and loads.

    A missing build would be made on the first question, minutes into serving;
    a corrupt one would fail every question. Both are caught here instead.
    """
    try:
        from bot.corpus.build import paths_from_settings, read_manifest, read_passages
    except ImportError:  # no retrieval layer in this build of the assistant
        return
    fix = "Run `make index` (python -m bot.corpus build) to build it."
    paths = paths_from_settings(settings)
    if read_manifest(paths) is None or not paths.index.exists():
        raise NotReady(f"no corpus index in {paths.build_dir}. {fix}")
    try:
        import faiss

        index = faiss.read_index(str(paths.index))
        passages = read_passages(paths)
    except Exception as exc:  # faiss raises RuntimeError; JSON, OSError, TypeError
        raise NotReady(
            f"the corpus index in {paths.build_dir} is unreadable "
            f"({exc.__class__.__name__}: {str(exc)[:200]}). Delete that directory "
            f"and {fix[0].lower()}{fix[1:]}"
        ) from exc
    if index.ntotal != len(passages):
        raise NotReady(
            f"the corpus index in {paths.build_dir} has {index.ntotal} vectors for "
            f"{len(passages)} passages. Delete that directory and "
            f"{fix[0].lower()}{fix[1:]}"
        )
