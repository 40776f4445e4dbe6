"""The launcher (`python -m bot.serve.launcher run`) on free loopback ports, for the
integration tests and the load benchmark.

Each start gets its own ports, SQLite tracker file and log file in `workdir`,
so several stacks can run side by side; waiting for them is the caller's.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Dict

from bot.settings import ROOT
from tools.ports import free_port


@dataclass
class Launched:
    process: subprocess.Popen
    ports: Dict[str, int]
    env: Dict[str, str]
    log_path: Path


def pick_ports() -> Dict[str, int]:
    return {"rasa": free_port(), "actions": free_port(), "web": free_port()}


def start_launcher(
    workdir: Path,
    name: str,
    env_overrides: Dict[str, str] | None = None,
    ports: Dict[str, int] | None = None,
) -> Launched:
    """Start the launcher in its own process group; output goes to `<name>.log`."""
    ports = ports or pick_ports()
    env = dict(os.environ)
    env.update(
        RASA_PORT=str(ports["rasa"]),
        ACTIONS_PORT=str(ports["actions"]),
        WEB_PORT=str(ports["web"]),
        SHELL_PORT=str(free_port()),
        TRACKER_DB=str(workdir / f"{name}-tracker.db"),
    )
    env.update(env_overrides or {})
    log_path = workdir / f"{name}.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.serve.launcher", "run"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    return Launched(process, ports, env, log_path)
