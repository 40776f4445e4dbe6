"""`python -m bot.report --since 7d [--out FILE] [--url URL]`: the review report."""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from bot.report.build import build_report

UNITS = {"m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


def parse_since(value: str, now: float) -> float:
    """ "7d", "24h", "2w", "90m", or a date "2026-11-01": the start, as a timestamp."""
    match = re.fullmatch(r"\s*(\d+)\s*([mhdw])\s*", value)
    if match:
        return now - int(match.group(1)) * UNITS[match.group(2)]
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"--since {value!r}: give a span such as 7d, 24h, 2w, 90m, "
            "or a date such as 2026-11-01"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


def main(argv: list | None = None) -> int:
    from bot import settings

    config = settings.load()
    parser = argparse.ArgumentParser(
        prog="python -m bot.report",
        description="Write the conversation review (it quotes patients).",
    )
    parser.add_argument("--since", default="7d", help="span or date (default: 7d)")
    parser.add_argument(
        "--out",
        type=Path,
        default=config.report_path,
        help=f"the HTML file (default: {config.report_path})",
    )
    parser.add_argument(
        "--url",
        default=config.tracker_store_url,
        help="tracker store SQLAlchemy URL (default: TRACKER_URL, else TRACKER_DB)",
    )
    args = parser.parse_args(argv)
    now = time.time()
    try:
        since = parse_since(args.since, now)
    except argparse.ArgumentTypeError as exc:
        parser.error(str(exc))
    started = time.perf_counter()
    from bot.corpus.onnx_encoder import EncoderMissing

    try:
        summary = build_report(args.url, since, now, args.out)
    except EncoderMissing as exc:
        parser.exit(2, f"python -m bot.report: {exc}\n")
    print(
        f"wrote {args.out} (mode 600) in {time.perf_counter() - started:.1f} s: "
        f"{summary.conversations} conversations, {summary.answered} answered, "
        f"{summary.unanswered} unanswered, {summary.takeovers} takeovers"
    )
    return 0


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    sys.exit(main())
