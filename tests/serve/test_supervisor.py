"""A crashed child is restarted alone, with back-off; one that keeps crashing at
start makes the supervisor give up."""

from __future__ import annotations

import os
import signal
import sys
import time

from bot.serve.supervisor import Supervisor

SLEEP = [sys.executable, "-c", "import time; time.sleep(600)"]
CRASH = [sys.executable, "-c", "raise SystemExit(3)"]


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _wait_exit(child) -> None:
    for _ in range(100):
        if child.process.poll() is not None:
            return
        time.sleep(0.05)
    raise AssertionError(f"{child.name} did not exit")


def test_a_killed_child_is_restarted_after_backoff_and_the_others_keep_running():
    clock = Clock()
    supervisor = Supervisor(clock=clock)
    try:
        victim = supervisor.start("victim", SLEEP, dict(os.environ))
        bystander = supervisor.start("bystander", SLEEP, dict(os.environ))
        bystander_pid = bystander.process.pid
        first_pid = victim.process.pid
        clock.now += 500  # both have been up long enough to count as stable
        assert supervisor.check() is None

        os.kill(first_pid, signal.SIGKILL)
        _wait_exit(victim)
        assert supervisor.check() is None
        assert victim.restart_at == clock.now + 1  # first back-off step
        clock.now += 0.5
        supervisor.check()
        assert victim.process.pid == first_pid  # not yet: still backing off
        clock.now += 1
        supervisor.check()

        assert victim.process.pid != first_pid
        assert victim.process.poll() is None
        assert bystander.process.pid == bystander_pid
        assert bystander.process.poll() is None
    finally:
        supervisor.stop()


def test_backoff_grows_and_the_supervisor_gives_up_on_a_child_crashing_at_start(
    capsys,
):
    clock = Clock()
    supervisor = Supervisor(clock=clock, backoff=(1, 2, 4))
    try:
        child = supervisor.start("broken", CRASH, dict(os.environ))
        delays = []
        gave_up = None
        for _ in range(4):
            _wait_exit(child)
            gave_up = supervisor.check()
            if gave_up is not None:
                break
            delays.append(child.restart_at - clock.now)
            clock.now = child.restart_at
            supervisor.check()  # restarts it

        assert delays == [1, 2, 4]
        assert gave_up is child
        assert "giving up" in capsys.readouterr().out
    finally:
        supervisor.stop()


def test_a_crash_after_a_stable_run_starts_the_backoff_again():
    clock = Clock()
    supervisor = Supervisor(clock=clock, backoff=(1, 2), stable_seconds=60)
    try:
        child = supervisor.start("flaky", SLEEP, dict(os.environ))
        for _ in range(5):  # more crashes than back-off steps, each after a long run
            clock.now += 61
            assert supervisor.check() is None
            os.kill(child.process.pid, signal.SIGKILL)
            _wait_exit(child)
            assert supervisor.check() is None
            assert child.restart_at == clock.now + 1
            clock.now += 1
            supervisor.check()
    finally:
        supervisor.stop()


def test_stop_ends_restarting():
    supervisor = Supervisor()
    child = supervisor.start("sleeper", SLEEP, dict(os.environ))
    supervisor.stop()

    assert child.process.poll() is not None
    assert supervisor.check() is None
    assert child.restart_at is None
