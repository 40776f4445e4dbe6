"""Deleting conversations from the SQL tracker store (SQLite or PostgreSQL).

Rasa's SQLTrackerStore keeps one row per event in the table `events`
(sender_id, timestamp, ...). A conversation is all rows of one sender_id; its
last activity is the newest row's timestamp (seconds since the epoch).
"""

from __future__ import annotations

import time
from typing import Any

import sqlalchemy as sa

EVENTS = "events"
SECONDS_PER_DAY = 86400


def delete_conversation(connection: Any, sender_id: str) -> int:
    """Delete every event of `sender_id`; the number of rows deleted."""
    result = connection.execute(
        sa.text(f"DELETE FROM {EVENTS} WHERE sender_id = :sender"),
        {"sender": sender_id},
    )
    return result.rowcount or 0


def purge_idle(engine: sa.engine.Engine, days: int, now: float | None = None) -> int:
    """Delete conversations with no event newer than `days` days; how many.

    One statement, so a conversation that gets a message while the purge runs
    keeps that message: the database only deletes rows its snapshot saw as idle.
    """
    if days < 1:
        raise ValueError(f"retention must be at least 1 day, not {days}")
    cutoff = (time.time() if now is None else now) - days * SECONDS_PER_DAY
    if not sa.inspect(engine).has_table(EVENTS):
        return 0
    with engine.begin() as connection:
        idle = [
            row[0]
            for row in connection.execute(
                sa.text(
                    f"SELECT sender_id FROM {EVENTS} GROUP BY sender_id "
                    "HAVING MAX(timestamp) < :cutoff"
                ),
                {"cutoff": cutoff},
            )
        ]
        deleted = 0
        for sender in idle:
            # Checked again per sender: a message may have arrived meanwhile.
            result = connection.execute(
                sa.text(
                    f"DELETE FROM {EVENTS} WHERE sender_id = :sender AND NOT EXISTS "
                    f"(SELECT 1 FROM {EVENTS} AS newer WHERE newer.sender_id = "
                    ":sender AND newer.timestamp >= :cutoff)"
                ),
                {"sender": sender, "cutoff": cutoff},
            )
            deleted += 1 if result.rowcount else 0
    return deleted


def engine_for(url: str) -> sa.engine.Engine:
    """An engine for a tracker-store URL (bot.settings.tracker_store_url)."""
    return sa.create_engine(url)
