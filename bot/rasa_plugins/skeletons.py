"""Each recent conversation's session skeleton, kept between its messages.

WindowedSQLTrackerStore plans every read from the skeleton of the current
session (id, type and name of each stored row). Read whole on every message, the
skeleton was the one cost that still grew with the conversation: after 300
turns, 2,200 rows fetched from the table and built into SQLAlchemy rows, about
10 ms of a 40 ms message. The store keeps each skeleton here and reads only the
rows stored since, by this server or any other, after checking that the rows it
holds are still the stored ones (`Skeleton.extend`). Whatever it cannot vouch
for (a deleted or purged conversation, rows it did not see arrive in id order,
a new session) it reads again whole, with Rasa's query.

Plain Python over plain tuples: no Rasa and no database here.
"""

from __future__ import annotations

import sys
from collections import OrderedDict
from dataclasses import dataclass
from typing import Dict, List, Sequence, Tuple

from bot.rasa_plugins.history import Planner, Row

# id, type_name, action_name, timestamp: a skeleton row with the timestamp Rasa
# uses to tell sessions apart.
TimedRow = Tuple[int, str, "str | None", "float | None"]
SESSION_STARTED = "session_started"
# About 10 MB of skeletons (a 300-turn conversation is about 2,200 rows).
MAX_ROWS = 100_000


def _row(row: TimedRow) -> Row:
    """The skeleton row, its strings shared with every other row's."""
    name = row[2]
    return (row[0], sys.intern(row[1]), None if name is None else sys.intern(name))


def in_session(timestamp: float | None, session_start: float | None) -> bool:
    """Rasa's test for a row of the latest session (SQLTrackerStore._event_query):
    timestamp >= the latest session start, or no session start at all."""
    if session_start is None:
        return True
    return timestamp is not None and timestamp >= session_start


@dataclass
class Skeleton:
    """The current session's rows of one conversation, and what identifies the
    stored rows they were read from."""

    rows: List[Row]
    # Rasa's session boundary: the latest `session_started` row's timestamp.
    session_start: float | None
    # The conversation's highest row id read, that row's timestamp, and how many
    # rows of the conversation (every session) have an id up to it.
    last_id: int
    last_timestamp: float | None
    count: int
    # Plans this conversation's windows from what it applied before.
    planner: Planner | None = None

    @classmethod
    def read(cls, session_rows: Sequence[TimedRow], count: int, last_id: int | None):
        """The skeleton from Rasa's query for the latest session, given the
        conversation's row count and highest id; None when the latest row is not
        in the session (its clock behind a session start: read whole each time)."""
        if not session_rows or session_rows[-1][0] != last_id:
            return None
        starts = [
            r[3] for r in session_rows if r[1] == SESSION_STARTED and r[3] is not None
        ]
        return cls(
            rows=[_row(r) for r in session_rows],
            session_start=max(starts) if starts else None,
            last_id=last_id,
            last_timestamp=session_rows[-1][3],
            count=count,
        )

    def extend(self, newer: Sequence[TimedRow], count: int, last_id: int) -> bool:
        """Add the rows stored since, or say the skeleton must be read again.

        `newer`: the conversation's rows with id >= `self.last_id`, in id order;
        `count`, `last_id`: its row count and highest id, read with them. They
        vouch for the rows held when the first of `newer` is the last row read
        (same id and timestamp: not deleted, nor its id reused) and the count
        grew by exactly the rows after it (none deleted, none stored below it).
        A new session start is left to Rasa's query, which finds sessions by
        timestamp.
        """
        added = newer[1:]
        if (
            not newer
            or newer[0][0] != self.last_id
            or newer[0][3] != self.last_timestamp
            or count != self.count + len(added)
            or newer[-1][0] != last_id
            or any(r[1] == SESSION_STARTED for r in added)
        ):
            return False
        self.rows.extend(_row(r) for r in added if in_session(r[3], self.session_start))
        if added:
            self.last_id, self.last_timestamp = added[-1][0], added[-1][3]
            self.count = count
        return True


class SkeletonCache:
    """Skeletons of the conversations read most recently, MAX_ROWS rows at most."""

    def __init__(self, max_rows: int = MAX_ROWS) -> None:
        self.max_rows = max_rows
        self._skeletons: OrderedDict[str, Skeleton] = OrderedDict()
        self._sizes: Dict[str, int] = {}
        self._rows = 0

    def get(self, sender_id: str) -> Skeleton | None:
        skeleton = self._skeletons.get(sender_id)
        if skeleton is not None:
            self._skeletons.move_to_end(sender_id)
        return skeleton

    def put(self, sender_id: str, skeleton: Skeleton) -> None:
        """Keep (or re-count, after `extend`) one conversation's skeleton."""
        self.drop(sender_id)
        if len(skeleton.rows) > self.max_rows:
            return
        self._skeletons[sender_id] = skeleton
        self._sizes[sender_id] = len(skeleton.rows)
        self._rows += len(skeleton.rows)
        while self._rows > self.max_rows:
            oldest, _ = self._skeletons.popitem(last=False)
            self._rows -= self._sizes.pop(oldest)

    def drop(self, sender_id: str) -> None:
        if self._skeletons.pop(sender_id, None) is not None:
            self._rows -= self._sizes.pop(sender_id)

    def __len__(self) -> int:
        return len(self._skeletons)
