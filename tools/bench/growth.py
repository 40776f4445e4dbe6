"""Growth benchmark: does a message cost more as the conversation goes on?

RUNS conversations of TURNS turns over REST (a health question, then "thanks",
and so on), one after the other, each under a new sender, against the stack as
`make run` starts it, one message at a time. Each prints the p50 of turns 1-50,
101-150 and 251-300, the p50 of the last 50 over the p50 of the first 50, and
the Rasa server's CPU time per message in those two spans. The figure is the
median of the RUNS ratios (the goal: <= GOAL). Both spans of a ratio come from
the same conversation, so the machine's speed cancels out; its load does not
(the VM shares its two cores with other work), which is why one ratio moved
between x0.95 and x1.80 on the same code, and why the median of several is the
figure and the CPU time is shown beside it. The conversations start once the
standby Rasa server has loaded: started when the first one is ready, it imports
TensorFlow and loads the model on the other core for 30 s or more, as long as a
whole conversation took (40-80 ms of CPU per turn, most during the first 50).
A conversation of WARMUP_TURNS goes first, not measured. Time-boxed: a
conversation stops after TIME_LIMIT seconds and says so.
"""

from __future__ import annotations

import statistics
import time
import uuid
from pathlib import Path
from typing import Callable, List, Tuple

from bot.settings import ROOT

TURNS = 300
SPAN = 50
GOAL = 1.3
RUNS = 3
# A short conversation first, not measured: a new server's first messages pay
# one-time costs (first model calls, first action), which are no cost of length.
WARMUP_TURNS = 12
TIME_LIMIT = 240
STANDBY_TIMEOUT = 300
# The standby Rasa server's line once it has loaded (bot.serve.standby).
STANDBY_LOADED = "loaded; standing by for the port"
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
    port: int,
    sender: str,
    turns: int = TURNS,
    limit: float = TIME_LIMIT,
    probe: Callable[[], float] | None = None,
) -> Tuple[List[float], List[float]]:
    """Seconds per turn of one conversation, stopping early at `limit` seconds;
    and `probe()` read before the first turn and after each (if given)."""
    import requests

    url = f"http://127.0.0.1:{port}/webhooks/rest/webhook"
    session = requests.Session()
    latencies: List[float] = []
    readings: List[float] = [probe()] if probe else []
    deadline = time.monotonic() + limit
    for text in script(turns):
        started = time.perf_counter()
        response = session.post(
            url, json={"sender": sender, "message": text}, timeout=60
        )
        latencies.append(time.perf_counter() - started)
        if probe:
            readings.append(probe())
        if response.status_code != 200 or not response.json():
            raise RuntimeError(f"turn {len(latencies)}: HTTP {response.status_code}, "
                               f"reply {response.text[:80]!r}")  # fmt: skip
        if time.monotonic() > deadline:
            break
    return latencies, readings


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


def per_message_ms(readings: List[float], first: int, last: int) -> float:
    """Seconds of CPU read before turn `first` and after turn `last` (1-based,
    inclusive), as milliseconds per turn."""
    return (readings[last] - readings[first - 1]) / (last - first + 1) * 1000


def _span_text(figures: dict) -> str:
    return ", ".join(
        f"turns {span} p50 {ms:.0f} ms"
        for span, ms in figures.items()
        if span not in ("growth", "turns", "cpu")
    )


def report(runs: List[dict]) -> dict:
    """Print each conversation's figures and the median ratio; the verdict."""
    for n, figures in enumerate(runs, 1):
        cpu = ""
        if figures.get("cpu"):
            first, last = figures["cpu"]
            cpu = (
                f"; Rasa server CPU per message {first:.1f} -> {last:.1f} ms "
                f"(x{last / first:.2f})"
            )
        print(
            f"   conversation {n}: {_span_text(figures)}: x{figures['growth']:.2f}{cpu}"
        )
    growth = statistics.median(figures["growth"] for figures in runs)
    complete = len(runs) == RUNS and all(f["turns"] == TURNS for f in runs)
    verdict = "met" if growth <= GOAL and complete else "NOT met"
    print(
        f"   growth: p50 of the last {SPAN} turns / p50 of the first {SPAN}, "
        f"median of {len(runs)} conversations: x{growth:.2f} (goal <= {GOAL}: "
        f"{verdict})"
    )
    for n, figures in enumerate(runs, 1):
        if figures["turns"] < TURNS:
            print(
                f"   conversation {n} stopped after {TIME_LIMIT} s at turn "
                f"{figures['turns']} of {TURNS}"
            )
    return {"growth": growth, "runs": runs}


