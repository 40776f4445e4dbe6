"""The launcher builds the right commands and leaves no orphan processes."""

from __future__ import annotations

import os
import sys
import time

import pytest

from bot import settings as settings_module
from bot.serve.launcher import (
    ONE_MATH_THREAD,
    Supervisor,
    check_ready_to_serve,
    rasa_server_cmd,
    service_env,
)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie still answers kill(0); it is dead for our purposes.
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().split()[2] != "Z"


def test_stop_kills_children_and_their_children(tmp_path):
    pid_file = tmp_path / "grandchild.pid"
    # The child starts a grandchild that ignores SIGTERM, the worst case.
    script = (
        "import subprocess, sys, time\n"
        "g = subprocess.Popen([sys.executable, '-c', "
        "'import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
        "time.sleep(600)'])\n"
        f"open({str(pid_file)!r}, 'w').write(str(g.pid))\n"
        "time.sleep(600)\n"
    )
    supervisor = Supervisor()
    child = supervisor.start(
        "sleeper", [sys.executable, "-c", script], dict(os.environ)
    )
    for _ in range(100):
        if pid_file.exists() and pid_file.read_text():
            break
        time.sleep(0.1)
    grandchild = int(pid_file.read_text())

    supervisor.stop()

    assert child.process.poll() is not None
    time.sleep(0.2)
    assert not _alive(grandchild)


def test_rasa_api_is_off_unless_a_token_is_set(monkeypatch):
    monkeypatch.delenv("RASA_API_TOKEN", raising=False)
    assert "--enable-api" not in rasa_server_cmd(settings_module.load())

    monkeypatch.setenv("RASA_API_TOKEN", "s3cret")
    cmd = rasa_server_cmd(settings_module.load())
    assert cmd[cmd.index("--enable-api") + 1 :][:2] == ["--auth-token", "s3cret"]


def test_ports_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("RASA_PORT", "6105")
    monkeypatch.setenv("ACTIONS_PORT", "6155")
    settings = settings_module.load()

    assert rasa_server_cmd(settings)[rasa_server_cmd(settings).index("--port") + 1] == (
        "6105"
    )
    assert service_env(settings)["ACTION_ENDPOINT_URL"] == (
        "http://localhost:6155/webhook"
    )


def test_bad_port_names_the_variable(monkeypatch):
    monkeypatch.setenv("RASA_PORT", "fifty")
    with pytest.raises(ValueError, match="RASA_PORT"):
        settings_module.load()


def test_missing_model_names_the_fix(monkeypatch, tmp_path):
    monkeypatch.setenv("MODEL_DIR", str(tmp_path))
    with pytest.raises(SystemExit, match="make model"):
        check_ready_to_serve(settings_module.load())


def test_tracker_store_defaults_to_sqlite_and_accepts_postgres(monkeypatch):
    monkeypatch.delenv("TRACKER_URL", raising=False)
    assert settings_module.load().tracker_dialect == "sqlite"

    monkeypatch.setenv("TRACKER_URL", "postgresql://u:p@localhost:5432/rasa")
    env = service_env(settings_module.load())
    assert env["TRACKER_DIALECT"] == "postgresql"
    assert env["TRACKER_STORE_URL"].startswith("postgresql://")


def test_servers_get_one_math_thread_unless_told_otherwise(monkeypatch):
    for name in ONE_MATH_THREAD:
        monkeypatch.delenv(name, raising=False)
    env = service_env(settings_module.load())
    assert {name: env[name] for name in ONE_MATH_THREAD} == {
        "OMP_NUM_THREADS": "1",
        "TF_INTRA_OP_PARALLELISM_THREADS": "1",
        "TF_INTER_OP_PARALLELISM_THREADS": "1",
    }

    monkeypatch.setenv("OMP_NUM_THREADS", "4")
    assert service_env(settings_module.load())["OMP_NUM_THREADS"] == "4"


@pytest.mark.parametrize("running", [True, False], ids=["running", "not_running"])
def test_shell_reuses_a_running_action_server_or_starts_one(monkeypatch, running):
    from bot.serve import launcher

    started = []
    monkeypatch.setattr(launcher, "check_ready_to_serve", lambda s: None)
    monkeypatch.setattr(launcher, "_answers", lambda url: running)
    monkeypatch.setattr(
        launcher.Supervisor, "start", lambda self, *a: started.append(a[0])
    )
    monkeypatch.setattr(launcher.Supervisor, "stop", lambda self: None)
    monkeypatch.setattr(launcher.subprocess, "call", lambda *a, **k: 0)
    monkeypatch.setattr(launcher.signal, "signal", lambda *a: None)

    assert launcher.shell(settings_module.load()) == 0
    assert started == ([] if running else ["action server"])
