"""`python -m tools.bench [NAME ...]` runs every benchmark module, or the named
ones, prints their figures and writes them to docs/benchmarks.md."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import time

import tools.bench
from tools.bench import report


def available() -> list[str]:
    return sorted(
        m.name
        for m in pkgutil.iter_modules(tools.bench.__path__)
        if m.name not in ("__main__", "report", "machine")
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench")
    parser.add_argument("names", nargs="*", help=f"any of: {', '.join(available())}")
    parser.add_argument(
        "--no-write",
        action="store_true",
        help=f"print only; leave {report.DOC.relative_to(report.ROOT)} as it is",
    )
    args = parser.parse_args(argv)
    unknown = sorted(set(args.names) - set(available()))
    if unknown:
        parser.error(f"no benchmark named {unknown}; choose from {available()}")
    for name in args.names or available():
        module = importlib.import_module(f"tools.bench.{name}")
        print(f"== {name}", flush=True)
        started = time.perf_counter()
        with report.Tee() as output:
            module.run(args)
        seconds = time.perf_counter() - started
        print(f"   ({seconds:.1f} s)", flush=True)
        # Written as each benchmark ends, so a run cut short keeps what it measured.
        if not args.no_write:
            path = report.write({name: report.Section(name, output.text(), seconds)})
            print(f"   figures written to {path.relative_to(report.ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
