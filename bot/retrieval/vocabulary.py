"""The lay-to-corpus vocabulary: `corpus/vocabulary.yml` maps how patients write
("charley horse", "knots", "insoles", "lock up") to the words the sources use,
on top of the few everyday words in bot.retrieval.text.LAY_TERMS. A corpus
without the file gets those only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, FrozenSet

import yaml

from bot.corpus.sources import CorpusError
from bot.retrieval.text import LAY_TERMS, normalise, stem, words

VOCABULARY_FILE = "vocabulary.yml"


@dataclass
class Vocabulary:
    """Lay phrase -> source words, and filler words that say nothing."""

    terms: Dict[str, str] = field(default_factory=lambda: dict(LAY_TERMS))
    filler: FrozenSet[str] = frozenset()  # stemmed

    def __post_init__(self) -> None:
        keys = sorted(self.terms, key=len, reverse=True)
        self._pattern = (
            re.compile(r"(?<![\w'])(" + "|".join(map(re.escape, keys)) + r")(?![\w'])")
            if keys
            else None
        )

    def expand(self, text: str) -> str:
        """`text` with each lay phrase followed by its source words."""
        text = normalise(text)
        if self._pattern is None:
            return text
        return self._pattern.sub(
            lambda m: f"{m.group(0)} {self.terms[m.group(0)]}", text
        )

    def replace(self, text: str) -> str:
        """`text` with each lay phrase replaced by its source words."""
        text = normalise(text)
        if self._pattern is None:
            return text
        return self._pattern.sub(lambda m: self.terms[m.group(0)], text)

    def words(self) -> FrozenSet[str]:
        """Every word of the lay phrases: spelling correction leaves them be."""
        return frozenset(w for phrase in self.terms for w in words(phrase))


class _UniqueKeyLoader(yaml.SafeLoader):
    """YAML whose mappings may not name a key twice: plain YAML keeps the
    last silently, so a term added again elsewhere in the file would undo
    the first without a word."""

    def construct_mapping(self, node, deep=False):
        seen = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise CorpusError(
                    f"{key!r} is given twice (lines {seen[key]} and "
                    f"{key_node.start_mark.line + 1}); keep one of them"
                )
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


def load_vocabulary(corpus_dir: Path) -> Vocabulary:
    """Read `corpus_dir/vocabulary.yml` over the built-in everyday words."""
    path = Path(corpus_dir) / VOCABULARY_FILE
    if not path.exists():
        return Vocabulary()
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), _UniqueKeyLoader) or {}
    except yaml.YAMLError as exc:
        raise CorpusError(f"{path} is not valid YAML: {exc}") from exc
    except CorpusError as exc:
        raise CorpusError(f"{path}: {exc}") from exc
    raw_terms = data.get("terms") or {}
    if not isinstance(raw_terms, dict):
        raise CorpusError(f"{path}: `terms` must map a lay phrase to source words")
    terms = dict(LAY_TERMS)
    for lay, source in raw_terms.items():
        if not str(source or "").strip():
            raise CorpusError(f"{path}: {lay!r} needs the source words it means")
        terms[normalise(str(lay)).strip()] = normalise(str(source)).strip()
    # Stemmed, as the query terms they are compared with.
    filler = frozenset(
        stem(normalise(str(w)).strip()) for w in data.get("filler") or []
    )
    return Vocabulary(terms, filler)
