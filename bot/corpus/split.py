"""Splits one source document into passages along its structure.

Rules: a heading is a short line on its own without closing
punctuation (or a Markdown `#` line); bullet items stay with their lead-in
sentence; every other paragraph - each forum post, for instance - is a passage of
its own. Each passage keeps the character span of its own text in the source.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass
from typing import Iterator, List, Tuple

# A heading is short: longer lines without a full stop are run-on sentences.
MAX_HEADING_CHARS = 110
MAX_QUESTION_HEADING_WORDS = 12
# Bullet lists longer than this are cut into several passages (each repeats the
# lead-in sentence), so no passage runs far past what the embedder reads.
MAX_BULLET_CHUNK_CHARS = 750
# A lead-in paragraph up to this size travels whole with its bullets.
MAX_LEAD_IN_PARAGRAPH_CHARS = 320
# A paragraph shorter than this ("Do this up to three times a day.") says too
# little alone; it joins the passage before it in the same section.
MIN_PARAGRAPH_CHARS = 80
# Short paragraphs join a neighbour while the two stay under MAX_JOINED_CHARS:
# an exercise's "why" and its "how" read best as one excerpt.
SHORT_PARAGRAPH_CHARS = 250
MAX_JOINED_CHARS = 650

BULLET_RE = re.compile(r"^\s*(?:[•\-*+·▪◦]|\d{1,2}[.)])\s+")
MD_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s+")
SENTENCE_END_RE = re.compile(r"(?<=[.!?…])\s+(?=[A-Z0-9«\"“(])")
CLOSING_PUNCTUATION = tuple('.!;:,…»"”')
LEAD_IN_ENDINGS = (":", "?")


@dataclass
class Passage:
    """One retrievable piece of a source, with where it came from."""

    passage_id: str
    source: str  # the document title, as cited
    source_file: str
    section: str
    text: str
    start: int  # span of the passage's own text in the source file
    end: int
    lead_in: str = ""  # the lead-in sentence repeated before a cut bullet list

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Block:
    """A run of non-blank lines: a heading, a paragraph or a bullet list."""

    kind: str  # "heading" | "paragraph" | "bullets"
    lines: List[Tuple[int, int, str]]  # (start, end, stripped text) per line

    @property
    def start(self) -> int:
        return self.lines[0][0]

    @property
    def end(self) -> int:
        return self.lines[-1][1]

    @property
    def text(self) -> str:
        return "\n".join(line for _, _, line in self.lines)


def split_document(
    text: str,
    *,
    key: str,
    title: str,
    source_file: str,
    intro_section: str = "",
    markdown: bool = False,
) -> List[Passage]:
    """The passages of one document, in reading order, with stable ids."""
    blocks = list(_blocks(text, markdown))
    # The document's first line is its title when it looks like a heading.
    if blocks and blocks[0].kind == "heading":
        blocks = blocks[1:]
    passages: List[Passage] = []
    section = intro_section or title
    heading_start: int | None = None  # where the current section's heading began
    previous: Block | None = None  # the paragraph just before, in this section
    seen_heading = False
    for block in blocks:
        if block.kind == "heading":
            # Consecutive headings: the last one names the section; the first
            # passage after them quotes them all.
            seen_heading = True
            if heading_start is None:
                heading_start = block.start
            section = block.text
            previous = None
            continue
        # The first passage of a section starts at its heading.
        opening, heading_start = heading_start, None
        last = passages[-1] if passages and opening is None else None
        if block.kind == "paragraph":
            # Before the first heading each paragraph stands alone: that is
            # where forum posts and replies sit.
            joinable = seen_heading and previous is not None
            if last is not None and joinable and _joins(last, block):
                _extend(last, text, block)
            else:
                start = block.start if opening is None else opening
                passages.append(_passage(text, start, block.end, section))
            previous = block
            continue
        # Bullets: keep them with the sentence that introduces them.
        chunks = _chunk_bullets(block)
        if opening is not None:
            chunks[0] = (opening, chunks[0][1])
        lead_in = _lead_in_sentence(previous)
        if last is not None and previous is not None:
            if len(chunks) == 1 and len(last.text) <= MAX_LEAD_IN_PARAGRAPH_CHARS:
                _extend(last, text, block)
                previous = None
                continue
            if lead_in and lead_in == previous.text and last.end == previous.end:
                # A one-sentence lead-in opens the first chunk instead of
                # standing alone; later chunks repeat it.
                chunks[0] = (last.start, chunks[0][1])
                passages.pop()
                passages.append(_passage(text, *chunks.pop(0), section))
        for start, end in chunks:
            passages.append(_passage(text, start, end, section, lead_in))
        previous = None
    return _assign_ids(passages, key=key, title=title, source_file=source_file)


def _blocks(text: str, markdown: bool) -> Iterator[Block]:
    current: List[Tuple[int, int, str]] = []
    offset = 0
    for raw in text.splitlines(keepends=True):
        line = raw.rstrip("\r\n")
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            current.append((offset + lead, offset + lead + len(stripped), stripped))
        elif current:
            yield from _classify(current, markdown)
            current = []
        offset += len(raw)
    if current:
        yield from _classify(current, markdown)


def _classify(lines: List[Tuple[int, int, str]], markdown: bool) -> Iterator[Block]:
    """Blocks of one blank-line-separated run; bullets split off their lead-in."""
    run: List[Tuple[int, int, str]] = []
    run_kind = ""
    for start, end, line in lines:
        if markdown and MD_HEADING_RE.match(line):
            if run:
                yield Block(run_kind, run)
                run = []
            heading = MD_HEADING_RE.sub("", line).strip().strip("#").strip()
            yield Block("heading", [(end - len(heading), end, heading)])
            continue
        kind = "bullets" if BULLET_RE.match(line) else "paragraph"
        if run and kind != run_kind and kind == "bullets":
            yield Block(run_kind, run)
            run = []
        if not run:
            run_kind = kind
        run.append((start, end, line))
    if not run:
        return
    if run_kind == "paragraph" and len(run) == 1 and looks_like_heading(run[0][2]):
        yield Block("heading", run)
    else:
        yield Block(run_kind, run)


def looks_like_heading(line: str) -> bool:
    """A short line without closing punctuation, or a short question."""
    if len(line) > MAX_HEADING_CHARS or BULLET_RE.match(line):
        return False
    if line.endswith("?"):
        # Question headings ("What is muscle tension?") are short.
        return len(line.split()) <= MAX_QUESTION_HEADING_WORDS and line.count("?") == 1
    return not line.endswith(CLOSING_PUNCTUATION)


def _joins(last: Passage, paragraph: Block) -> bool:
    """Whether a paragraph continues the passage before it rather than starting
    its own: when it is a fragment, or when one of the two is short and together
    they stay small. Long paragraphs (forum posts) always stand alone."""
    if last.lead_in:
        return False  # a cut bullet list: the paragraph after it is new matter
    size = len(paragraph.text)
    if size < MIN_PARAGRAPH_CHARS:
        return True
    return (
        min(size, len(last.text)) < SHORT_PARAGRAPH_CHARS
        and size + len(last.text) <= MAX_JOINED_CHARS
    )


def _chunk_bullets(block: Block) -> List[Tuple[int, int]]:
    """Spans of consecutive bullet items, each run at most MAX_BULLET_CHUNK_CHARS."""
    items: List[Tuple[int, int]] = []
    for start, end, line in block.lines:
        if BULLET_RE.match(line) or not items:
            items.append((start, end))
        else:  # a wrapped continuation line belongs to the item above
            items[-1] = (items[-1][0], end)
    chunks: List[Tuple[int, int]] = []
    for start, end in items:
        if chunks and end - chunks[-1][0] <= MAX_BULLET_CHUNK_CHARS:
            chunks[-1] = (chunks[-1][0], end)
        else:
            chunks.append((start, end))
    return chunks


def _lead_in_sentence(paragraph: Block | None) -> str:
    """The sentence introducing a list ("... the following factors:"), if any."""
    if paragraph is None:
        return ""
    last = SENTENCE_END_RE.split(paragraph.text.strip())[-1]
    return last if last.endswith(LEAD_IN_ENDINGS) else ""


def _passage(
    source_text: str, start: int, end: int, section: str, lead_in: str = ""
) -> Passage:
    return Passage(
        passage_id="",
        source="",
        source_file="",
        section=section,
        text=_clean(source_text[start:end]),
        start=start,
        end=end,
        lead_in=lead_in,
    )


def _extend(passage: Passage, source_text: str, block: Block) -> None:
    passage.end = block.end
    passage.text = _clean(source_text[passage.start : passage.end])


def _clean(span: str) -> str:
    """The span's lines without their indentation; blank lines collapsed."""
    lines = [line.strip() for line in span.splitlines()]
    return "\n".join(line for line in lines if line)


def _assign_ids(
    passages: List[Passage], *, key: str, title: str, source_file: str
) -> List[Passage]:
    """Ids from the document key and the passage text: stable across rebuilds,
    and unaffected by edits elsewhere in the document."""
    seen: set = set()
    for passage in passages:
        digest = hashlib.sha1(passage.text.encode("utf-8")).hexdigest()
        passage_id = f"{key}-{digest[:8]}"
        suffix = 2
        while passage_id in seen:  # the same text twice in one document
            passage_id = f"{key}-{digest[:8]}-{suffix}"
            suffix += 1
        seen.add(passage_id)
        passage.passage_id = passage_id
        passage.source = title
        passage.source_file = source_file
    return passages


def sentences(text: str) -> List[str]:
    """The sentences of a passage's text; bullet items count as sentences."""
    out: List[str] = []
    for line in text.splitlines():
        out.extend(s for s in SENTENCE_END_RE.split(line.strip()) if s)
    return out
