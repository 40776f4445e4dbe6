"""Flood benchmark: other people's latency while one client floods the bot.

The 20x20 REST load of tools/bench/load.py runs against one stack (as `make run`
starts it) twice per round: alone, then with one flooding client sending as fast
as it can from its own address (127.0.0.2, so the loopback exemption for a local
reverse proxy does not cover it) under one sender id. Flooded messages past
FLOOD_MAX_PER_SENDER in FLOOD_WINDOW_SECONDS get 429 "slow down" and are not
processed. Prints the p95 of the 20 conversations with and without the flood
(medians of load.RUNS rounds) and what the flooder got back.
"""

from __future__ import annotations

import http.client
import json
import threading
import time
import uuid
from typing import Dict, List

from bot.settings import ROOT
from tools.bench import load

FLOODER_ADDRESS = "127.0.0.2"


def post_from(
    address: str, port: int, sender: str, message: str, timeout: float = 60
) -> tuple:
    """POST one REST message from a given local source address: (status, body)."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=timeout, source_address=(address, 0)
    )
    try:
        connection.request(
            "POST",
            "/webhooks/rest/webhook",
            body=json.dumps({"sender": sender, "message": message}),
            headers={"Content-Type": "application/json"},
        )
        response = connection.getresponse()
        return response.status, json.loads(response.read() or b"null")
    finally:
        connection.close()


class Flooder(threading.Thread):
    """Sends `message` back to back until stopped; counts the answers by status."""

    def __init__(self, port: int, message: str = "how do I relieve a calf cramp?"):
        super().__init__(daemon=True, name="flooder")
        self.port = port
        self.message = message
        self.statuses: Dict[int, int] = {}
        self.stopped = threading.Event()

    def run(self) -> None:
        sender = f"flood-{uuid.uuid4().hex[:8]}"
        while not self.stopped.is_set():
            try:
                status, _ = post_from(FLOODER_ADDRESS, self.port, sender, self.message)
            except OSError:
                status = 0
            self.statuses[status] = self.statuses.get(status, 0) + 1

    @property
    def sent(self) -> int:
        return sum(self.statuses.values())


def _loaded(process, port: int, flood: bool) -> tuple:
    flooder = Flooder(port) if flood else None
    if flooder:
        flooder.start()
        time.sleep(1)  # the flooder is refused by now
    name = "20x20 with one flooding client" if flood else "20x20 alone"
    result = load.load(name, [process.pid], [port], load.OUR_SCRIPT, load.USERS)
    if flooder:
        flooder.stopped.set()
        flooder.join()
    return result, flooder


def run(args) -> None:
    """p95 of the 20x20 load with and without one flooding client."""
    workdir = ROOT / ".run" / "bench"
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "flood-tracker.db").unlink(missing_ok=True)
    process, port, log = load._start_launcher(workdir, "flood", {})
    alone: List[load.Result] = []
    flooded: List[load.Result] = []
    try:
        load._wait_ready(process, f"http://127.0.0.1:{port}/", log)
        time.sleep(2)
        for _ in range(load.RUNS):
            result, _ = _loaded(process, port, flood=False)
            load.report(result)
            alone.append(result)
            result, flooder = _loaded(process, port, flood=True)
            load.report(result)
            rate = flooder.sent / result.wall if result.wall else 0.0
            print(
                f"     flooder: {flooder.sent} messages ({rate:.0f}/s), "
                f"answers by status {dict(sorted(flooder.statuses.items()))}"
            )
            flooded.append(result)
    finally:
        load._stop(process)
    without = load.Series("20x20 alone", alone)
    with_flood = load.Series("20x20 with one flooding client", flooded)
    for series in (without, with_flood):
        load.report_series(series)
    print(
        f"   p95 without flood {without.p95 * 1000:.0f} ms, with one flooding "
        f"client {with_flood.p95 * 1000:.0f} ms; errors {with_flood.errors}"
    )
