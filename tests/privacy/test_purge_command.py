"""`python -m bot.privacy purge` (make purge) honours RETENTION_DAYS."""

from __future__ import annotations

import time

import pytest
import sqlalchemy as sa

from bot import settings as settings_module
from bot.privacy.__main__ import main
from tests.privacy.stores import add_event, create_events_table, senders

DAY = 86400


def test_purge_command_deletes_conversations_idle_past_retention(
    monkeypatch, tmp_path, capsys
):
    db = tmp_path / "tracker.db"
    engine = sa.create_engine(f"sqlite:///{db}")
    create_events_table(engine)
    add_event(engine, "idle", time.time() - 8 * DAY)
    add_event(engine, "active", time.time() - 6 * DAY)
    monkeypatch.delenv("TRACKER_URL", raising=False)
    monkeypatch.setenv("TRACKER_DB", str(db))
    monkeypatch.setenv("RETENTION_DAYS", "7")

    assert main(["purge"]) == 0

    assert senders(engine) == {"active"}
    assert "deleted 1 conversation(s)" in capsys.readouterr().out


def test_retention_days_default_to_30_and_must_be_positive(monkeypatch):
    monkeypatch.delenv("RETENTION_DAYS", raising=False)
    assert settings_module.load().retention_days == 30
    monkeypatch.setenv("RETENTION_DAYS", "0")
    with pytest.raises(ValueError, match="RETENTION_DAYS=0 must be at least 1"):
        settings_module.load()


def test_a_broken_store_fails_naming_the_fix(monkeypatch, capsys):
    monkeypatch.setenv("TRACKER_URL", "postgresql://nobody@127.0.0.1:1/none")
    assert main(["purge"]) == 1
    assert "TRACKER_URL" in capsys.readouterr().err
