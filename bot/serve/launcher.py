"""Runs the assistant's processes together, restarts one that crashes, stops all.

`python -m bot.serve.launcher run` starts the action server, the Rasa server and the
chat page in the foreground. A child that crashes is restarted with back-off while
the others keep serving (bot.serve.supervisor); Ctrl-C (or SIGTERM) stops every
child and its children, so no orphan keeps a port. `python -m bot.serve.launcher
shell` opens `rasa shell` for support staff against the same action server.
Ports and files come from bot.settings.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Dict, List

from bot import settings as settings_module
from bot.privacy import retention
from bot.serve import channels, preflight, standby
from bot.serve.supervisor import Supervisor
from bot.settings import ROOT, Settings

# Each server works on one message at a time. A second math thread for one small
# batch (TensorFlow in the Rasa server, torch in the action server) costs more in
# hand-over than it gains, and spins against the other server for the same two
# cores. Measured under the load benchmark: the action server's CPU time fell by
# two thirds and the Rasa server's by about 12%. A value set by the user wins.
ONE_MATH_THREAD = {
    "OMP_NUM_THREADS": "1",
    "TF_INTRA_OP_PARALLELISM_THREADS": "1",
    "TF_INTER_OP_PARALLELISM_THREADS": "1",
}


def service_env(settings: Settings) -> Dict[str, str]:
    """The servers' environment: what endpoints.yml and credentials.yml expand,
    and one math thread per server."""
    env = dict(os.environ)
    env.setdefault("ACTION_ENDPOINT_URL", settings.action_endpoint)
    env.setdefault("TRACKER_DIALECT", settings.tracker_dialect)
    env.setdefault("TRACKER_STORE_URL", settings.tracker_store_url)
    env.setdefault("EMERGENCY_NUMBER", settings.emergency_number)
    env.update(lock_store_env(settings))
    for name, value in ONE_MATH_THREAD.items():
        env[name] = env.get(name) or value
    env["LOG_LEVEL"] = settings.log_level
    # Telemetry would send usage data off the machine (and fails offline).
    env["RASA_TELEMETRY_ENABLED"] = "false"
    return env


def lock_store_env(settings: Settings) -> Dict[str, str]:
    """The variables endpoints.scaled.yml expands, split out of REDIS_URL."""
    if not settings.redis_url:
        return {}
    url = urllib.parse.urlsplit(settings.redis_url)
    return {
        "LOCK_STORE_HOST": url.hostname or "localhost",
        "LOCK_STORE_PORT": str(url.port or 6379),
        "LOCK_STORE_DB": url.path.strip("/") or "1",
        "LOCK_STORE_PASSWORD": urllib.parse.unquote(url.password or ""),
    }


def action_server_cmd(settings: Settings) -> List[str]:
    """rasa_sdk's `run actions`, after loading the retriever (serve.action_server)."""
    return [
        sys.executable, "-m", "bot.serve.action_server",
        "--actions", "actions",
        "--port", str(settings.actions_port),
    ]  # fmt: skip


def _rasa() -> List[str]:
    """`rasa` with the assistant's fault handling (see bot.serve.rasa_server)."""
    return [sys.executable, "-m", "bot.serve.rasa_server"]


def rasa_server_cmd(settings: Settings, credentials: Path | None = None) -> List[str]:
    cmd = [
        *_rasa(), "run",
        "--model", str(settings.model_path),
        "--endpoints", str(settings.endpoints),
        "--credentials", str(credentials or settings.credentials),
        "--port", str(settings.rasa_port),
        "--interface", settings.host,
    ]  # fmt: skip
    if settings.cors_origins:
        cmd += ["--cors", *settings.cors_origins]
    # The HTTP API can read and rewrite any conversation: only with a token.
    if settings.api_token:
        cmd += ["--enable-api", "--auth-token", settings.api_token]
    return cmd


def check_ready_to_serve(settings: Settings) -> None:
    """Fail early, naming the command that fixes what is missing."""
    # Settings first: they are cheap to check and need no files.
    if settings.scaled_out and settings.tracker_dialect == "sqlite":
        raise SystemExit(
            "error: REDIS_URL is set, so several Rasa servers will share the "
            "conversations, but the tracker store is an SQLite file they cannot "
            "share. Set TRACKER_URL=postgresql://user:password@host:5432/rasa."
        )
    try:
        preflight.check_model(settings.model_path)
        preflight.check_index(settings)
    except preflight.NotReady as exc:
        raise SystemExit(f"error: {exc}") from None
    settings.tracker_db.parent.mkdir(parents=True, exist_ok=True)


def warn_about_logging(settings: Settings) -> None:
    """Messages hold health data: say so whenever logs will contain them."""
    if settings.log_level == "DEBUG":
        print(
            "launcher: WARNING: LOG_LEVEL=DEBUG. Debug logs contain the full text "
            "of users' messages, which is health data. Use it only to diagnose a "
            "fault, keep the logs private, and delete them afterwards.",
            file=sys.stderr,
            flush=True,
        )


