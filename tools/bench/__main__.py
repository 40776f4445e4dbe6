"""`python -m tools.bench [NAME ...]` runs every benchmark module, or the named ones."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import time

import tools.bench


def available() -> list[str]:
    return sorted(
        m.name
        for m in pkgutil.iter_modules(tools.bench.__path__)
        if m.name != "__main__"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench")
    parser.add_argument("names", nargs="*", help=f"any of: {', '.join(available())}")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.names) - set(available()))
    if unknown:
        parser.error(f"no benchmark named {unknown}; choose from {available()}")
    for name in args.names or available():
        module = importlib.import_module(f"tools.bench.{name}")
        print(f"== {name}", flush=True)
        started = time.perf_counter()
        module.run(args)
        print(f"   ({time.perf_counter() - started:.1f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
