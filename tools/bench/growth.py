"""Growth benchmark: does a message cost more as the conversation goes on?

One conversation of TURNS turns over REST (a health question, then "thanks",
and so on) against the stack as `make run` starts it, one message at a time.
Prints the p50 of turns 1-50, 101-150 and 251-300, and the p50 of the last 50
over the p50 of the first 50 (the goal: <= GOAL). Both figures come from the
same run, so the machine's speed cancels out. Time-boxed: stops after
TIME_LIMIT seconds and says so.
"""

from __future__ import annotations

import statistics
import time
import uuid
from pathlib import Path
from typing import List

from bot.settings import ROOT

TURNS = 300
SPAN = 50
GOAL = 1.3
TIME_LIMIT = 240
QUESTIONS = [
    "how do I relieve a calf cramp?",
    "why do my muscles twitch?",
    "what helps with neck tension?",
    "is stretching good for cramps?",
    "what causes muscle spasms?",
    "can magnesium help with cramps?",
]


def script(turns: int = TURNS) -> List[str]:
    """A health question, then "thanks", and so on."""
    return [
        QUESTIONS[(i // 2) % len(QUESTIONS)] if i % 2 == 0 else "thanks"
        for i in range(turns)
    ]


def talk(
    port: int, sender: str, turns: int = TURNS, limit: float = TIME_LIMIT
) -> List[float]:
    """Seconds per turn of one conversation; stops early at `limit` seconds."""
    import requests

    url = f"http://127.0.0.1:{port}/webhooks/rest/webhook"
    session = requests.Session()
    latencies: List[float] = []
    deadline = time.monotonic() + limit
    for text in script(turns):
        started = time.perf_counter()
        response = session.post(
            url, json={"sender": sender, "message": text}, timeout=60
        )
        latencies.append(time.perf_counter() - started)
        if response.status_code != 200 or not response.json():
            raise RuntimeError(f"turn {len(latencies)}: HTTP {response.status_code}, "
                               f"reply {response.text[:80]!r}")  # fmt: skip
        if time.monotonic() > deadline:
            break
    return latencies


def p50_ms(latencies: List[float], first: int, last: int) -> float:
    """The median of turns first..last (1-based, inclusive), in milliseconds."""
    return statistics.median(latencies[first - 1 : last]) * 1000


def summary(latencies: List[float]) -> dict:
    """The figures printed and written to docs/benchmarks.md."""
    n = len(latencies)
    spans = [(1, SPAN), (101, 150), (n - SPAN + 1, n)]
    figures = {f"{a}-{b}": p50_ms(latencies, a, b) for a, b in spans if b <= n}
    figures["growth"] = p50_ms(latencies, n - SPAN + 1, n) / p50_ms(latencies, 1, SPAN)
    figures["turns"] = n
    return figures


def report(figures: dict) -> None:
    spans = ", ".join(
        f"turns {span} p50 {ms:.0f} ms"
        for span, ms in figures.items()
        if span not in ("growth", "turns")
    )
    print(f"   one conversation, {figures['turns']} turns over REST: {spans}")
    verdict = (
        "met" if figures["growth"] <= GOAL and figures["turns"] == TURNS else "NOT met"
    )
    print(
        f"   growth: p50 of the last {SPAN} turns / p50 of the first {SPAN}: "
        f"x{figures['growth']:.2f} (goal <= {GOAL}: {verdict})"
    )
    if figures["turns"] < TURNS:
        print(f"   stopped after {TIME_LIMIT} s at turn {figures['turns']} of {TURNS}")


def measure(port: int, sender: str) -> dict:
    """Run the long conversation against a ready server and print its figures."""
    figures = summary(talk(port, sender))
    report(figures)
    return figures


def reads(db: Path, sender: str) -> None:
    """What one more message would read from the stored conversation: events
    and time, with Rasa's own SQL store and with the windowed one."""
    import asyncio

    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain

    import bot.patches
    from bot.rasa_plugins.tracker_store import WindowedSQLTrackerStore

    bot.patches.install()  # as in the Rasa server: event types looked up once
    domain = Domain.load(str(ROOT / "domain.yml"))
    for name, cls in (("Rasa's SQL store", SQLTrackerStore),
                      ("windowed store", WindowedSQLTrackerStore)):  # fmt: skip
        store = cls(domain, dialect="sqlite", db=str(db))
        asyncio.run(store.retrieve(sender))  # connect first
        started = time.perf_counter()
        for _ in range(5):
            tracker = asyncio.run(store.retrieve(sender))
        ms = (time.perf_counter() - started) / 5 * 1000
        states = len(tracker.past_states(domain))
        print(
            f"   after the run, {name}: reads {len(tracker.events)} events, "
            f"{states} dialogue states to featurise, {ms:.0f} ms to read"
        )


def run(args) -> dict:
    """Start the stack as `make run` does, talk for TURNS turns, stop it."""
    from tools.bench.load import _start_launcher, _stop, _wait_ready

    workdir: Path = ROOT / ".run" / "bench"
    workdir.mkdir(parents=True, exist_ok=True)
    db = workdir / "growth-tracker.db"
    db.unlink(missing_ok=True)
    sender = f"growth-{uuid.uuid4().hex[:10]}"
    # One scripted client sends 300 turns back to back under one sender id,
    # faster than the per-sender flood limit lets a person type; the limit is
    # measured by the flood part, not here.
    process, port, log = _start_launcher(
        workdir, "growth", {"FLOOD_MAX_PER_SENDER": "1000000"}
    )
    try:
        _wait_ready(process, f"http://127.0.0.1:{port}/", log)
        time.sleep(2)
        figures = measure(port, sender)
    finally:
        _stop(process)
    reads(db, sender)
    return figures
