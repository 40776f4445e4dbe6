"""Detector speed: p50 and p95 per message over the dev set and our own cases.

Every message is timed on its own (time.perf_counter around one detect()).
The first pass is reported apart: it fills the typo-correction cache, as a
fresh server's first messages do. Goal: p50 under 1 ms.
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path
from typing import List

from bot.settings import ROOT

SETS = [
    ROOT / "tests" / "safety" / "safety_dev.jsonl",
    ROOT / "tests" / "safety" / "safety_cases.jsonl",
]
REPETITIONS = 50


def _texts(paths: List[Path]) -> List[str]:
    return [
        json.loads(line)["text"]
        for path in paths
        for line in path.read_text().splitlines()
        if line.strip()
    ]


def _percentile(values: List[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _timed(texts: List[str], detect) -> List[float]:
    out = []
    for text in texts:
        started = time.perf_counter()
        detect(text)
        out.append(time.perf_counter() - started)
    return out


def run(args) -> None:
    """Print load time, first-pass and steady-state p50/p95 per message."""
    started = time.perf_counter()
    from bot.safety import detect, warm_up

    warm_up()
    load_s = time.perf_counter() - started
    texts = _texts(SETS)
    first = _timed(texts, detect)
    steady: List[float] = []
    for _ in range(REPETITIONS):
        steady += _timed(texts, detect)
    ms = 1000.0
    print(f"   messages: {len(texts)} ({', '.join(p.name for p in SETS)})")
    print(f"   spaCy import + pipeline build: {load_s:.2f} s (once per process)")
    print(
        f"   first pass:  p50 {_percentile(first, 0.5) * ms:.3f} ms, "
        f"p95 {_percentile(first, 0.95) * ms:.3f} ms"
    )
    print(
        f"   x{REPETITIONS} passes: p50 {_percentile(steady, 0.5) * ms:.3f} ms, "
        f"p95 {_percentile(steady, 0.95) * ms:.3f} ms, "
        f"mean {statistics.fmean(steady) * ms:.3f} ms, "
        f"max {max(steady) * ms:.3f} ms (goal: p50 < 1 ms)"
    )
