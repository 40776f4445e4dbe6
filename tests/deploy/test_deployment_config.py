"""Settings, endpoints files and start-up checks for one server and for several."""

from __future__ import annotations

import io
import tarfile

import pytest

from bot import settings as settings_module
from bot.serve.launcher import (
    check_ready_to_serve,
    lock_store_env,
    service_env,
    warn_about_logging,
)
from bot.settings import ROOT


def _load_endpoints(path, env, monkeypatch):
    """Rasa's own reader, with the variables the launcher would export."""
    from rasa.core.utils import AvailableEndpoints

    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return AvailableEndpoints.read_endpoints(str(path))


def test_one_server_uses_endpoints_yml_with_no_lock_store(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.delenv("ENDPOINTS", raising=False)
    settings = settings_module.load()

    assert settings.endpoints == ROOT / "endpoints.yml"
    assert not settings.scaled_out
    assert "LOCK_STORE_HOST" not in service_env(settings)


def test_redis_url_selects_the_scaled_endpoints_and_fills_the_lock_store(
    monkeypatch,
):
    monkeypatch.delenv("ENDPOINTS", raising=False)
    monkeypatch.setenv("REDIS_URL", "redis://:p%40ss@redis.internal:6380/3")
    settings = settings_module.load()

    assert settings.endpoints == ROOT / "endpoints.scaled.yml"
    assert lock_store_env(settings) == {
        "LOCK_STORE_HOST": "redis.internal",
        "LOCK_STORE_PORT": "6380",
        "LOCK_STORE_DB": "3",
        "LOCK_STORE_PASSWORD": "p@ss",
    }


def test_scaled_endpoints_build_rasas_redis_lock_and_sql_tracker_store(
    monkeypatch, tmp_path
):
    from rasa.core.lock_store import LockStore
    from rasa.core.tracker_store import SQLTrackerStore, TrackerStore

    from bot.rasa_plugins.lock_store import AtomicRedisLockStore

    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6390/2")
    monkeypatch.setenv("TRACKER_URL", f"sqlite:///{tmp_path / 'shared.db'}")
    settings = settings_module.load()
    endpoints = _load_endpoints(
        ROOT / "endpoints.scaled.yml", service_env(settings), monkeypatch
    )

    lock_store = LockStore.create(endpoints.lock_store)  # connects lazily
    tracker_store = TrackerStore.create(endpoints.tracker_store)

    assert isinstance(lock_store, AtomicRedisLockStore)
    assert lock_store.red.connection_pool.connection_kwargs["port"] == 6390
    assert lock_store.red.connection_pool.connection_kwargs["db"] == 2
    assert isinstance(tracker_store, SQLTrackerStore)
    assert str(tracker_store.engine.url) == settings.tracker_store_url


async def test_sqlite_conversations_survive_a_new_tracker_store(monkeypatch, tmp_path):
    """What a Rasa server restart does: a fresh store reads the same file."""
    from rasa.core.tracker_store import TrackerStore
    from rasa.shared.core.events import SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    monkeypatch.delenv("TRACKER_URL", raising=False)
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "tracker.db"))
    settings = settings_module.load()
    env = service_env(settings)
    endpoints = _load_endpoints(ROOT / "endpoints.yml", env, monkeypatch)
    tracker = DialogueStateTracker("restart-user", slots=[])
    tracker.update(UserUttered("my calf cramps at night"))
    tracker.update(SlotSet("body_part", ["calf"]))
    await TrackerStore.create(endpoints.tracker_store).save(tracker)

    reopened = TrackerStore.create(endpoints.tracker_store)
    restored = await reopened.retrieve_full_tracker("restart-user")

    assert (tmp_path / "tracker.db").exists()
    assert [e.as_dict()["event"] for e in restored.events] == ["user", "slot"]
    assert restored.events[1].value == ["calf"]


def test_scaling_out_on_sqlite_is_refused_with_the_fix(monkeypatch, tmp_path):
    monkeypatch.setenv("MODEL_DIR", str(ROOT / "models"))
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/1")
    monkeypatch.delenv("TRACKER_URL", raising=False)

    with pytest.raises(SystemExit, match="TRACKER_URL=postgresql://"):
        check_ready_to_serve(settings_module.load())


def test_debug_logging_warns_that_logs_hold_health_data(monkeypatch, capsys):
    monkeypatch.setenv("LOG_LEVEL", "debug")
    settings = settings_module.load()

    warn_about_logging(settings)

    err = capsys.readouterr().err
    assert "WARNING" in err and "health data" in err
    assert service_env(settings)["LOG_LEVEL"] == "DEBUG"


def test_info_logging_prints_no_warning(monkeypatch, capsys):
    monkeypatch.delenv("LOG_LEVEL", raising=False)

    warn_about_logging(settings_module.load())

    assert capsys.readouterr().err == ""


def _tar_gz(path, members):
    with tarfile.open(path, "w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))


@pytest.mark.parametrize(
    "damage",
    ["truncated", "not_gzip", "no_metadata", "bad_metadata"],
)
def test_a_corrupt_model_fails_at_start_naming_make_model(
    monkeypatch, tmp_path, damage
):
    model = tmp_path / "assistant.tar.gz"
    if damage == "not_gzip":
        model.write_text("this is not a model")
    elif damage == "no_metadata":
        _tar_gz(model, {"components/x.json": b"{}"})
    elif damage == "bad_metadata":
        _tar_gz(model, {"metadata.json": b"{not json"})
    else:
        _tar_gz(model, {"metadata.json": b"{}", "big.bin": bytes(range(256)) * 4000})
        model.write_bytes(model.read_bytes()[:-200])
    monkeypatch.setenv("MODEL_DIR", str(tmp_path))

    with pytest.raises(SystemExit, match="make model"):
        check_ready_to_serve(settings_module.load())


@pytest.mark.parametrize("name", ["endpoints.yml", "endpoints.scaled.yml"])
def test_the_domain_goes_only_to_the_actions_that_read_it(name, monkeypatch):
    """Selective domain: the session start (reads session_config) and the form
    validation (reads the form's slots) get the domain; the others do not."""
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.domain import Domain

    env = {
        "ACTION_ENDPOINT_URL": "http://localhost:5055/webhook",
        "TRACKER_DIALECT": "sqlite",
        "TRACKER_STORE_URL": "/tmp/x.db",
        "LOCK_STORE_HOST": "localhost",
        "LOCK_STORE_PORT": "6379",
        "LOCK_STORE_DB": "1",
        "LOCK_STORE_PASSWORD": "",
    }
    endpoint = _load_endpoints(ROOT / name, env, monkeypatch).action
    domain = Domain.load(str(ROOT / "domain.yml"))

    def sends_domain(action: str) -> bool:
        remote = RemoteAction(action, endpoint)
        return "domain" in remote._action_call_format(_tracker(domain), domain)

    assert sends_domain("action_session_start")
    assert sends_domain("validate_symptom_form")
    assert not sends_domain("action_answer_question")
    assert not sends_domain("action_red_flag_takeover")


def _tracker(domain):
    from rasa.shared.core.trackers import DialogueStateTracker

    return DialogueStateTracker("someone", domain.slots)
