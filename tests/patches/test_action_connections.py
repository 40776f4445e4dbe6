"""Requests through EndpointConfig answer as with Rasa's own sessions, but
share their connections; the pool closes with the server."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import types

import aiohttp
import pytest
from aiohttp import web

from bot.patches import action_connections


@pytest.fixture
def endpoints(monkeypatch):
    """rasa.utils.endpoints with Rasa's aiohttp, switchable to the patch's."""
    import rasa.utils.endpoints

    monkeypatch.setattr(rasa.utils.endpoints, "aiohttp", aiohttp)

    def use(patched: bool):
        rasa.utils.endpoints.aiohttp = (
            action_connections.SharedPoolAiohttp() if patched else aiohttp
        )
        return rasa.utils.endpoints

    return use


async def _serving(handler):
    """A local server on a free port; it records each request's client port."""
    seen = []

    async def recorded(request):
        seen.append(request.transport.get_extra_info("peername")[1])
        return await handler(request)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", recorded)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    return runner, f"http://127.0.0.1:{port}", seen


async def _echo(request):
    if request.path.endswith("fail"):
        return web.Response(status=500, text="broken")
    if request.path.endswith("plain"):
        return web.Response(text="not json")
    body = await request.json()
    return web.json_response(
        {
            "got": body,
            "auth": request.headers.get("Authorization"),
            "q": request.query_string,
        }
    )


def _calls(endpoints, patched):
    module = endpoints(patched)

    async def run():
        runner, url, seen = await _serving(_echo)
        config = module.EndpointConfig(
            url,
            params={"a": "1"},
            headers={"X-A": "1"},
            basic_auth={"username": "u", "password": "p"},
            token="t",
        )
        answers = []
        try:
            for n in range(3):
                answers.append(await config.request(json={"n": n, "x": "/é"}))
            answers.append(await config.request(subpath="plain", json={}))
            with pytest.raises(module.ClientResponseError) as failed:
                await config.request(subpath="fail", json={})
            answers.append((failed.value.status, failed.value.text))
            answers.append(await config.request(json={"after": "failure"}))
        finally:
            await action_connections.close_pool()
            await runner.cleanup()
        return answers, seen

    return asyncio.run(run())


def test_the_answers_are_rasas_over_one_connection(endpoints):
    theirs, their_ports = _calls(endpoints, patched=False)
    ours, our_ports = _calls(endpoints, patched=True)
    assert ours == theirs
    assert len(set(their_ports)) == len(their_ports) == 6  # a connection a call
    assert len(our_ports) == 6 and len(set(our_ports)) == 1


def test_the_sessions_are_rasas_but_share_the_pool(endpoints):
    async def sessions():
        config_kwargs = {
            "headers": {"X-A": "1"},
            "basic_auth": {"username": "u", "password": "p"},
        }
        theirs = endpoints(False).EndpointConfig("http://x", **config_kwargs).session()
        module = endpoints(True)
        ours = [
            module.EndpointConfig("http://x", **config_kwargs).session() for _ in "ab"
        ]
        try:
            for attribute in (
                "_default_headers",
                "_default_auth",
                "_timeout",
                "_json_serialize",
            ):
                assert getattr(ours[0], attribute) == getattr(theirs, attribute)
            assert ours[0].connector is ours[1].connector is action_connections.pool()
            assert not ours[0].connector_owner
        finally:
            for session in [theirs, *ours]:
                await session.close()
            assert not action_connections.pool().closed  # a session leaves it open
            await action_connections.close_pool()

    asyncio.run(sessions())


def test_outside_a_loop_there_is_no_pool():
    assert action_connections.pool() is None


def test_rasas_shutdown_closes_the_pool():
    closed = []

    async def rasas(app, loop):
        closed.append("rasa's resources")

    async def shutdown():
        shared = action_connections.pool()
        app = types.SimpleNamespace(ctx=types.SimpleNamespace())
        await action_connections._closing_the_pool(rasas)(app, None)
        return shared

    shared = asyncio.run(shutdown())
    assert closed == ["rasa's resources"] and shared.closed


def test_install_stands_in_for_aiohttp_once(monkeypatch):
    import rasa.core.run
    import rasa.utils.endpoints

    monkeypatch.setattr(rasa.utils.endpoints, "aiohttp", aiohttp)
    monkeypatch.setattr(rasa.core.run, "close_resources", rasa.core.run.close_resources)
    action_connections.install()
    installed = rasa.utils.endpoints.aiohttp
    action_connections.install()
    assert rasa.utils.endpoints.aiohttp is installed
    assert isinstance(installed, action_connections.SharedPoolAiohttp)
    assert installed.ClientTimeout is aiohttp.ClientTimeout


_ACTION_SERVER = """
import os, socket, sys
from aiohttp import web

async def answer(request):
    client = request.transport.get_extra_info("peername")[1]
    return web.json_response({"pid": os.getpid(), "client": client})

app = web.Application()
app.router.add_post("/webhook", answer)
web.run_app(app, sock=socket.socket(fileno=int(sys.argv[1])), print=None)
"""


def _start_action_server(listening: socket.socket) -> subprocess.Popen:
    """A stand-in action server in its own process, serving on the test's
    socket; it answers with its pid and the caller's port."""
    fd = listening.fileno()
    return subprocess.Popen(
        [sys.executable, "-c", _ACTION_SERVER, str(fd)], pass_fds=[fd]
    )


@pytest.mark.integration
def test_a_killed_and_restarted_action_server_answers_the_next_call(endpoints):
    """What the launcher's supervision relies on (tests/integration/test_restart.py
    with the whole stack): the pooled connection to a SIGKILLed action server is
    not handed out again, so the first call after the restart is answered.

    The test holds the listening socket and hands it to each server, so no other
    program on the machine can take the port between the kill and the restart;
    a call before a server accepts waits in the socket's backlog."""
    module = endpoints(True)
    listening = socket.create_server(("127.0.0.1", 0))
    port = listening.getsockname()[1]

    async def conversation():
        config = module.EndpointConfig(f"http://127.0.0.1:{port}/webhook")
        loop = asyncio.get_running_loop()
        server = _start_action_server(listening)
        try:
            first = await config.request(json={})
            second = await config.request(json={})
            server.kill()  # SIGKILL, as test_restart does
            await loop.run_in_executor(None, server.wait)
            server = _start_action_server(listening)
            after = await config.request(json={})
        finally:
            await action_connections.close_pool()
            server.kill()
            server.wait()
            listening.close()
        return first, second, after, server.pid

    first, second, after, restarted = asyncio.run(conversation())
    assert first == second  # one pooled connection, open when the server died
    assert after["pid"] == restarted != first["pid"]
