"""A second Rasa server that loads the model, then waits to take over the port.

A Rasa server needs about a minute to import TensorFlow and load the model, so
restarting one after a crash leaves the channels dark for that long. With
RASA_STANDBY on (the default), the launcher runs a second one once the first is
ready. Each Rasa server takes an exclusive lock on `.run/rasa-<port>.lock` after
loading the model and before binding the port (Sanic binds after the
`before_server_start` listeners, which load the agent); the kernel releases the
lock the moment its holder dies, however it dies, so the waiting one binds the
port within a fraction of a second, and the restarted one becomes the new
standby. Both share the tracker store, so conversations go on.
"""

from __future__ import annotations

import asyncio
import fcntl
import functools
import os

LOCK_ENV = "RASA_PORT_LOCK"
# The lock's descriptor must stay open for the life of the process.
_held: list = []


def _hold(path: str) -> None:
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print("rasa server: model loaded; standing by for the port", flush=True)
        fcntl.flock(fd, fcntl.LOCK_EX)
        print("rasa server: the active server is gone; taking over", flush=True)
    _held.append(fd)


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
        await asyncio.get_running_loop().run_in_executor(None, _hold, path)
        return agent

    load_then_wait._waits_for_port = True
    # serve_application looks the function up when it registers the listener.
    rasa.core.run.load_agent_on_start = load_then_wait
