"""docker-compose.yml hangs together (Docker itself cannot run here).

The compose file is parsed and checked against the files it relies on: the
official images at the versions in requirements.lock, every variable
endpoints.scaled.yml needs, the stores and the load balancer's upstreams.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from bot.settings import ROOT

COMPOSE = ROOT / "docker-compose.yml"


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


def _services(compose, dockerfile: str) -> dict:
    return {
        name: service
        for name, service in compose["services"].items()
        if service.get("build", {}).get("dockerfile") == dockerfile
    }


def _lock_version(package: str) -> str:
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if line.lower().startswith(f"{package}=="):
            return line.split("==", 1)[1].strip()
    raise AssertionError(f"{package} is not pinned in requirements.lock")


def _interpolate(value: str) -> str:
    """Compose's ${VAR:-default} / ${VAR:?message}, with every VAR unset."""

    def one(match):
        kind, rest = match.group(2) or "", match.group(3) or ""
        return rest if kind == ":-" else f"<{match.group(1)}>"

    return re.sub(r"\$\{(\w+)(:[-?])?([^}]*)\}", one, str(value))


def _base_image(dockerfile: str) -> str:
    text = (ROOT / dockerfile).read_text()
    return re.search(r"^FROM\s+(\S+)", text, re.MULTILINE).group(1)


def _nginx_upstream(name: str) -> list:
    text = (ROOT / "deploy" / "nginx.conf").read_text()
    block = re.search(r"upstream\s+" + name + r"\s*\{(.*?)\}", text, re.DOTALL)
    assert block, f"no upstream {name} in deploy/nginx.conf"
    return re.findall(r"^\s*server\s+(\S+);", block.group(1), re.MULTILINE)


def test_images_are_the_official_ones_at_the_locked_versions():
    assert _base_image("deploy/rasa.Dockerfile") == (
        f"rasa/rasa:{_lock_version('rasa')}-full"
    )
    assert _base_image("deploy/actions.Dockerfile") == (
        f"rasa/rasa-sdk:{_lock_version('rasa-sdk')}"
    )


def test_two_rasa_servers_and_two_action_servers_sit_behind_nginx(compose):
    rasa = _services(compose, "deploy/rasa.Dockerfile")
    actions = _services(compose, "deploy/actions.Dockerfile")

    assert len(rasa) >= 2 and len(actions) >= 2
    assert sorted(_nginx_upstream("rasa_servers")) == sorted(
        f"{name}:5005" for name in rasa
    )
    assert sorted(_nginx_upstream("action_servers")) == sorted(
        f"{name}:5055" for name in actions
    )
    for service in rasa.values():
        command = service["command"]
        assert command[command.index("--port") + 1] == "5005"
        assert command[command.index("--endpoints") + 1] == "endpoints.scaled.yml"


def test_rasa_servers_get_every_variable_the_scaled_endpoints_need(compose):
    needed = set(
        re.findall(r"\$\{(\w+)\}", (ROOT / "endpoints.scaled.yml").read_text())
    )

    for name, service in _services(compose, "deploy/rasa.Dockerfile").items():
        assert needed <= set(service["environment"]), name


def test_the_stores_point_at_the_compose_services(compose):
    services = compose["services"]
    postgres = services["postgres"]["environment"]
    for name, service in _services(compose, "deploy/rasa.Dockerfile").items():
        env = {
            key: _interpolate(value) for key, value in service["environment"].items()
        }
        tracker = urlsplit(env["TRACKER_STORE_URL"])
        assert tracker.scheme == env["TRACKER_DIALECT"] == "postgresql"
        assert tracker.hostname in services and tracker.hostname == "postgres"
        assert tracker.username == postgres["POSTGRES_USER"]
        assert tracker.path.strip("/") == postgres["POSTGRES_DB"]
        assert env["LOCK_STORE_HOST"] in services
        assert services[env["LOCK_STORE_HOST"]]["image"].startswith("redis:")
        action = urlsplit(env["ACTION_ENDPOINT_URL"])
        assert action.hostname == "nginx" and action.port == 5055, name
        assert set(service["depends_on"]) <= set(services)


def test_every_file_the_compose_file_uses_exists(compose):
    for name, service in compose["services"].items():
        build = service.get("build")
        if build:
            assert (ROOT / build["context"] / build["dockerfile"]).exists(), name
        for volume in service.get("volumes", []):
            source = volume.split(":", 1)[0]
            if source.startswith("."):
                # models/ is made by `make model`; the rest is in the repository.
                assert source == "./models" or (ROOT / source).exists(), volume


def test_rasa_dockerfile_copies_what_the_server_reads():
    text = (ROOT / "deploy" / "rasa.Dockerfile").read_text()
    for path in ("bot/", "config.yml", "endpoints.scaled.yml", "credentials.yml"):
        assert path in text
    # The safety layer's encoder, which the NLU component refuses to start without.
    assert "corpus/build/safety_minilm.onnx" in text
    assert Path(ROOT / "bot" / "serve" / "rasa_server.py").exists()
    assert '"bot.serve.rasa_server"' in text
