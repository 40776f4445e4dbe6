"""The launcher's daily purge runs at once, repeats, and survives a failure."""

from __future__ import annotations

import threading
import time

import sqlalchemy as sa

from bot import settings as settings_module
from bot.privacy import retention
from tests.privacy.stores import add_event, create_events_table, senders

DAY = 86400


def test_the_daily_purge_runs_at_start_and_again_each_interval(monkeypatch, tmp_path):
    db = tmp_path / "tracker.db"
    engine = sa.create_engine(f"sqlite:///{db}")
    create_events_table(engine)
    add_event(engine, "idle", time.time() - 31 * DAY)
    monkeypatch.delenv("TRACKER_URL", raising=False)
    monkeypatch.setenv("TRACKER_DB", str(db))
    said = []
    stop = threading.Event()

    thread = retention.every_day(
        settings_module.load(), said.append, stop, interval=0.2
    )
    time.sleep(0.1)
    assert senders(engine) == set()
    add_event(engine, "idle-too", time.time() - 31 * DAY)
    time.sleep(0.4)
    stop.set()
    thread.join(2)

    assert senders(engine) == set()
    assert not thread.is_alive()
    assert said[0].startswith("retention purge: deleted 1 conversation(s)")
    assert any("deleted 1" in line for line in said[1:])


def test_a_failing_purge_is_reported_and_the_loop_goes_on(monkeypatch):
    monkeypatch.setenv("TRACKER_URL", "postgresql://nobody@127.0.0.1:1/none")
    said = []
    stop = threading.Event()
    thread = retention.every_day(
        settings_module.load(), said.append, stop, interval=0.05
    )
    deadline = time.monotonic() + 10
    while len(said) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    stop.set()
    thread.join(5)

    assert len(said) >= 2
    assert all(
        "retention purge failed" in line and "TRACKER_URL" in line for line in said
    )
