"""Detector speed: p50 and p95 per message over the dev sets and our own cases.

Every message is timed on its own (time.perf_counter around one detect()),
with both layers (rules, then the semantic layer when the rules find nothing)
and with the rules alone. The first pass is reported apart: it fills the
typo-correction cache, as a fresh server's first messages do. Also the load
time and the RSS the semantic layer adds to a process (ONNX model and bank).
Goals: p50 <= 15 ms with the semantic layer; p50 under 1 ms for the rules.
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
    ROOT / "tests" / "safety" / "data" / "dev_patients.jsonl",
    ROOT / "tests" / "safety" / "data" / "blind_a.jsonl",
]
REPETITIONS = 3


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


def _rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def run(args) -> None:
    """Print load time, RSS added, first-pass and steady-state p50/p95."""
    from functools import partial

    started = time.perf_counter()
    from bot.safety import detect, detector

    detector._pipeline()
    rules_s = time.perf_counter() - started
    before = _rss_mb()
    started = time.perf_counter()
    detector._semantic_layer()
    semantic_s = time.perf_counter() - started
    added = _rss_mb() - before
    texts = _texts(SETS)
    ms = 1000.0
    print(f"   messages: {len(texts)} ({', '.join(p.name for p in SETS)})")
    print(f"   spaCy import + pipeline build: {rules_s:.2f} s (once per process)")
    print(
        f"   semantic layer load (ONNX model + bank): {semantic_s:.2f} s, "
        f"+{added:.0f} MB RSS"
    )
    for name, fn, goal in (
        ("rules + semantic", detect, "15 ms"),
        ("rules only", partial(detect, semantic=False), "1 ms"),
    ):
        first = _timed(texts, fn)
        steady: List[float] = []
        for _ in range(REPETITIONS):
            steady += _timed(texts, fn)
        print(
            f"   {name}, first pass:  p50 {_percentile(first, 0.5) * ms:.3f} ms, "
            f"p95 {_percentile(first, 0.95) * ms:.3f} ms"
        )
        print(
            f"   {name}, x{REPETITIONS} passes: "
            f"p50 {_percentile(steady, 0.5) * ms:.3f} ms, "
            f"p95 {_percentile(steady, 0.95) * ms:.3f} ms, "
            f"mean {statistics.fmean(steady) * ms:.3f} ms, "
            f"max {max(steady) * ms:.3f} ms (goal: p50 <= {goal})"
        )
