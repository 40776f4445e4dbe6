"""Reads what a REST reply cites.

The answer action renders every excerpt with a line
`Source: <document>, section "<section>", passage <passage_id>`; that id is what
identifies the cited passage, in every channel, with no payload beyond the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import List

PASSAGE_RE = re.compile(r"^Source: .*, passage (\S+)\s*$", re.MULTILINE)


@dataclass
class Reply:
    """The bot's messages for one user turn, joined."""

    text: str
    passage_ids: List[str]
    messages: List[str] = field(default_factory=list)

    @property
    def cited(self) -> bool:
        return bool(self.passage_ids)


def read_reply(messages: List[dict]) -> Reply:
    """The REST webhook's list of bot messages as one Reply."""
    texts = [m["text"] for m in messages if m.get("text")]
    text = "\n\n".join(texts)
    return Reply(text, PASSAGE_RE.findall(text), texts)


def normalise(text: str) -> str:
    """Lower case, one space between words, plain quotes: phrase matching that
    survives line breaks and typographic quotes."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", text)


def contains_any(text: str, phrases: List[str]) -> bool:
    """Whether `text` holds at least one of `phrases` (normalised)."""
    haystack = normalise(text)
    return any(normalise(p) in haystack for p in phrases)
