"""Single-user benchmark: what one message costs with nobody else talking.

REPEATS conversations of the load benchmark's script against this assistant
as `make run` starts it and against the stock `rasa init` bot, both servers up,
one conversation at a time, taking turns (ours, stock, ours, ...), so that both
meet the same machine load. Prints each p50 and their ratio (target <= GOAL).
A few minutes, most of it starting the servers: the quick check of the
single-user target, which `load` also measures among its longer runs.
"""

from __future__ import annotations

import time
from pathlib import Path

from bot.settings import ROOT

REPEATS = 3
GOAL = 1.3


def run(args) -> dict:
    """Both servers up; conversations alone, taking turns; the p50 of each."""
    from tools.bench.load import (
        OUR_SCRIPT,
        STOCK_SCRIPT,
        Result,
        _start_launcher,
        _stop,
        _wait_ready,
        load,
        report,
        start_stock,
    )

    workdir: Path = ROOT / ".run" / "bench"
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "solo-tracker.db").unlink(missing_ok=True)
    started = []
    try:
        started.append(
            ("this assistant", *_start_launcher(workdir, "solo", {}), OUR_SCRIPT)
        )
        started.append(("stock rasa init", *start_stock(workdir), STOCK_SCRIPT))
        for _, process, port, log, _ in started:
            _wait_ready(process, f"http://127.0.0.1:{port}/", log)
        time.sleep(2)
        results = {name: Result(name, users=1) for name, *_ in started}
        for repeat in range(REPEATS + 1):
            for name, process, port, _, script in started:
                one = load(name, [process.pid], [port], script, users=1)
                if repeat:  # the first round warms up and is not counted
                    results[name].latencies += one.latencies
                    results[name].errors += one.errors
                    results[name].wall += one.wall
    finally:
        for _, process, *_ in started:
            _stop(process)
    for result in results.values():
        report(result)
    p50 = {name: result.percentile(0.5) for name, result in results.items()}
    ratio = p50["this assistant"] / p50["stock rasa init"]
    verdict = (
        "met"
        if ratio <= GOAL and not any(r.errors for r in results.values())
        else "NOT met"
    )
    print(
        f"   one user alone, p50: {p50['this assistant'] * 1000:.0f} ms vs stock "
        f"{p50['stock rasa init'] * 1000:.0f} ms = x{ratio:.2f} "
        f"(target <= x{GOAL}: {verdict})"
    )
    return {"ratio": ratio, **p50}
