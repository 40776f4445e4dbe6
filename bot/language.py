"""Tells apart messages written in another script, so the bot can say it reads
English only instead of guessing at them.

The assistant understands English alone. A message whose letters are mostly
not Latin (Cyrillic, Greek, Arabic, Hebrew, Devanagari, CJK, ...) cannot be
English; Latin-script messages in other languages are left to the NLU, which
answers them with its fallback. Digits, punctuation, emoji and control
characters are not letters and do not count.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass

# More than this share of letters outside the Latin script: not English.
NON_LATIN_SHARE = 0.5


@dataclass(frozen=True)
class ScriptGuess:
    """What `detect` found: whether the text is non-English and its main script."""

    non_english: bool
    script: str | None  # e.g. "CYRILLIC"; None when the text has no letters
    has_words: bool  # False for empty, blank, emoji-only or punctuation-only text


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    # "LATIN SMALL LETTER A", "FULLWIDTH LATIN CAPITAL LETTER A" -> LATIN;
    # "CYRILLIC SMALL LETTER A" -> CYRILLIC, "CJK UNIFIED IDEOGRAPH-4E2D" -> CJK.
    if "LATIN" in name:
        return "LATIN"
    return name.split(" ", 1)[0] or "UNKNOWN"


def detect(text: str) -> ScriptGuess:
    """Classify `text` by the scripts of its letters."""
    text = text or ""
    has_words = any(char.isalnum() for char in text)
    scripts = Counter(_script(char) for char in text if char.isalpha())
    if not scripts:
        return ScriptGuess(non_english=False, script=None, has_words=has_words)
    main, _ = scripts.most_common(1)[0]
    non_latin = sum(n for script, n in scripts.items() if script != "LATIN")
    return ScriptGuess(
        non_english=non_latin / sum(scripts.values()) > NON_LATIN_SHARE,
        script=main,
        has_words=has_words,
    )
