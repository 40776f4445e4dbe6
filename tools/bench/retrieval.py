"""Retrieval speed: model load, index build, and search latency against the bare
`model.encode` of the same queries in the same run (target: search p50 <= 1.3x
encode p50, i.e. everything besides the embedding costs under 30%)."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import Callable, List

from bot import settings as settings_module
from bot.corpus.build import BuildPaths, build, paths_from_settings
from bot.retrieval.evaluate import read_eval_set
from bot.settings import ROOT

DEV_SET = ROOT / "tests" / "retrieval" / "data" / "retrieval_dev.jsonl"
ROUNDS = 5


def _queries() -> List[str]:
    print(f"   queries: {DEV_SET.name}")
    return [row["query"] for row in read_eval_set(DEV_SET)]


def _percentiles(samples: List[float]) -> tuple:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def _time(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def run(args) -> None:
    """Print model load, index build, and search vs encode latency."""
    from bot.corpus.embedder import load_model
    from bot.retrieval import Retriever

    settings = settings_module.load()
    model_setting = settings.embedding_model
    seconds = _time(lambda: load_model(model_setting))
    print(f"   model load (first use in a process): {seconds:.2f} s")

    paths = paths_from_settings(settings)
    with tempfile.TemporaryDirectory() as tmp:
        scratch = BuildPaths(paths.corpus_dir, Path(tmp) / "build")
        seconds = _time(
            lambda: build(scratch, model_setting, force=True, progress=lambda _: None)
        )
    print(f"   index build (model loaded): {seconds:.2f} s")

    seconds = _time(lambda: Retriever.load())
    print(f"   retriever load (index, passages, BM25; model loaded): {seconds:.2f} s")

    retriever = Retriever.load()
    model = load_model(model_setting)
    queries = _queries()
    for query in queries[:3]:  # warm caches and torch's first-call set-up
        retriever.search(query)
        model.encode([query])
    search_times, encode_times, own_times = [], [], []
    for round_number in range(ROUNDS):
        for query in queries:
            # Interleaved, alternating which goes first, so all see the same
            # machine load (the machine is shared; its load drifts).
            def encode(q=query):
                return _time(lambda: model.encode([q], normalize_embeddings=True))

            def own(q=query):
                # The retriever's own query encoder alone (the ONNX copy for
                # the packaged model): what a search costs beyond encoding.
                return _time(lambda: retriever.embedder([q]))

            def search(q=query):
                return _time(lambda: retriever.search(q, k=3))

            timed = [(search, search_times), (encode, encode_times), (own, own_times)]
            if round_number % 2:
                timed.reverse()
            for call, times in timed:
                times.append(call())
    search_p50, search_p95 = _percentiles(search_times)
    encode_p50, encode_p95 = _percentiles(encode_times)
    n = len(queries)
    print(f"   search k=3, {n} queries x {ROUNDS}: p50 {search_p50:.1f} ms, "
          f"p95 {search_p95:.1f} ms")  # fmt: skip
    print(f"   bare model.encode, same queries: p50 {encode_p50:.1f} ms, "
          f"p95 {encode_p95:.1f} ms")  # fmt: skip
    ratio = search_p50 / encode_p50
    paired = statistics.median(
        s / e for s, e in zip(search_times, encode_times, strict=True)
    )
    print(f"   paired per-query search/encode, median: {paired:.2f}")
    own_p50, own_p95 = _percentiles(own_times)
    own_ratio = search_p50 / own_p50
    print(f"   the retriever's own query encoder alone: p50 {own_p50:.1f} ms, "
          f"p95 {own_p95:.1f} ms; search p50 / it = {own_ratio:.2f}")  # fmt: skip
    verdict = "meets" if ratio <= 1.3 else "MISSES"
    print(f"   search p50 / encode p50 = {ratio:.2f} ({verdict} the 1.3x target)")