def _install_stop_handlers(supervisor: Supervisor) -> None:
    def handler(signum, _frame):
        print(f"launcher: got {signal.Signals(signum).name}, stopping", flush=True)
        supervisor.stop()
        raise SystemExit(0)

    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)


def _say(message: str) -> None:
    # Timestamped like the servers' own lines, so a restart can be timed.
    print(f"launcher: {time.strftime('%Y-%m-%d %H:%M:%S')} {message}", flush=True)


def _announce_when_ready(url: str, what: str) -> None:
    def poll() -> None:
        for _ in range(600):
            try:
                with urllib.request.urlopen(url, timeout=2):
                    print(f"launcher: {what} is ready at {url}", flush=True)
                    return
            except OSError:
                time.sleep(1)

    threading.Thread(target=poll, daemon=True).start()


def _start_standby_when_ready(
    supervisor: Supervisor,
    name: str,
    settings: Settings,
    cmd: List[str],
    env: Dict[str, str],
) -> None:
    """Start a standby once both first servers answer, so it does not compete
    for the cores with their start (which decides when the service is up)."""
    urls = [
        f"http://localhost:{settings.rasa_port}/",
        f"http://localhost:{settings.actions_port}/health",
    ]

    def wait_then_start() -> None:
        while not supervisor.stopping:
            if all(_answers(url) for url in urls):
                if not supervisor.stopping:
                    supervisor.start(name, cmd, env)
                return
            time.sleep(1)

    threading.Thread(target=wait_then_start, daemon=True).start()


def _with_port_lock(env: Dict[str, str], settings: Settings, port: int) -> dict:
    lock = settings.tracker_db.parent / f"port-{port}.lock"
    return {**env, standby.LOCK_ENV: str(lock)}


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except OSError:
        return False


def _start_action_server(supervisor: Supervisor, settings: Settings, env) -> None:
    # No standby: without torch it is serving again a few seconds after a
    # crash (the supervisor's restart), and the emergency path never needs it.
    supervisor.start("action server", action_server_cmd(settings), env)


def _start_server(
    supervisor: Supervisor, settings: Settings, name: str, cmd, env, port: int
) -> None:
    """One server on `port`, and its standby when STANDBY is on."""
    if settings.standby:
        env = _with_port_lock(env, settings, port)
        _start_standby_when_ready(supervisor, f"{name} standby", settings, cmd, env)
    supervisor.start(name, cmd, env)


def run(settings: Settings) -> int:
    """Serve until Ctrl-C or SIGTERM, restarting a child that crashes.

    Stops everything only when a child keeps crashing at start.
    """
    check_ready_to_serve(settings)
    warn_about_logging(settings)
    channels.check_ready(settings)
    env = service_env(settings)
    supervisor = Supervisor(cwd=ROOT)
    stop_purging = threading.Event()
    _install_stop_handlers(supervisor)
    try:
        _start_action_server(supervisor, settings, env)
        credentials = channels.prepare(settings)
        _start_server(
            supervisor,
            settings,
            "rasa server",
            rasa_server_cmd(settings, credentials),
            env,
            settings.rasa_port,
        )
        supervisor.start("chat page", channels.web_page_cmd(), env)
        _announce_when_ready(
            f"http://localhost:{settings.rasa_port}/", "Rasa server (REST, socket.io)"
        )
        _announce_when_ready(
            f"http://localhost:{settings.web_port}/health", "chat page (widget)"
        )
        retention.every_day(settings, _say, stop_purging)
        failed = supervisor.watch()
        _say(f"stopping everything: {failed.name} cannot start")
        return failed.process.returncode or 1
    finally:
        stop_purging.set()
        supervisor.stop()


def _exit_on_signal(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


def shell(settings: Settings) -> int:
    """`rasa shell` for support staff, reusing a running action server if any."""
    check_ready_to_serve(settings)
    warn_about_logging(settings)
    env = service_env(settings)
    supervisor = Supervisor(cwd=ROOT)
    # Closing the terminal (SIGHUP) or a kill must not leave the action server
    # running: leave through `finally`.
    for sig in (signal.SIGHUP, signal.SIGTERM):
        signal.signal(sig, _exit_on_signal)
    try:
        if not _answers(f"http://localhost:{settings.actions_port}/health"):
            _start_action_server(supervisor, settings, env)
        cmd = [
            *_rasa(), "shell",
            "--model", str(settings.model_path),
            "--endpoints", str(settings.endpoints),
            "--port", str(settings.shell_port),
        ]  # fmt: skip
        return subprocess.call(cmd, cwd=ROOT, env=env)
    finally:
        supervisor.stop()


def main(argv: List[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.serve.launcher")
    parser.add_argument("command", choices=["run", "shell"])
    args = parser.parse_args(argv)
    settings = settings_module.load()
    return run(settings) if args.command == "run" else shell(settings)


if __name__ == "__main__":
    sys.exit(main())
