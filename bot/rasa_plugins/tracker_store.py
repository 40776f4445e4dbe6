"""Rasa's SQL tracker store, reading only the part of a session a turn needs.

Rasa 3.6's SQLTrackerStore reads, parses and replays every event of the current
session on each message, and the policies featurise all of it, so a message cost
about 0.75 ms more per earlier turn of the session (267 ms at turn 300 against
44 ms at the start). The policies look at a few turns only (`max_history`, rules
a few turns long), and the actions and the NLG read the current turn and the
slots.

This store reads the session's skeleton (id, type and name of each row, no
event bodies), works out there which rows Rasa would apply (bot.rasa_plugins.
history), and then loads only:
- the rows that carry the state at a cut: the session start, the latest applied
  value of each slot, a pause;
- every row from the cut on: at least the last `window_events` rows, beginning
  where a turn begins and never inside an active loop (form).
Slots, the active loop, the latest message and action come out as in the full
tracker; so do the last turns' states the policies see (tested against Rasa's
own store in tests/rasa_plugins/test_tracker_store.py). Sessions shorter than
the window are read whole, as Rasa reads them.

Read whole on every message, the skeleton itself grew with the session. So each
server keeps the skeletons of the conversations it read last (bot.rasa_plugins.
skeletons) and reads only the rows stored since, by it or by any other server,
when the conversation's row count and the last row it read vouch for the rest;
otherwise, and when a new session starts, it reads the skeleton again with
Rasa's query. The bodies are then read by id.

Saving writes only the events added since the tracker was read. Everything else
is Rasa's: the table, what is written, the session start (a new session is a
`session_started` row; a restart a `restart` row, after which Rasa starts a new
session), `retrieve_full_tracker` (the HTTP API's full history), the lock store.
On SQLite (the one-machine default) the file is put in write-ahead-log mode with
`synchronous=NORMAL`: a commit no longer waits for the disk (it was the largest
single cost of a message, about 37 ms of fsync on a busy VM), the file stays
consistent after any crash, and only a power cut can lose the last turns.
PostgreSQL, the production store, keeps its own settings.

Select it with `tracker_store: type:
bot.rasa_plugins.tracker_store.WindowedSQLTrackerStore`.
"""

from __future__ import annotations

import json
import logging
from typing import Any, List, NamedTuple, Tuple

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_plugins.history import Planner, Row, Window, plan, position
from bot.rasa_plugins.skeletons import Skeleton, SkeletonCache
from bot.rasa_plugins.version import require_rasa

logger = logging.getLogger(__name__)

# About ten turns of this assistant.
WINDOW_EVENTS = 60
# Applied actions (dialogue states) the window keeps at least: over twice
# TEDPolicy's and MemoizationPolicy's max_history (5), and longer than any rule.
MIN_ACTIONS = 12
# Set on a tracker this store read: how many of its events are already stored
# (or stand for stored state) and must not be written again.
LOADED = "_windowed_store_loaded"


class Queries(NamedTuple):
    """The statements the store runs (WindowedSQLTrackerStore._queries)."""

    skeleton: Any
    whole: Any
    newer: Any
    totals: Any
    bodies: Any


class WindowedSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore that loads the state at a cut plus a bounded window."""

    def __init__(
        self,
        *args: Any,
        window_events: int = WINDOW_EVENTS,
        sqlite_wal: bool = True,
        **kwargs: Any,
    ):
        """Rasa passes the endpoints file's keys; `window_events` and
        `sqlite_wal` are ours."""
        require_rasa("WindowedSQLTrackerStore (bot/rasa_plugins/tracker_store.py)")
        window_events = int(window_events)
        if window_events < 10:
            raise ValueError(
                f"tracker_store window_events is {window_events}; set it to 10 or "
                f"more in the endpoints file (the policies look back several turns)."
            )
        super().__init__(*args, **kwargs)
        self.window_events = window_events
        self._built: Queries | None = None
        self._skeletons = SkeletonCache()
        self._insert = self.SQLEvent.__table__.insert()
        if self.engine.dialect.name == "sqlite" and str(sqlite_wal).lower() != "false":
            _write_ahead(self)

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        """The tracker of the latest session, from its state and recent rows."""
        with self.session_scope() as session:
            rows, planner = self._skeleton(session, sender_id)
            if planner is None:
                window = plan(rows, self.window_events, MIN_ACTIONS)
            else:
                window = planner.plan(rows)
            if window is None:
                bodies = session.execute(
                    self._queries().whole, {"sender_id": sender_id}
                ).all()
            else:
                bodies = self._window_bodies(session, sender_id, rows, window)
        if not bodies:
            return None
        events = [json.loads(data) for (data,) in bodies]
        tracker = DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        setattr(tracker, LOADED, len(tracker.events))
        return tracker

    def _skeleton(
        self, session: Any, sender_id: str
    ) -> Tuple[List[Row], Planner | None]:
        """The latest session's skeleton, and the planner kept with it: the rows
        stored since the last read added to the skeleton kept from it, or, when
        it cannot be vouched for (see skeletons.Skeleton.extend), read again
        with Rasa's query."""
        queries = self._queries()
        kept = self._skeletons.get(sender_id)
        if kept is not None:
            newer = session.execute(
                queries.newer, {"sender_id": sender_id, "last_id": kept.last_id}
            ).all()
            count, last_id = session.execute(
                queries.totals, {"sender_id": sender_id}
            ).one()
            if kept.extend(newer, count, last_id):
                self._skeletons.put(sender_id, kept)
                return kept.rows, kept.planner
            self._skeletons.drop(sender_id)
        timed = session.execute(queries.skeleton, {"sender_id": sender_id}).all()
        count, last_id = session.execute(queries.totals, {"sender_id": sender_id}).one()
        skeleton = Skeleton.read(timed, count, last_id)
        if skeleton is None:
            return [(r[0], r[1], r[2]) for r in timed], None
        skeleton.planner = Planner(self.window_events, MIN_ACTIONS)
        self._skeletons.put(sender_id, skeleton)
        return skeleton.rows, skeleton.planner

    def _window_bodies(
        self, session: Any, sender_id: str, rows: List[Row], window: Window
    ) -> List[Tuple[str]]:
        """The bodies of the window's rows, by id: the state rows, then every
        session row from the cut on."""
        first = position(rows, window.first_id)
        wanted = set(window.state_ids).union(r[0] for r in rows[first:])
        found = session.execute(
            self._queries().bodies,
            {
                "sender_id": sender_id,
                "state_ids": list(window.state_ids),
                "first_id": window.first_id,
            },
        ).all()
        bodies = dict(found)
        return [(bodies[i],) for i in sorted(wanted) if i in bodies]

    def _queries(self) -> Queries:
        """The store's statements, built once with the sender as a parameter:
        building and keying a query anew for every message cost more than
        running it.

        `skeleton` and `whole` are Rasa's query for the latest session's rows
        (`_event_query`): its skeleton with timestamps, and every body.
        `newer` and `bodies` select by the conversation and row id only, so
        each reads a few index entries and rows whatever the length of the
        conversation; `totals` counts the conversation's entries in its index."""
        if self._built is None:
            import sqlalchemy as sa

            event = self.SQLEvent
            table = event.__table__
            sender = table.c.sender_id == sa.bindparam("sender_id")
            with self.session_scope() as session:
                query = self._event_query(session, sa.bindparam("sender_id"), False)
                skeleton = query.with_entities(
                    event.id, event.type_name, event.action_name, event.timestamp
                ).statement
                whole = query.with_entities(event.data).statement
            columns = (table.c.id, table.c.type_name, table.c.action_name)
            self._built = Queries(
                skeleton=skeleton,
                whole=whole,
                newer=sa.select(*columns, table.c.timestamp)
                .where(sender, table.c.id >= sa.bindparam("last_id"))
                .order_by(table.c.id),
                totals=sa.select(sa.func.count(), sa.func.max(table.c.id)).where(
                    sender
                ),
                # Two selects, not one with OR: SQLite answered that one by
                # walking every index entry of the conversation.
                bodies=sa.union_all(
                    sa.select(table.c.id, table.c.data).where(
                        sender,
                        table.c.id.in_(sa.bindparam("state_ids", expanding=True)),
                    ),
                    sa.select(table.c.id, table.c.data).where(
                        sender, table.c.id >= sa.bindparam("first_id")
                    ),
                ),
            )
        return self._built

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Rasa's save; a tracker read here then counts its events as stored.

        The rows of a tracker read here go in as one insert of plain rows, the
        rows Rasa's save makes: its ORM unit of work cost more than the insert.
        """
        loaded = getattr(tracker, LOADED, None)
        if loaded is None:
            await super().save(tracker)
            return
        await self.stream_events(tracker)
        rows = [_row(tracker.sender_id, e) for e in list(tracker.events)[loaded:]]
        with self.session_scope() as session:
            if rows:
                session.execute(self._insert, rows)
            session.commit()
        setattr(tracker, LOADED, len(tracker.events))


def _row(sender_id: str, event: Any) -> dict:
    """The `events` row Rasa's SQLTrackerStore.save writes for `event`."""
    from rasa.shared.nlu.constants import INTENT_NAME_KEY

    data = event.as_dict()
    return {
        "sender_id": sender_id,
        "type_name": event.type_name,
        "timestamp": data.get("timestamp"),
        "intent_name": data.get("parse_data", {})
        .get("intent", {})
        .get(INTENT_NAME_KEY),
        "action_name": data.get("name"),
        "data": json.dumps(data),
    }


def _write_ahead(store: SQLTrackerStore) -> None:
    """The store's SQLite engine again, with a write-ahead log, commits without
    fsync, and pooled connections: Rasa's engine opens and closes a connection
    per read and write, and closing the last one checkpoints the log to disk."""
    import sqlalchemy as sa

    def on_connect(connection: Any, _record: Any) -> None:
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    engine = sa.create_engine(
        store.engine.url,
        poolclass=sa.pool.QueuePool,
        # A pooled connection may be handed to another thread than the one
        # that opened it; each is used by one thread at a time.
        connect_args={"check_same_thread": False},
    )
    sa.event.listen(engine, "connect", on_connect)
    store.engine.dispose()
    store.engine = engine
    store.sessionmaker = sa.orm.session.sessionmaker(bind=engine)
