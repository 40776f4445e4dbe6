"""The standby takes the port lock the moment the active server dies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

from bot.serve import standby

HOLDER = (
    "import sys, time; from bot.serve.standby import _hold; "
    "_hold(sys.argv[1]); print('held', flush=True); time.sleep(600)"
)


def test_the_waiting_server_gets_the_lock_when_the_holder_is_killed(tmp_path):
    lock = str(tmp_path / "rasa-5005.lock")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, lock], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        got = threading.Event()
        waiter = threading.Thread(
            target=lambda: (standby._hold(lock), got.set()), daemon=True
        )
        waiter.start()
        assert not got.wait(1)  # the active server still holds it

        os.kill(holder.pid, signal.SIGKILL)
        started = time.monotonic()

        assert got.wait(5)
        assert time.monotonic() - started < 1
    finally:
        holder.kill()
        holder.wait()
        for fd in standby._held:
            os.close(fd)
        standby._held.clear()


def test_without_the_setting_nothing_is_installed(monkeypatch):
    import rasa.core.run

    monkeypatch.delenv(standby.LOCK_ENV, raising=False)
    before = rasa.core.run.load_agent_on_start
    standby.install()
    assert rasa.core.run.load_agent_on_start is before
