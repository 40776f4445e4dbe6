"""Standby servers: loaded, then waiting to take over the port of the active one.

A Rasa server needs about 20 s on 2 idle cores to import TensorFlow and load the
model (far longer on busy ones), and the action server a few seconds for the
retriever, so restarting one after a crash leaves users without it for that
long. With STANDBY on (the default), the launcher starts a second Rasa server
once the first is ready (the action server is restarted instead: it is back in
seconds, and the emergency path does not need it). Each takes an exclusive lock
on `.run/port-<port>.lock` after loading and before binding its port (Sanic
binds after the `before_server_start` listeners, where Rasa loads the agent; the
action server warms up before it starts Sanic). The kernel releases the lock the
moment its holder dies, however it dies, so the waiting one binds within a
fraction of a second and the restarted one becomes the new standby. Rasa servers
share the tracker store, so conversations go on.
"""

from __future__ import annotations

import asyncio
import fcntl
import functools
import os

LOCK_ENV = "RASA_PORT_LOCK"
# The lock's descriptor must stay open for the life of the process.
_held: list = []


def _hold(path: str, label: str = "server") -> None:
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print(
            f"{label} (pid {os.getpid()}): loaded; standing by for the port", flush=True
        )
        fcntl.flock(fd, fcntl.LOCK_EX)
        print(
            f"{label} (pid {os.getpid()}): the active one is gone; taking over",
            flush=True,
        )
    _held.append(fd)


def wait_for_port_lock(label: str) -> None:
    """Block until this process holds the port lock, if RASA_PORT_LOCK is set."""
    path = os.environ.get(LOCK_ENV, "")
    if path:
        _hold(path, label)


def install() -> None:
    """Wait for the port lock after loading the agent, if RASA_PORT_LOCK is set."""
    path = os.environ.get(LOCK_ENV, "")
    if not path:
        return
    import rasa.core.run

    load = rasa.core.run.load_agent_on_start
    if getattr(load, "_waits_for_port", False):
        return

    @functools.wraps(load)
    async def load_then_wait(*args, **kwargs):
        agent = await load(*args, **kwargs)
        await asyncio.get_running_loop().run_in_executor(
            None, _hold, path, "rasa server"
        )
        return agent

    load_then_wait._waits_for_port = True
    # serve_application looks the function up when it registers the listener.
    rasa.core.run.load_agent_on_start = load_then_wait
