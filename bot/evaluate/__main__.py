"""CLI: `python -m bot.evaluate conversation SETS... --url URL [--failures]`.

Starts no server: point it at a running stack (`make run`, or the launcher).
`python -m bot.evaluate offline SETS...` scores the same items with the answer
action's own logic in this process (no NLU routing, no server).
Prints the figures as JSON; with --failures, the items that missed them too.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Dict, List

import requests

from bot.evaluate.conversation import failures, load_items, run_item, score

DEFAULT_URL = "http://localhost:5005"


def rest_sender(url: str, timeout: float = 60):
    """A function that sends one message over Rasa's REST channel."""
    endpoint = url.rstrip("/") + "/webhooks/rest/webhook"
    session = requests.Session()

    def send(sender: str, message: str) -> List[dict]:
        response = session.post(
            endpoint, json={"sender": sender, "message": message}, timeout=timeout
        )
        response.raise_for_status()
        return response.json()

    return send


def passage_texts() -> Dict[str, str]:
    """passage id -> text, from the corpus build the stack serves (same machine)."""
    from bot.corpus.build import paths_from_settings, read_passages

    return {p.passage_id: p.text for p in read_passages(paths_from_settings())}


def main(argv: List[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.evaluate")
    sub = parser.add_subparsers(dest="command", required=True)
    conv = sub.add_parser("conversation", help="score replies over REST")
    conv.add_argument("sets", nargs="+", type=Path, help="JSONL item files")
    conv.add_argument("--url", default=DEFAULT_URL, help="the Rasa server")
    conv.add_argument("--failures", action="store_true", help="list missed items")
    offline = sub.add_parser(
        "offline", help="score the answer action's logic in-process (no routing)"
    )
    offline.add_argument("sets", nargs="+", type=Path, help="JSONL item files")
    offline.add_argument("--failures", action="store_true", help="list missed items")
    args = parser.parse_args(argv)

    missing = [str(p) for p in args.sets if not p.is_file()]
    if missing:
        parser.error(f"no such set: {', '.join(missing)}")
    try:
        items = load_items(args.sets)
    except ValueError as error:
        parser.error(str(error))
    if args.command == "offline":
        send = _offline_sender()
    else:
        send = rest_sender(args.url)
        if not _reachable(send, args.url):
            return 2
    texts = passage_texts()
    outcomes = [run_item(item, send, texts) for item in items]
    report = {"sets": [str(p) for p in args.sets], **score(outcomes)}
    if len(args.sets) > 1:
        report["by_set"] = {
            str(p): score([o for o in outcomes if o.item.source == str(p)])
            for p in args.sets
        }
    if args.failures:
        report["failures"] = failures(outcomes)
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


def _offline_sender():
    from bot.evaluate.offline import offline_sender
    from bot.retrieval.answer import answer_question

    return offline_sender(answer_question)


def _reachable(send, url: str) -> bool:
    try:
        send("eval-ping", "/greet")
    except requests.RequestException as error:
        print(
            f"cannot reach {url} ({error.__class__.__name__}); start the stack "
            "first (python -m bot.serve.launcher run) or pass --url",
            file=sys.stderr,
        )
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
