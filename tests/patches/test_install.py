"""One install() applies every patch, and only on the Rasa it was written for."""

from __future__ import annotations

import re

import pytest

import bot.patches
from bot.rasa_plugins import version
from bot.settings import ROOT


def _patched_places():
    """Every (owner, attribute) a patch replaces."""
    import rasa.core.run
    import rasa.engine.loader
    from rasa.core.actions.action import RemoteAction
    from rasa.core.policies.ted_policy import TEDPolicy
    from rasa.core.processor import MessageProcessor
    from rasa.engine.runner.dask import DaskGraphRunner
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import Event
    from rasa.shared.nlu.training_data.features import Features
    from rasa.utils.endpoints import EndpointConfig
    from rasa.utils.tensorflow.models import RasaModel

    return [
        (RemoteAction, "run"),
        (RemoteAction, "_validate_action_result"),
        (Event, "resolve_by_type"),
        (rasa.core.run, "load_agent_on_start"),
        (rasa.engine.loader, "load_predict_graph_runner"),
        (MessageProcessor, "handle_message"),
        (TEDPolicy, "predict_action_probabilities"),
        (RasaModel, "load"),
        (RasaModel, "_rasa_predict"),
        (DaskGraphRunner, "run"),
        (Domain, "states_for_tracker_history"),
        (Features, "_combine_sparse_features"),
        (EndpointConfig, "session"),
        (rasa.core.run, "close_resources"),
    ]


def _shimmed_modules():
    """Every (module, name, shim class) where a patch stands in for a module."""
    import rasa.utils.endpoints
    from rasa.core.policies import memoization, rule_policy

    from bot.patches.action_connections import SharedPoolAiohttp
    from bot.patches.debug_copies import DebugCopy

    return [
        (memoization, "copy", DebugCopy),
        (rule_policy, "copy", DebugCopy),
        (rasa.utils.endpoints, "aiohttp", SharedPoolAiohttp),
    ]


@pytest.fixture()
def rasa_originals():
    """Rasa's functions before the test, put back after it."""
    from rasa.core.actions.action import RemoteAction

    places = _patched_places() + [(m, name) for m, name, _ in _shimmed_modules()]
    saved = [(owner, name, vars(owner)[name]) for owner, name in places]
    yield (
        RemoteAction.__dict__["run"],
        RemoteAction.__dict__["_validate_action_result"],
    )
    for owner, name, value in saved:
        setattr(owner, name, value)


def test_another_rasa_version_is_refused_with_the_fix_and_nothing_is_patched(
    rasa_originals,
):
    from rasa.core.actions.action import RemoteAction

    with pytest.raises(version.UnsupportedRasaVersion) as refused:
        bot.patches.install(found="3.6.20")
    message = str(refused.value)
    assert "Rasa 3.6.20 is installed" in message
    assert f"rasa=={version.WRITTEN_FOR}" in message  # the fix
    assert "bot/rasa_plugins/version.py" in message  # or where to port them
    assert RemoteAction.__dict__["run"] is rasa_originals[0]


def test_the_written_for_version_installs_every_patch(rasa_originals):
    from rasa.core.actions.action import RemoteAction

    bot.patches.install(found=version.WRITTEN_FOR)
    assert getattr(RemoteAction.run, "_polite_on_failure", False)
    assert RemoteAction._validate_action_result is not rasa_originals[1]
    for owner, name in _patched_places():
        replaced = vars(owner)[name]
        replaced = getattr(replaced, "__func__", replaced)
        assert hasattr(replaced, "__wrapped__") or owner is RemoteAction, name
    for module, name, shim in _shimmed_modules():
        assert isinstance(vars(module)[name], shim), (module.__name__, name)


def test_the_guard_names_the_rasa_pinned_in_requirements_lock():
    pinned = re.search(r"^rasa==(\S+)$", (ROOT / "requirements.lock").read_text(), re.M)
    assert pinned and pinned.group(1) == version.WRITTEN_FOR
    assert version.installed_rasa() == version.WRITTEN_FOR


def test_the_windowed_tracker_store_refuses_another_rasa(monkeypatch, tmp_path):
    from bot.rasa_plugins.tracker_store import WindowedSQLTrackerStore

    monkeypatch.setattr(version, "installed_rasa", lambda: "3.7.0")
    with pytest.raises(version.UnsupportedRasaVersion, match="WindowedSQLTrackerStore"):
        WindowedSQLTrackerStore(None, dialect="sqlite", db=str(tmp_path / "x.db"))


def test_the_rasa_server_installs_through_the_one_entry_point():
    source = (ROOT / "bot" / "serve" / "rasa_server.py").read_text()
    assert "bot.patches.install()" in source
    assert "action_faults.install" not in source and "speedups.install" not in source
