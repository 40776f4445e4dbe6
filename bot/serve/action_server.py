"""The action server, ready for its first question.

`python -m bot.serve.action_server --actions actions --port 5055` is rasa_sdk's own
command line (`rasa run actions` runs the same), after a warm-up: rasa_sdk has
no start-up hook, so without it the first health question after every start
waited about 4 s for the embedding model and the index to load (with N action
servers, N patients waited). The warm-up loads them, then freezes everything
loaded so far out of the garbage collector's sight (`gc.freeze()`): each full
collection would otherwise walk the model's and the index's objects again. The
launcher and the action-server container use it. With RASA_PORT_LOCK set it binds
its port only once it holds that lock, so a loaded standby takes over at once
when the active one dies (bot.serve.standby).
"""

from __future__ import annotations

import gc
import logging
import sys
import time


def warm_up() -> None:
    """Load the retriever (model, index, passages) once, before serving.

    Exits with a message naming the fix when the index or model cannot load:
    every health question would fail otherwise.
    """
    from bot import settings
    from bot.retrieval import Retriever
    from bot.serve import preflight

    started = time.perf_counter()
    try:
        preflight.check_index(settings.load())
        Retriever.load()
    except (preflight.NotReady, RuntimeError, ValueError, OSError) as exc:
        print(f"action server: cannot start: {exc}", file=sys.stderr, flush=True)
        sys.exit(1)
    gc.collect()
    gc.freeze()
    print(
        f"action server: retriever loaded in {time.perf_counter() - started:.1f} s",
        flush=True,
    )


def main(argv: list[str] | None = None) -> None:
    """Warm up, then hand the command line to rasa_sdk."""
    from rasa_sdk.__main__ import main_from_args
    from rasa_sdk.endpoint import create_argument_parser

    from bot import settings
    from bot.serve import standby

    args = create_argument_parser().parse_args(argv)
    # `rasa run actions` took the level from LOG_LEVEL (bot.settings); rasa_sdk's
    # own parser does not, so a flag (-vv, --quiet) wins, then LOG_LEVEL.
    level = settings.load().log_level
    if args.loglevel == logging.INFO and isinstance(logging.getLevelName(level), int):
        args.loglevel = logging.getLevelName(level)
    warm_up()
    # With a standby, only the holder of the port lock serves (bot.serve.standby).
    standby.wait_for_port_lock("action server")
    main_from_args(args)


if __name__ == "__main__":
    main()
