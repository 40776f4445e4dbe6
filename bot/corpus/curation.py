"""Editorial control over passages: `corpus/curation.yml` excludes passages or
attaches caution notes shown with an excerpt.

An entry names its passage by `passage_id`, by a `phrase` from its text, or both;
it matches a passage that has the id OR contains the phrase (case and spacing
ignored). The phrase keeps an entry attached when re-splitting changes the ids;
`unmatched()` lists entries that match nothing, and the build warns about them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, List, Set

import yaml

from bot.corpus.sources import CorpusError

CURATION_FILE = "curation.yml"


@dataclass(frozen=True)
class Entry:
    """One curation rule."""

    passage_id: str = ""
    phrase: str = ""
    note: str = ""  # the caution shown to users (cautions only)
    reason: str = ""  # why, for maintainers
    whole_passage: bool = False  # show the caution whatever part is quoted

    def matches(self, passage) -> bool:
        if self.passage_id and passage.passage_id == self.passage_id:
            return True
        return bool(self.phrase) and _squash(self.phrase) in _squash(passage.text)

    def applies_to_excerpt(self, passage, excerpt: str) -> bool:
        """A caution tied to a phrase shows only when the excerpt quotes it."""
        if not self.matches(passage):
            return False
        if self.whole_passage or not self.phrase:
            return True
        return _squash(self.phrase) in _squash(excerpt)


@dataclass
class Curation:
    """The parsed curation file (empty when there is none)."""

    exclude: List[Entry] = field(default_factory=list)
    cautions: List[Entry] = field(default_factory=list)

    def excluded_ids(self, passages: Iterable) -> Set[int]:
        """Positions (in index order) of passages never to be shown."""
        return {
            i for i, p in enumerate(passages) if any(e.matches(p) for e in self.exclude)
        }

    def cautions_for(self, passage) -> List[str]:
        """Every caution note attached to a passage."""
        return [e.note for e in self.cautions if e.matches(passage)]

    def cautions_for_excerpt(self, passage, excerpt: str) -> List[str]:
        """The caution notes that apply to the part of a passage being quoted."""
        return [e.note for e in self.cautions if e.applies_to_excerpt(passage, excerpt)]

    def unmatched(self, passages: List) -> List[Entry]:
        """Entries that match no passage: stale after a source edit."""
        return [
            e
            for e in self.exclude + self.cautions
            if not any(e.matches(p) for p in passages)
        ]


def load_curation(corpus_dir: Path) -> Curation:
    """Read `corpus_dir/curation.yml`; a missing file means no curation."""
    path = Path(corpus_dir) / CURATION_FILE
    if not path.exists():
        return Curation()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise CorpusError(f"{path} is not valid YAML: {exc}") from exc
    return Curation(
        exclude=[
            _entry(path, raw, needs_note=False) for raw in data.get("exclude", [])
        ],
        cautions=[
            _entry(path, raw, needs_note=True) for raw in data.get("cautions", [])
        ],
    )


def _entry(path: Path, raw, needs_note: bool) -> Entry:
    if not isinstance(raw, dict):
        raise CorpusError(f"{path}: each entry must be a mapping, got {raw!r}")
    entry = Entry(
        passage_id=str(raw.get("passage_id") or ""),
        phrase=str(raw.get("phrase") or ""),
        note=str(raw.get("note") or "").strip(),
        reason=str(raw.get("reason") or "").strip(),
        whole_passage=bool(raw.get("whole_passage", False)),
    )
    if not entry.passage_id and not entry.phrase:
        raise CorpusError(f"{path}: entry {raw!r} needs a passage_id or a phrase")
    if needs_note and not entry.note:
        raise CorpusError(f"{path}: caution {raw!r} needs a `note` to show users")
    return entry


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip().lower()
