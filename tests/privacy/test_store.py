"""One conversation, or every idle one, is deleted from SQLite and PostgreSQL."""

from __future__ import annotations

import time

import pytest
import sqlalchemy as sa

from bot.privacy.store import delete_conversation, purge_idle
from tests.privacy.stores import add_event, create_events_table, senders
from tools.local_stores import Postgres, Unavailable

DAY = 86400


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)])
def engine(request, tmp_path):
    if request.param == "sqlite":
        engine = sa.create_engine(f"sqlite:///{tmp_path / 'tracker.db'}")
        yield engine
        engine.dispose()
        return
    try:
        server = Postgres.start()
    except Unavailable as exc:
        pytest.skip(str(exc))
    engine = sa.create_engine(server.url)
    yield engine
    engine.dispose()
    server.stop()


def test_deleting_a_conversation_leaves_the_others(engine):
    create_events_table(engine)
    now = time.time()
    for sender in ("ann", "bob"):
        for offset in range(3):
            add_event(engine, sender, now - offset)

    with engine.begin() as connection:
        assert delete_conversation(connection, "ann") == 3

    assert senders(engine) == {"bob"}


def test_purge_deletes_only_conversations_with_nothing_newer_than_the_limit(engine):
    create_events_table(engine)
    now = time.time()
    add_event(engine, "old", now - 40 * DAY)
    add_event(engine, "old", now - 31 * DAY)
    add_event(engine, "recent", now - 40 * DAY)  # old start, but still active
    add_event(engine, "recent", now - 2 * DAY)
    add_event(engine, "new", now - 60)

    assert purge_idle(engine, 30, now=now) == 1

    assert senders(engine) == {"recent", "new"}


def test_purge_of_a_store_not_yet_created_deletes_nothing(engine):
    assert purge_idle(engine, 30) == 0


def test_retention_must_be_at_least_a_day(engine):
    with pytest.raises(ValueError, match="at least 1 day"):
        purge_idle(engine, 0)
