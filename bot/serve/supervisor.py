"""Keeps the assistant's processes running: a crashed one is restarted, alone.

Each child runs in its own process group, so stopping or restarting it also ends
whatever it started and no orphan keeps a port. A child that exits is started
again after a back-off (1, 2, 4, 8, 16 s) while the others keep serving; one that
keeps dying before it has been up for `stable_seconds` is a fault a restart
cannot fix (a broken model, a port taken), and the supervisor gives up on it.

Why not supervisord or circus: supervisord restarts a child that ran for a while
immediately and, once a child is FATAL, keeps running with it down unless an
event-listener process stops it; it also needs its own config file and control
socket. circus brings pyzmq and tornado. honcho (Foreman) stops everything when
one process exits, which is what this replaces. The launcher needs the start
order, preflight checks and a daily purge around its children anyway; what
remains here is about 100 lines with unit tests.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List

STOP_GRACE_SECONDS = 15
BACKOFF_SECONDS = (1, 2, 4, 8, 16)
# The Rasa server needs 20 s (idle) to over a minute (busy cores) to load
# TensorFlow and the model; a crash before it has been up this long counts as a
# crash at start.
STABLE_SECONDS = 120.0


@dataclass
class Child:
    name: str
    cmd: List[str]
    env: Dict[str, str]
    process: subprocess.Popen
    started: float
    crashes_in_a_row: int = 0
    restart_at: float | None = None


def _say(message: str) -> None:
    # Timestamped like the servers' own lines, so a restart can be timed.
    print(f"launcher: {time.strftime('%Y-%m-%d %H:%M:%S')} {message}", flush=True)


class Supervisor:
    """Starts children, restarts them with back-off, and tears them all down."""

    def __init__(
        self,
        cwd: Path | None = None,
        backoff: tuple = BACKOFF_SECONDS,
        stable_seconds: float = STABLE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.children: List[Child] = []
        self.cwd = cwd
        self.backoff = backoff
        self.stable_seconds = stable_seconds
        self.clock = clock
        self._stopping = False

    @property
    def stopping(self) -> bool:
        return self._stopping

    def _spawn(self, cmd: List[str], env: Dict[str, str]) -> subprocess.Popen:
        return subprocess.Popen(cmd, cwd=self.cwd, env=env, start_new_session=True)

    def start(self, name: str, cmd: List[str], env: Dict[str, str]) -> Child:
        """Start `cmd` in its own process group and keep it in the watch list."""
        _say(f"starting {name}: {' '.join(cmd)}")
        child = Child(name, cmd, env, self._spawn(cmd, env), self.clock())
        self.children.append(child)
        return child

    def check(self) -> Child | None:
        """One look at every child: schedule or do restarts.

        Returns the child the supervisor gives up on (it kept crashing at start),
        else None.
        """
        now = self.clock()
        for child in self.children:
            if self._stopping:
                return None
            if child.restart_at is not None:
                if now >= child.restart_at:
                    child.restart_at = None
                    child.process = self._spawn(child.cmd, child.env)
                    child.started = now
                    _say(f"restarted {child.name} (pid {child.process.pid})")
                continue
            code = child.process.poll()
            up = now - child.started
            if code is None:
                if up >= self.stable_seconds:
                    child.crashes_in_a_row = 0
                continue
            # Whatever the child started dies with it, so the port is free again.
            _signal_group(child.process, signal.SIGKILL)
            child.crashes_in_a_row = (
                child.crashes_in_a_row + 1 if up < self.stable_seconds else 1
            )
            if child.crashes_in_a_row > len(self.backoff):
                _say(
                    f"{child.name} exited with code {code} {child.crashes_in_a_row} "
                    f"times in a row within {self.stable_seconds:.0f} s of starting; "
                    "giving up. Its output above names the fault."
                )
                return child
            delay = self.backoff[child.crashes_in_a_row - 1]
            child.restart_at = now + delay
            _say(
                f"{child.name} exited with code {code} after {up:.0f} s; restarting "
                f"in {delay} s (attempt {child.crashes_in_a_row} of "
                f"{len(self.backoff)}); the other processes keep serving"
            )
        return None

    def watch(self, interval: float = 0.5) -> Child:
        """Restart children as they exit; return the one that keeps crashing."""
        while True:
            gave_up = self.check()
            if gave_up is not None:
                return gave_up
            time.sleep(interval)

    def stop(self) -> None:
        """SIGTERM every child's group, then SIGKILL what is left after a grace."""
        if self._stopping:
            return
        self._stopping = True
        for child in self.children:
            _signal_group(child.process, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for child in self.children:
            remaining = max(0.1, deadline - time.monotonic())
            try:
                child.process.wait(timeout=remaining)
            except subprocess.TimeoutExpired:
                _say(f"{child.name} did not stop, killing it")
                _signal_group(child.process, signal.SIGKILL)
                child.process.wait()
        # Children's own children (e.g. worker processes) share the group.
        for child in self.children:
            _signal_group(child.process, signal.SIGKILL)


def _signal_group(process: subprocess.Popen, sig: int) -> None:
    try:
        os.killpg(process.pid, sig)
    except (ProcessLookupError, PermissionError):
        pass
