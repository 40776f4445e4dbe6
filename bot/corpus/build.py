"""Builds the passages, the FAISS index and the manifest under the build directory.

A build is skipped when the manifest says it was made from the same sources,
manifest, splitter and model; otherwise everything is rebuilt (the corpus is
small: a rebuild costs seconds) and the manifest is written last, so a crashed
build never looks up to date.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, List

from bot.corpus.questions import QUESTIONS_FILE, load_questions, resolve
from bot.corpus.sources import MANIFEST, corpus_hash, find_sources
from bot.corpus.split import Passage

# Bump when splitting or the embedded text changes: it forces a rebuild.
FORMAT_VERSION = 5
PASSAGES_FILE = "passages.jsonl"
INDEX_FILE = "index.faiss"
MANIFEST_FILE = "manifest.json"
QUESTIONS_INDEX_FILE = "questions.jsonl"
QUESTION_VECTORS_FILE = "questions.npy"


@dataclass(frozen=True)
class BuildPaths:
    """Where the artefacts of one corpus live."""

    corpus_dir: Path
    build_dir: Path

    @property
    def passages(self) -> Path:
        return self.build_dir / PASSAGES_FILE

    @property
    def index(self) -> Path:
        return self.build_dir / INDEX_FILE

    @property
    def manifest(self) -> Path:
        return self.build_dir / MANIFEST_FILE

    @property
    def questions(self) -> Path:
        """(passage_id, lay question) per line, in question-vector order."""
        return self.build_dir / QUESTIONS_INDEX_FILE

    @property
    def question_vectors(self) -> Path:
        return self.build_dir / QUESTION_VECTORS_FILE


def wanted_manifest(paths: BuildPaths, model_setting: str) -> dict:
    """The manifest fields an up-to-date build must have (no model load)."""
    from bot.corpus.embedder import model_identity

    sources = find_sources(paths.corpus_dir)
    return {
        "format_version": FORMAT_VERSION,
        "model": model_identity(model_setting),
        "corpus_hash": corpus_hash(
            sources, [paths.corpus_dir / MANIFEST, paths.corpus_dir / QUESTIONS_FILE]
        ),
        "sources": [
            {
                "file": s.path.name,
                "key": s.key,
                "title": s.title,
                "language": s.language,
                "origin": s.origin,
            }
            for s in sources
        ],
    }


def read_manifest(paths: BuildPaths) -> dict | None:
    """The manifest of the current build, or None if there is none."""
    try:
        return json.loads(paths.manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def is_up_to_date(paths: BuildPaths, model_setting: str) -> bool:
    """True when the build matches the sources and model as they are now."""
    have = read_manifest(paths)
    if not have or not paths.passages.exists() or not paths.index.exists():
        return False
    want = wanted_manifest(paths, model_setting)
    return all(have.get(k) == v for k, v in want.items())


def build(
    paths: BuildPaths,
    model_setting: str,
    *,
    force: bool = False,
    progress: Callable[[str], None] = print,
) -> bool:
    """Build if needed; True when a build ran, False when it was up to date."""
    if not force and is_up_to_date(paths, model_setting):
        progress(f"corpus: up to date ({paths.build_dir})")
        return False
    import faiss
    import numpy as np

    from bot.corpus.embedder import encode, load_model, passage_embedding_text

    started = time.perf_counter()
    manifest = wanted_manifest(paths, model_setting)
    passages: List[Passage] = []
    for source in find_sources(paths.corpus_dir):
        found = source.passages()
        progress(f"corpus: {source.path.name}: {len(found)} passages")
        passages.extend(found)
    progress(f"corpus: loading the embedding model {manifest['model']}")
    model = load_model(model_setting)
    texts = [passage_embedding_text(p.section, p.lead_in, p.text) for p in passages]
    questions = resolve(load_questions(paths.corpus_dir), passages)
    # One call: sentence-transformers sorts by length, so short questions do not
    # pad up to the longest passage.
    embedded = encode(model, texts + [q for _, q in questions])
    vectors, question_vectors = embedded[: len(texts)], embedded[len(texts) :]
    progress(f"corpus: embedded {len(texts)} passages, {len(questions)} questions")
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(vectors)

    paths.build_dir.mkdir(parents=True, exist_ok=True)
    paths.manifest.unlink(missing_ok=True)  # not up to date while we write
    _write_atomic(
        paths.passages,
        "".join(json.dumps(p.to_dict(), ensure_ascii=False) + "\n" for p in passages),
    )
    _write_atomic(
        paths.questions,
        "".join(
            json.dumps({"passage_id": pid, "question": q}, ensure_ascii=False) + "\n"
            for pid, q in questions
        ),
    )
    with open(paths.question_vectors.with_suffix(".tmp"), "wb") as handle:
        np.save(handle, question_vectors)
    os.replace(paths.question_vectors.with_suffix(".tmp"), paths.question_vectors)
    tmp_index = paths.index.with_suffix(".tmp")
    faiss.write_index(index, str(tmp_index))
    os.replace(tmp_index, paths.index)
    manifest.update(
        dimension=int(vectors.shape[1]),
        passages=len(passages),
        questions=len(questions),
        index="faiss.IndexFlatIP over unit vectors (cosine)",
        built_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        build_seconds=round(time.perf_counter() - started, 2),
    )
    _write_atomic(paths.manifest, json.dumps(manifest, indent=2, ensure_ascii=False))
    progress(
        f"corpus: built {len(passages)} passages, dimension {vectors.shape[1]}, "
        f"in {manifest['build_seconds']} s -> {paths.build_dir}"
    )
    return True


def read_passages(paths: BuildPaths) -> List[Passage]:
    """The passages of the current build, in index order."""
    with paths.passages.open(encoding="utf-8") as handle:
        return [Passage(**json.loads(line)) for line in handle if line.strip()]


def read_questions(paths: BuildPaths):
    """(passage_id, question) pairs and their vectors; none for older builds."""
    import numpy as np

    if not paths.questions.exists() or not paths.question_vectors.exists():
        return [], None
    with paths.questions.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    vectors = np.load(paths.question_vectors)
    return [(r["passage_id"], r["question"]) for r in rows], vectors


def _write_atomic(path: Path, content: str) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(content, encoding="utf-8")
    os.replace(tmp, path)


def paths_from_settings(settings=None) -> BuildPaths:
    """The corpus and build directories named by bot.settings."""
    from bot import settings as settings_module

    settings = settings or settings_module.load()
    return BuildPaths(settings.corpus_dir, settings.corpus_build_dir)
