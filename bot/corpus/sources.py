"""Finds the source documents in the corpus directory and reads their manifest."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List

import yaml

from bot.corpus.split import Passage, split_document

MANIFEST = "sources.yml"
SUFFIXES = (".txt", ".md")


class CorpusError(ValueError):
    """The corpus directory or its manifest is unusable; the message names the fix."""


@dataclass(frozen=True)
class Source:
    """One document and what its manifest entry (if any) says about it."""

    path: Path
    key: str
    title: str
    language: str
    origin: str
    intro_section: str

    def read(self) -> str:
        return self.path.read_text(encoding="utf-8")

    def passages(self) -> List[Passage]:
        """The document split into passages (see bot.corpus.split)."""
        return split_document(
            self.read(),
            key=self.key,
            title=self.title,
            source_file=self.path.name,
            intro_section=self.intro_section,
            markdown=self.path.suffix == ".md",
        )


def find_sources(corpus_dir: Path) -> List[Source]:
    """Every .txt and .md file directly in `corpus_dir`, sorted by file name."""
    if not corpus_dir.is_dir():
        raise CorpusError(
            f"no corpus directory at {corpus_dir}; create it and put .txt or .md "
            "source documents in it (or set CORPUS_DIR)"
        )
    entries = _manifest(corpus_dir)
    files = sorted(
        p for p in corpus_dir.iterdir() if p.is_file() and p.suffix in SUFFIXES
    )
    if not files:
        raise CorpusError(f"{corpus_dir} holds no .txt or .md source documents")
    sources = [_source(path, entries.get(path.name) or {}) for path in files]
    keys = [s.key for s in sources]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise CorpusError(
            f"two documents share the key {duplicates}; give each its own `key` in "
            f"{corpus_dir / MANIFEST}"
        )
    return sources


def corpus_hash(sources: List[Source], extra: List[Path]) -> str:
    """A digest of every source's name and bytes plus the given side files."""
    digest = hashlib.sha256()
    for path in [s.path for s in sources] + [p for p in extra if p.exists()]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _manifest(corpus_dir: Path) -> Dict[str, Dict[str, Any]]:
    path = corpus_dir / MANIFEST
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise CorpusError(f"{path} is not valid YAML: {exc}") from exc
    documents = data.get("documents") or {}
    if not isinstance(documents, dict):
        raise CorpusError(f"{path}: `documents` must map file names to entries")
    return documents


def _source(path: Path, entry: Dict[str, Any]) -> Source:
    return Source(
        path=path,
        key=str(entry.get("key") or _slug(path.stem)),
        title=str(entry.get("title") or _first_line_title(path)),
        language=str(entry.get("language") or "en"),
        origin=str(entry.get("origin") or ""),
        intro_section=str(entry.get("intro_section") or ""),
    )


def _first_line_title(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            return line.strip().lstrip("#").strip()
    return path.stem


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "doc"
