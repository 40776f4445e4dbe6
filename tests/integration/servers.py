"""Starts the real stack (`python -m bot.serve.launcher run`) for integration tests."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List

import requests

from tools.local_stack import start_launcher
from tools.ports import free_port

ROOT = Path(__file__).resolve().parents[2]
READY_TIMEOUT = 300  # TensorFlow import and model load take about 50 s here.


@dataclass
class Stack:
    """A running launcher with its ports; `rest()` talks over the REST channel."""

    process: subprocess.Popen
    log_path: Path
    ports: Dict[str, int]
    env: Dict[str, str] = field(default_factory=dict)

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.ports['rasa']}"

    @property
    def web_url(self) -> str:
        """The chat page (the launcher's third child)."""
        return f"http://127.0.0.1:{self.ports['web']}"

    def rest(self, sender: str, message: str, timeout: float = 60) -> List[dict]:
        response = requests.post(
            f"{self.rasa_url}/webhooks/rest/webhook",
            json={"sender": sender, "message": message},
            timeout=timeout,
        )
        response.raise_for_status()
        return response.json()

    def log_tail(self, chars: int = 4000) -> str:
        return self.log_path.read_text(errors="replace")[-chars:]

    def stop(self, timeout: float = 60) -> int:
        """Ctrl-C the launcher, as a user would, and wait for it."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        return self.process.returncode


def start_stack(
    workdir: Path,
    env_overrides: Dict[str, str] | None = None,
    name: str = "stack",
    ports: Dict[str, int] | None = None,
) -> Stack:
    """Start the launcher on free ports with its own tracker DB; wait until ready.

    Pass `ports` (from `pick_ports()`) when the environment must name them.
    """
    launched = start_launcher(workdir, name, env_overrides, ports)
    stack = Stack(launched.process, launched.log_path, launched.ports, launched.env)
    wait_until_ready(stack, [f"{stack.rasa_url}/", stack.web_url + "/health"])
    return stack


def wait_until_ready(stack: Stack, urls: List[str]) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    pending = list(urls)
    while pending:
        if stack.process.poll() is not None:
            raise RuntimeError(
                f"the stack exited with {stack.process.returncode} before it was "
                f"ready; log:\n{stack.log_tail()}"
            )
        if time.monotonic() > deadline:
            stack.stop()
            raise RuntimeError(f"not ready after {READY_TIMEOUT}s:\n{stack.log_tail()}")
        try:
            requests.get(pending[0], timeout=2)
            pending.pop(0)
        except requests.RequestException:
            time.sleep(1)


def start_rasa_only(
    workdir: Path, env_overrides: Dict[str, str] | None = None, name: str = "rasa-only"
) -> Stack:
    """Start only the Rasa server, as the launcher would, with no action server.

    ACTION_ENDPOINT_URL points at a free port nobody listens on, so every custom
    action fails: what the bot still does then is what Rasa does on its own.
    """
    from unittest import mock

    from bot import settings
    from bot.serve import launcher
    from bot.serve.credentials import write_effective_credentials

    ports = {"rasa": free_port(), "actions": free_port()}
    env = dict(os.environ)
    env.update(
        RASA_PORT=str(ports["rasa"]),
        ACTIONS_PORT=str(ports["actions"]),
        TRACKER_DB=str(workdir / f"{name}-tracker.db"),
        ACTION_ENDPOINT_URL=f"http://127.0.0.1:{ports['actions']}/webhook",
    )
    env.update(env_overrides or {})
    with mock.patch.dict(os.environ, env, clear=True):
        config = settings.load()
        launcher.check_ready_to_serve(config)
        credentials = write_effective_credentials(config, run_dir=workdir)
        command = launcher.rasa_server_cmd(config, credentials)
        service_env = launcher.service_env(config)
    log_path = workdir / f"{name}.log"
    log = open(log_path, "w")
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=service_env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    stack = Stack(process, log_path, ports, env)
    wait_until_ready(stack, [f"{stack.rasa_url}/"])
    return stack
