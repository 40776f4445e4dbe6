"""What each passage answers, in patients' words: `corpus/questions.yml`.

Each entry names a passage by a `phrase` from its text (case and spacing
ignored, as in curation.yml: a phrase survives re-splitting, an id does not) and
lists lay questions that passage answers. The build embeds every question as an
extra vector pointing at its passage. A corpus without the file, or a passage
without an entry, still works: it is then found by its own text only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import List, Sequence, Tuple

import yaml

from bot.corpus.sources import CorpusError

QUESTIONS_FILE = "questions.yml"


@dataclass(frozen=True)
class QuestionEntry:
    """The questions one passage answers."""

    phrase: str
    questions: Tuple[str, ...]

    def matches(self, passage) -> bool:
        return _squash(self.phrase) in _squash(passage.text)


def load_questions(corpus_dir: Path) -> List[QuestionEntry]:
    """Read `corpus_dir/questions.yml`; a missing file means no entries."""
    path = Path(corpus_dir) / QUESTIONS_FILE
    if not path.exists():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise CorpusError(f"{path} is not valid YAML: {exc}") from exc
    entries = []
    for raw in data.get("passages") or []:
        if not isinstance(raw, dict) or not str(raw.get("phrase") or "").strip():
            raise CorpusError(f"{path}: entry {raw!r} needs a `phrase` from a passage")
        questions = tuple(str(q).strip() for q in raw.get("questions") or [])
        if not questions or not all(questions):
            raise CorpusError(f"{path}: entry {raw['phrase']!r} needs `questions`")
        entries.append(QuestionEntry(str(raw["phrase"]).strip(), questions))
    return entries


def resolve(
    entries: Sequence[QuestionEntry], passages: Sequence
) -> List[Tuple[str, str]]:
    """(passage_id, question) for every question whose phrase finds a passage.
    A phrase found in several passages points at each of them."""
    out = []
    for entry in entries:
        for passage in passages:
            if entry.matches(passage):
                out.extend((passage.passage_id, q) for q in entry.questions)
    return out


def unmatched(entries: Sequence[QuestionEntry], passages: Sequence) -> List[str]:
    """Phrases that match no passage: stale after a source edit."""
    return [e.phrase for e in entries if not any(e.matches(p) for p in passages)]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip().lower()
