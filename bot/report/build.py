"""Builds the report: stream the store, count, cluster, render, write (mode 600)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Dict

from bot.report.clusters import cluster_questions
from bot.report.render import page
from bot.report.store import stream_senders
from bot.report.tally import Tally
from bot.report.walk import READ_SLOTS, conversations


def tally_store(url: str, since: float) -> Tally:
    """Every figure for the conversations' events since `since`."""
    tally = Tally()
    for sender, events in stream_senders(url, since, READ_SLOTS):
        for conversation in conversations(sender, events):
            tally.add(conversation)
    return tally.finish()


def build_report(url: str, since: float, until: float, out: Path, encode=None) -> Tally:
    """Write the HTML report to `out` and return its figures; `encode` embeds
    texts (default: the corpus's sentence model)."""
    tally = tally_store(url, since)
    clustering = cluster_questions(
        tally.unanswered_questions, tally.unanswered_wording, encode
    )
    write_private(out, page(tally, clustering, since, until, passage_titles()))
    return tally


def passage_titles() -> Dict[str, str]:
    """Passage id -> "source, section", from the built corpus (empty if unbuilt)."""
    from bot import settings

    path = settings.load().corpus_build_dir / "passages.jsonl"
    titles: Dict[str, str] = {}
    if path.exists():
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    passage = json.loads(line)
                    titles[passage["passage_id"]] = (
                        f"{passage.get('source', '')}, {passage.get('section', '')}"
                    )
    return titles


def write_private(path: Path, text: str) -> None:
    """Write `text` so that only the owner can read it, replacing any old file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Created 600 from the start: the text is never readable by others, even briefly.
    handle, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=".report-", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
