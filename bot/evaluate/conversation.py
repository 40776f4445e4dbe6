"""Talks to a running stack over REST, one new conversation per item, and scores
the reply to the item's last turn.

An item is one JSON object per line:
    {"turns": ["msg1", "msg2"], "gold": [...], "key": [...], "in_corpus": true}
- `gold`: phrases of which one must be in a cited passage (the passage holds
  the answer);
- `key`: phrases of which one must be shown in the reply (the excerpt shows the
  answer); may be empty, then the item does not count for that figure;
- `in_corpus: false`: the right reply cites nothing.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, Iterable, List

from bot.evaluate.reply import Reply, contains_any, read_reply

Send = Callable[[str, str], List[dict]]


@dataclass
class Item:
    """One evaluation conversation."""

    turns: List[str]
    gold: List[str] = field(default_factory=list)
    key: List[str] = field(default_factory=list)
    in_corpus: bool = True
    source: str = ""

    @property
    def multi_turn(self) -> bool:
        return len(self.turns) > 1


@dataclass
class Outcome:
    """How the last turn of one item was answered."""

    item: Item
    reply: Reply
    gold_cited: bool
    key_shown: bool


def load_items(paths: Iterable[Path]) -> List[Item]:
    """Items from JSONL files; a malformed line names its file and line."""
    items = []
    for path in paths:
        for number, line in enumerate(Path(path).read_text().splitlines(), 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                turns = data["turns"]
            except (ValueError, KeyError) as error:
                raise ValueError(
                    f"{path}:{number}: not an item ({error}); each line must be "
                    '{"turns": [...], "gold": [...], "key": [...], "in_corpus": ...}'
                ) from None
            items.append(
                Item(
                    list(turns),
                    list(data.get("gold") or []),
                    list(data.get("key") or []),
                    bool(data.get("in_corpus", True)),
                    str(path),
                )
            )
    return items


def run_item(item: Item, send: Send, passage_text: Dict[str, str]) -> Outcome:
    """Plays one item as a new conversation and scores its last reply."""
    sender = f"eval-{uuid.uuid4().hex}"
    messages: List[dict] = []
    for turn in item.turns:
        messages = send(sender, turn)
    reply = read_reply(messages)
    cited_texts = " ".join(passage_text.get(pid, "") for pid in reply.passage_ids)
    gold_cited = bool(item.gold) and contains_any(cited_texts, item.gold)
    key_shown = bool(item.key) and contains_any(reply.text, item.key)
    return Outcome(item, reply, gold_cited, key_shown)


def _share(hits: List[bool]) -> float | None:
    return round(sum(hits) / len(hits), 3) if hits else None


def score(outcomes: List[Outcome]) -> Dict[str, object]:
    """The figures, each with its denominator."""
    single = [o for o in outcomes if o.item.in_corpus and not o.item.multi_turn]
    multi = [o for o in outcomes if o.item.in_corpus and o.item.multi_turn]
    inside = single + multi
    outside = [o for o in outcomes if not o.item.in_corpus]
    return {
        "answered_with_citation": _share([o.reply.cited for o in single]),
        "gold_in_cited_passage": _share([o.gold_cited for o in single if o.item.gold]),
        "key_phrase_in_reply": _share([o.key_shown for o in single if o.item.key]),
        "follow_up_answered": _share([o.reply.cited for o in multi]),
        "follow_up_gold_in_cited_passage": _share(
            [o.gold_cited for o in multi if o.item.gold]
        ),
        "follow_up_key_phrase_in_reply": _share(
            [o.key_shown for o in multi if o.item.key]
        ),
        "all_in_corpus_answered": _share([o.reply.cited for o in inside]),
        "out_of_corpus_without_citation": _share([not o.reply.cited for o in outside]),
        "counts": {
            "single": len(single),
            "multi_turn": len(multi),
            "out_of_corpus": len(outside),
        },
    }


def failures(outcomes: List[Outcome]) -> List[dict]:
    """The items that missed a figure, for reading (the reply is shortened)."""
    found = []
    for o in outcomes:
        missed = []
        if o.item.in_corpus:
            if not o.reply.cited:
                missed.append("no citation")
            elif o.item.gold and not o.gold_cited:
                missed.append("gold not in cited passage")
            if o.item.key and not o.key_shown:
                missed.append("key phrase not shown")
        elif o.reply.cited:
            missed.append("cited out of corpus")
        if missed:
            # Each bot message shortened, so a welcome before the answer does
            # not hide what the turn was routed to.
            shown = [m if len(m) <= 200 else m[:200] + "..." for m in o.reply.messages]
            found.append({"turns": o.item.turns, "missed": missed, "reply": shown})
    return found
