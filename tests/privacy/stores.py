"""Tracker-store tables filled the way Rasa's SQLTrackerStore fills them."""

from __future__ import annotations

import json

import sqlalchemy as sa

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS events (id {pk}, sender_id VARCHAR(255) NOT NULL, "
    "type_name VARCHAR(255) NOT NULL, timestamp FLOAT, intent_name VARCHAR(255), "
    "action_name VARCHAR(255), data TEXT)"
)


def create_events_table(engine: sa.engine.Engine) -> None:
    pk = (
        "SERIAL PRIMARY KEY"
        if engine.dialect.name == "postgresql"
        else ("INTEGER PRIMARY KEY")
    )
    with engine.begin() as connection:
        connection.execute(sa.text(SCHEMA.format(pk=pk)))


def add_event(engine: sa.engine.Engine, sender: str, timestamp: float) -> None:
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO events (sender_id, type_name, timestamp, data) "
                "VALUES (:s, 'user', :t, :d)"
            ),
            {"s": sender, "t": timestamp, "d": json.dumps({"text": "x"})},
        )


def senders(engine: sa.engine.Engine) -> set:
    with engine.begin() as connection:
        rows = connection.execute(sa.text("SELECT DISTINCT sender_id FROM events"))
        return {row[0] for row in rows}
