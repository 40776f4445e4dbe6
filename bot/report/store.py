"""Streams the tracker store's `events` table, one sender at a time.

Rasa's SQL tracker store (SQLite or PostgreSQL) keeps one row per event. The
rows are read in (sender_id, id) order through a server-side cursor, so the
report holds one sender's events at a time, never the store. A deleted
conversation has no rows, so it never reaches the report.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Dict, Iterator, List

# Only these event types are parsed from their JSON; the rest are named by the
# columns alone (an action's name, a slot's name), which is most of the rows.
PARSED_TYPES = frozenset({"user", "bot", "slot"})
ROWS_PER_FETCH = 2000


@dataclass
class Event:
    """One row: its type, time, the indexed names, and the parsed JSON if needed."""

    type: str
    timestamp: float
    intent: str | None
    name: str | None
    data: Dict[str, Any]


def open_engine(url: str):
    """An SQLAlchemy engine for the tracker store at `url`."""
    import sqlalchemy as sa

    try:
        return sa.create_engine(url)
    except Exception as exc:
        raise SystemExit(
            f"cannot open the tracker store {url.split('@')[-1]!r}: {exc}; set "
            "TRACKER_URL (or TRACKER_DB) to the store the Rasa server uses"
        ) from exc


def stream_senders(
    url: str, since: float, parsed_slots: frozenset = frozenset()
) -> Iterator[tuple]:
    """(sender_id, [Event, ...]) for each sender with events at or after `since`,
    in time order within the sender."""
    import sqlalchemy as sa

    engine = open_engine(url)
    if not sa.inspect(engine).has_table("events"):
        engine.dispose()
        raise SystemExit(
            f"the tracker store {url.split('@')[-1]!r} has no `events` table: "
            "point TRACKER_URL (or TRACKER_DB) at the store the Rasa server writes"
        )
    table = sa.table(
        "events",
        sa.column("id"),
        sa.column("sender_id"),
        sa.column("type_name"),
        sa.column("timestamp"),
        sa.column("intent_name"),
        sa.column("action_name"),
        sa.column("data"),
    )
    query = (
        sa.select(
            table.c.sender_id,
            table.c.type_name,
            table.c.timestamp,
            table.c.intent_name,
            table.c.action_name,
            table.c.data,
        )
        .where(table.c.timestamp >= since)
        .order_by(table.c.sender_id, table.c.id)
    )
    current: str | None = None
    events: List[Event] = []
    try:
        with engine.connect() as connection:
            result = connection.execution_options(stream_results=True).execute(query)
            for rows in result.partitions(ROWS_PER_FETCH):
                for sender, kind, timestamp, intent, name, raw in rows:
                    if sender != current:
                        if events:
                            yield current, events
                        current, events = sender, []
                    events.append(
                        _event(kind, timestamp, intent, name, raw, parsed_slots)
                    )
        if events:
            yield current, events
    finally:
        engine.dispose()


def _event(kind, timestamp, intent, name, raw, parsed_slots) -> Event:
    wanted = kind in PARSED_TYPES and (kind != "slot" or name in parsed_slots)
    data: Dict[str, Any] = {}
    if wanted and raw:
        try:
            data = json.loads(raw)
        except ValueError:
            data = {}
    return Event(kind, timestamp or 0.0, intent, name, data)
