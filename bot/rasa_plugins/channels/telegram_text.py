"""Bot text to Telegram HTML: escaped, with the little markdown our answers use.

Telegram's HTML parse mode needs only `&`, `<` and `>` escaped, so a user-visible
`<script>` or `a & b` arrives exactly as written. On top of that, `**bold**`,
`_italic_` and lines starting with `> ` (quoted excerpts) become <b>, <i> and
<blockquote>, so citations read the same as in the web widget.
"""

from __future__ import annotations

import html
import re

PARSE_MODE = "HTML"

_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![\w*])_(?=\S)(.+?)(?<=\S)_(?![\w*])")


def _inline(line: str) -> str:
    escaped = html.escape(line, quote=False)
    escaped = _BOLD.sub(r"<b>\1</b>", escaped)
    return _ITALIC.sub(r"<i>\1</i>", escaped)


def to_telegram_html(text: str) -> str:
    """Escape `text` for parse_mode=HTML, rendering bold, italic and quotes."""
    out: list = []
    quote: list = []

    def flush_quote() -> None:
        if quote:
            out.append("<blockquote>" + "\n".join(quote) + "</blockquote>")
            quote.clear()

    for line in text.split("\n"):
        if line.startswith(">"):
            quote.append(_inline(line[1:].lstrip()))
            continue
        flush_quote()
        out.append(_inline(line))
    flush_quote()
    return "\n".join(out)
