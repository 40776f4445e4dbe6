"""`python -m bot.corpus build [--force]`: build the index (and the safety layer's
ONNX encoder) if a source or the model changed; `python -m bot.corpus passages`:
list the passages of the current build."""

from __future__ import annotations

import argparse
import sys

from bot import settings as settings_module
from bot.corpus.build import build, paths_from_settings, read_passages
from bot.corpus.sources import CorpusError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.corpus")
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="build the index if out of date")
    build_cmd.add_argument("--force", action="store_true", help="rebuild anyway")
    commands.add_parser("passages", help="print id, section and start of each passage")
    args = parser.parse_args(argv)
    settings = settings_module.load()
    paths = paths_from_settings(settings)
    try:
        if args.command == "build":
            build(paths, settings.embedding_model, force=args.force)
            # The ONNX copy of the encoder (for the safety layer in the Rasa server) is
            # built with the index it sits beside.
            from bot.corpus.onnx_encoder import ensure

            ensure(paths.build_dir, force=args.force)
            return 0
        build(paths, settings.embedding_model, progress=lambda _: None)
        for p in read_passages(paths):
            print(f"{p.passage_id}\t{p.section}\t{p.text[:70]!r}")
        return 0
    except CorpusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
