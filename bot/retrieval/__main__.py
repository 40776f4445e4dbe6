"""Command line for the retriever.

python -m bot.retrieval search -k 3 --jsonl < queries.jsonl
    stdin: one {"query": "..."} per line; stdout: one line per query, in
    order: {"query", "abstained", "results": [{"passage_id", "source",
    "section", "text", "score"}]} (results are listed even when abstained).
    A bad line is reported on stderr with its line number and skipped; the
    exit status is then 1, after every good line was answered.
python -m bot.retrieval search "how do I relieve a cramp?"
    the same search, printed for people.
python -m bot.retrieval eval FILE.jsonl [...] [--baseline]
    hit@3, MRR and abstention rates on eval sets (see bot.retrieval.evaluate);
    --baseline measures the naive baseline instead.
python -m bot.retrieval train [FILE.jsonl ...]
    fit the ranking and abstention weights on dev sets (default: every set in
    tests/retrieval/data/) and write bot/retrieval/fusion_weights.json.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Iterable, TextIO

from bot.corpus.sources import CorpusError


def search_jsonl(
    retriever, lines: Iterable[str], k: int, out: TextIO, err: TextIO
) -> int:
    """Answer each JSON line; returns how many lines were bad."""
    bad = 0
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            query = _query_of(line)
            result = retriever.search(query, k=k)
        except ValueError as exc:
            bad += 1
            print(
                f'error: line {number}: {exc}; expected {{"query": "your question"}}',
                file=err,
                flush=True,
            )
            continue
        record = {
            "query": query,
            "abstained": result.abstained,
            "results": [p.to_json() for p in result.passages],
        }
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()
    return bad


def _query_of(line: str) -> str:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(data, dict) or "query" not in data:
        raise ValueError("no `query` field")
    if not isinstance(data["query"], str) or not data["query"].strip():
        raise ValueError("`query` must be a non-empty string")
    return data["query"]


def _print_for_people(result) -> None:
    verdict = "ABSTAINED" if result.abstained else "answered"
    print(f"{verdict}: {result.reason}")
    for rank, p in enumerate(result.passages, 1):
        print(f"\n{rank}. {p.score:.3f}  {p.passage_id}  [{p.section}]")
        print("   " + p.text.replace("\n", "\n   "))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.retrieval")
    commands = parser.add_subparsers(dest="command", required=True)
    search = commands.add_parser("search", help="search the corpus")
    search.add_argument("-k", type=int, default=3, help="passages per query (3)")
    search.add_argument("--jsonl", action="store_true", help="JSON lines on stdin")
    search.add_argument("query", nargs="*", help="a question (without --jsonl)")
    evaluate = commands.add_parser("eval", help="measure quality on eval sets")
    evaluate.add_argument("files", nargs="+")
    evaluate.add_argument(
        "--baseline",
        action="store_true",
        help="measure the plain baseline (paragraphs + MiniLM + flat index) instead",
    )
    train = commands.add_parser("train", help="fit ranking/abstention weights")
    train.add_argument(
        "files", nargs="*", help="dev sets (default: tests/retrieval/data)"
    )
    args = parser.parse_args(argv)
    if args.command == "search":
        if args.k < 1:
            parser.error("-k must be at least 1")
        if not args.jsonl and not args.query:
            parser.error(
                'give a question, or --jsonl with {"query": ...} lines on stdin'
            )
    from bot import settings as settings_module
    from bot.retrieval import Retriever
    from bot.retrieval.evaluate import PlainBaseline

    if args.command == "train":
        return _train(args.files)
    try:
        if args.command == "eval" and args.baseline:
            settings = settings_module.load()
            retriever = PlainBaseline(settings.corpus_dir, settings.embedding_model)
        else:
            retriever = Retriever.load()
    except CorpusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.command == "eval":
        from bot.retrieval.evaluate import evaluate as run_eval
        from bot.retrieval.evaluate import read_eval_set

        for path in args.files:
            report = run_eval(retriever, read_eval_set(path))
            print(f"{path}: {report.line()}")
            for miss in report.misses:
                print(f"  {miss}")
        return 0
    if args.jsonl:
        bad = search_jsonl(retriever, sys.stdin, args.k, sys.stdout, sys.stderr)
        return 1 if bad else 0
    _print_for_people(retriever.search(" ".join(args.query), k=args.k))
    return 0


def _train(files: list) -> int:
    from pathlib import Path

    from bot.retrieval import Retriever
    from bot.retrieval.fusion import WEIGHTS_FILE, save_weights
    from bot.retrieval.learn import default_files, train

    paths = [Path(f) for f in files] or default_files()
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        print(f"error: no such dev set: {', '.join(missing)}", file=sys.stderr)
        return 2
    weights = train(Retriever.load(), paths)
    save_weights(weights)
    print(f"wrote {WEIGHTS_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
