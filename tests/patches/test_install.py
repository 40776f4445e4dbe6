"""One install() applies every patch, and only on the Rasa it was written for."""

from __future__ import annotations

import re

import pytest

import bot.patches
from bot.rasa_plugins import version
from bot.settings import ROOT


@pytest.fixture()
def rasa_originals():
    """Rasa's functions before the test, put back after it."""
    import rasa.core.run
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.events import Event

    saved = (
        RemoteAction.__dict__["run"],
        RemoteAction.__dict__["_validate_action_result"],
        Event.__dict__["resolve_by_type"],
        rasa.core.run.load_agent_on_start,
    )
    yield saved
    RemoteAction.run, RemoteAction._validate_action_result = saved[:2]
    Event.resolve_by_type = saved[2]
    rasa.core.run.load_agent_on_start = saved[3]


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
