"""A crashed server is restarted while the others keep serving.

Its own stack (killing servers of the shared one would disturb other modules).
"""

from __future__ import annotations

import os
import signal
import time
import uuid

import psutil
import pytest
import requests

from tests.integration.servers import start_stack

pytestmark = [pytest.mark.integration, pytest.mark.slow]

EMERGENCY = "112"


def _texts(messages) -> str:
    return " ".join(m.get("text", "") for m in messages)


@pytest.fixture(scope="module")
def own_stack(tmp_path_factory):
    running = start_stack(tmp_path_factory.mktemp("restart"), name="restart")
    yield running
    running.stop()


def _serving_pid(stack, module: str, port: int) -> int:
    """The server of `module` holding `port` (not its standby)."""
    for child in psutil.Process(stack.process.pid).children():
        if module not in " ".join(child.cmdline()):
            continue
        for conn in child.net_connections(kind="tcp"):
            if conn.status == psutil.CONN_LISTEN and conn.laddr.port == port:
                return child.pid
    raise AssertionError(f"no {module} is listening on port {port}")


def _cited(stack, sender: str) -> bool:
    try:
        return "Source:" in _texts(
            stack.rest(sender, "how do I relieve a cramp?", timeout=30)
        )
    except requests.RequestException:
        return False


def test_killed_action_server_emergency_still_answered_and_answers_back_in_30s(
    own_stack,
):
    sender = f"restart-{uuid.uuid4().hex[:8]}"
    own_stack.rest(sender, "hello")
    assert _cited(own_stack, sender)

    actions_port = own_stack.ports["actions"]
    os.kill(
        _serving_pid(own_stack, "bot.serve.action_server", actions_port),
        signal.SIGKILL,
    )
    killed = time.monotonic()

    started = time.monotonic()
    emergency = _texts(own_stack.rest(f"{sender}-sos", "I choke on my food"))
    assert EMERGENCY in emergency
    assert time.monotonic() - started < 5
    while not _cited(own_stack, sender):
        assert time.monotonic() - killed < 30, own_stack.log_tail()
        time.sleep(1)
    assert own_stack.process.poll() is None
    assert "restarting" in own_stack.log_path.read_text()


def _wait_for_standby(stack, label: str, timeout: float = 400) -> None:
    """The launcher starts a standby once the first server is ready."""
    deadline = time.monotonic() + timeout
    line = f"{label} (pid "
    while not any(
        line in text and "standing by" in text
        for text in stack.log_path.read_text(errors="replace").splitlines()
    ):
        assert time.monotonic() < deadline, stack.log_tail()
        time.sleep(1)


def test_killed_rasa_server_back_in_60s_and_the_form_resumes(own_stack):
    _wait_for_standby(own_stack, "rasa server")
    sender = f"restart-{uuid.uuid4().hex[:8]}"
    own_stack.rest(sender, "hi")
    assert "What do you feel" in _texts(
        own_stack.rest(sender, "I want to describe my symptoms")
    )
    assert "Where do you feel it" in _texts(own_stack.rest(sender, "cramps"))

    rasa_port = own_stack.ports["rasa"]
    os.kill(_serving_pid(own_stack, "bot.serve.rasa_server", rasa_port), signal.SIGKILL)
    killed = time.monotonic()
    while True:
        assert time.monotonic() - killed < 60, own_stack.log_tail()
        try:
            requests.get(f"{own_stack.rasa_url}/", timeout=2)
            break
        except requests.RequestException:
            time.sleep(0.5)

    assert "When did it start" in _texts(own_stack.rest(sender, "my left calf"))
    assert own_stack.process.poll() is None