def measure(
    port: int, senders: List[str], probe: Callable[[], float] | None = None
) -> dict:
    """Run the long conversations against a ready server and print the figures."""
    print(
        f"   {len(senders)} conversations of {TURNS} turns over REST, one after "
        f"the other, each a new sender, after {WARMUP_TURNS} turns of warm-up"
    )
    talk(port, f"{senders[0]}-warm-up", turns=WARMUP_TURNS)
    runs = []
    for sender in senders:
        latencies, readings = talk(port, sender, probe=probe)
        figures = summary(latencies)
        n = len(latencies)
        if readings and n >= 2 * SPAN:
            figures["cpu"] = (
                per_message_ms(readings, 1, SPAN),
                per_message_ms(readings, n - SPAN + 1, n),
            )
        runs.append(figures)
    return report(runs)


def reads(db: Path, sender: str) -> None:
    """What one more message would read from the stored conversation: events
    and time, with Rasa's own SQL store and with the windowed one (its first
    read, then reads with the session's skeleton kept, as a server reads)."""
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
        asyncio.run(store.retrieve(f"{sender}-none"))  # connect first
        started = time.perf_counter()
        asyncio.run(store.retrieve(sender))
        first_ms = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        for _ in range(5):
            tracker = asyncio.run(store.retrieve(sender))
        ms = (time.perf_counter() - started) / 5 * 1000
        states = len(tracker.past_states(domain))
        timing = f"{ms:.0f} ms to read"
        if cls is WindowedSQLTrackerStore:
            timing = f"{first_ms:.0f} ms to read first, then {ms:.1f} ms"
        print(
            f"   after the run, {name}: reads {len(tracker.events)} events, "
            f"{states} dialogue states to featurise, {timing}"
        )


def wait_for_standby(process, log: Path) -> None:
    """Return once the standby Rasa server has loaded, if the stack has one."""
    from bot import settings

    if not settings.load().standby:
        return
    deadline = time.monotonic() + STANDBY_TIMEOUT
    while STANDBY_LOADED not in log.read_text(errors="replace"):
        if process.poll() is not None:
            raise RuntimeError(f"the stack exited early; see {log}")
        if time.monotonic() > deadline:
            print(f"   the standby server had not loaded after {STANDBY_TIMEOUT} s")
            return
        time.sleep(1)


def server_cpu(launcher_pid: int, port: int) -> Callable[[], float] | None:
    """Seconds of CPU the Rasa server on `port` has used so far, as a function;
    None where its process cannot be found."""
    import psutil

    for child in psutil.Process(launcher_pid).children(recursive=True):
        try:
            listening = any(
                c.status == psutil.CONN_LISTEN and c.laddr.port == port
                for c in child.net_connections(kind="tcp")
            )
        except psutil.Error:
            continue
        if listening:

            def used(process=child) -> float:
                times = process.cpu_times()
                return times.user + times.system

            return used
    return None


def run(args) -> dict:
    """Start the stack as `make run` does, talk RUNS times TURNS turns, stop it."""
    from tools.bench.load import _start_launcher, _stop, _wait_ready

    workdir: Path = ROOT / ".run" / "bench"
    workdir.mkdir(parents=True, exist_ok=True)
    db = workdir / "growth-tracker.db"
    db.unlink(missing_ok=True)
    senders = [f"growth-{uuid.uuid4().hex[:10]}" for _ in range(RUNS)]
    # One scripted client sends 300 turns back to back under one sender id,
    # faster than the per-sender flood limit lets a person type; the limit is
    # measured by the flood part, not here.
    process, port, log = _start_launcher(
        workdir, "growth", {"FLOOD_MAX_PER_SENDER": "1000000"}
    )
    try:
        _wait_ready(process, f"http://127.0.0.1:{port}/", log)
        wait_for_standby(process, log)
        time.sleep(2)
        figures = measure(port, senders, server_cpu(process.pid, port))
    finally:
        _stop(process)
    reads(db, senders[-1])
    return figures
