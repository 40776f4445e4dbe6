"""Calls to the action server reuse their connections.

Rasa 3.6 makes a new aiohttp `ClientSession` for every request to an endpoint
(rasa/utils/endpoints.py, `EndpointConfig.request` through `session()`), and
with it a new connection pool: every custom action opens, and closes, its own
TCP connection to the action server, at a cost in both servers' CPU (connector,
connection, the action server's new protocol object for each call).

Here the sessions that `session()` makes still are Rasa's, one per request with
its headers, auth and timeout, but they share one connection pool per event
loop (`connector_owner=False`: closing a session leaves the pool open), so a
call takes an idle connection to the action server when there is one. The pool
has no size limit, as Rasa's per-request pools had none between them, and it
keeps an idle connection for at most KEEPALIVE seconds, less than the 5 the
action server (Sanic) keeps one open: a connection the server is about to close
is never reused. The pool is closed when the Rasa server stops (Rasa's
`close_resources` listener), so no connection is left for the interpreter to
warn about. tests/patches/test_action_connections.py checks the sessions
against Rasa's and that calls share a connection.
"""

from __future__ import annotations

import asyncio
import functools
import weakref
from typing import Any

import aiohttp

from bot.patches import replace_once

KEEPALIVE = 2.0  # seconds; the action server (Sanic) closes idle ones after 5

_pools: weakref.WeakKeyDictionary[Any, aiohttp.TCPConnector] = (
    weakref.WeakKeyDictionary()
)


def pool() -> aiohttp.TCPConnector | None:
    """The running loop's shared pool, made on first use; None outside a loop."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return None
    found = _pools.get(loop)
    if found is None or found.closed:
        found = aiohttp.TCPConnector(limit=0, keepalive_timeout=KEEPALIVE)
        _pools[loop] = found
    return found


async def close_pool() -> None:
    """Close the running loop's pool, if it has one."""
    found = _pools.pop(asyncio.get_running_loop(), None)
    if found is not None:
        await found.close()


class SharedPoolAiohttp:
    """Stands for the aiohttp module in rasa.utils.endpoints: its ClientSession
    shares the loop's pool; every other name is aiohttp's."""

    def ClientSession(self, *args: Any, **kwargs: Any) -> aiohttp.ClientSession:  # noqa: N802 - aiohttp's name
        shared = None if "connector" in kwargs else pool()
        if shared is not None:
            kwargs.update(connector=shared, connector_owner=False)
        return aiohttp.ClientSession(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(aiohttp, name)


def _closing_the_pool(original):
    @functools.wraps(original)
    async def close_resources(app, loop):
        try:
            await original(app, loop)
        finally:
            await close_pool()

    return close_resources


def install() -> None:
    """Give rasa.utils.endpoints the shared pool, and Rasa's shutdown its
    closing; idempotent. Runs before Rasa registers its listeners."""
    import rasa.core.run
    import rasa.utils.endpoints

    if not isinstance(rasa.utils.endpoints.aiohttp, SharedPoolAiohttp):
        rasa.utils.endpoints.aiohttp = SharedPoolAiohttp()
    replace_once(rasa.core.run, "close_resources", _closing_the_pool)
