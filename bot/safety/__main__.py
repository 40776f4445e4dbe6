"""`python -m bot.safety classify --jsonl`: classify JSON lines from stdin;
`python -m bot.safety evaluate FILE [--rest URL]`: score a labelled set
(bot.safety.evaluate).

Each input line is `{"text": "..."}`; each output line is
`{"red_flag": ..., "category": ..., "signs": [...]}`, one per input, in order.
A line that cannot be read gets an output line with an "error" and a message
on stderr; the run carries on and exits with status 2 at the end. Such a line
is never reported as safe: its raw characters are still checked, and if they
show no sign its red_flag is null (unknown), not false.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, BinaryIO, Dict, TextIO, Tuple

EXIT_BAD_INPUT = 2


def _read(raw: bytes) -> Tuple[str | None, str | None, str]:
    """(text, error, fallback): the message, or what is wrong and raw characters."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return (
            None,
            f"not UTF-8 ({exc.reason} at byte {exc.start})",
            raw.decode("utf-8", errors="replace"),
        )
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, f"not valid JSON ({exc.msg} at column {exc.colno})", line
    if not isinstance(record, dict) or "text" not in record:
        return None, 'expected an object with a "text" field', line
    if not isinstance(record["text"], str):
        kind = type(record["text"]).__name__
        return None, f'"text" must be a string, not {kind}', line
    return record["text"], None, line


def classify_line(raw: bytes) -> Tuple[Dict[str, Any], str | None]:
    """The output record for one input line, and the error message if any."""
    from bot.safety import detect

    text, error, fallback = _read(raw)
    if error is None:
        return detect(text).as_dict(), None
    # Unreadable is not safe: check the raw characters anyway.
    verdict = detect(fallback).as_dict()
    if not verdict["red_flag"]:
        verdict["red_flag"] = None
    verdict["error"] = error
    return verdict, error


def classify_stream(source: BinaryIO, out: TextIO, err: TextIO) -> int:
    """Classify every non-blank line of `source`; the exit status."""
    status = 0
    for number, raw in enumerate(source, start=1):
        if not raw.strip():
            continue
        record, error = classify_line(raw.rstrip(b"\r\n"))
        if error is not None:
            status = EXIT_BAD_INPUT
            print(
                f"bot.safety: line {number}: {error}; expected "
                '{"text": "..."} (red_flag is null unless the raw line shows a sign)',
                file=err,
                flush=True,
            )
            record = {"line": number, **record}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()
    return status


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run it."""
    parser = argparse.ArgumentParser(prog="python -m bot.safety")
    commands = parser.add_subparsers(dest="command", required=True)
    classify = commands.add_parser(
        "classify", help="flag respiratory or bulbar warning signs"
    )
    classify.add_argument(
        "--jsonl",
        action="store_true",
        required=True,
        help='read {"text": ...} JSON lines on stdin, write one result per line',
    )
    evaluate = commands.add_parser(
        "evaluate", help="score a labelled JSON-lines set: recall, specificity"
    )
    evaluate.add_argument(
        "file", help='JSON lines {"text": ..., "red_flag": bool, "kind": ...}'
    )
    evaluate.add_argument(
        "--rest",
        metavar="URL",
        help="send each message to this Rasa REST webhook as a new conversation "
        "(e.g. http://localhost:5005/webhooks/rest/webhook) instead of the CLI path",
    )
    args = parser.parse_args(argv)
    if args.command == "evaluate":
        from bot.safety.evaluate import main as evaluate_main

        return evaluate_main(args.file, args.rest)
    return classify_stream(sys.stdin.buffer, sys.stdout, sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
