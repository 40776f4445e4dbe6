"""Which stored events a turn needs: the applied state at a cut, then a window.

Pure functions over a session's skeleton, the (id, type, name) columns of its
rows in Rasa's SQL `events` table, so the store can decide what to read before
it reads any event body. `applied` is Rasa 3.6's
`DialogueStateTracker.applied_events` on those columns (rewinds, undos,
restarts, and the collapsed turns inside a loop); tests/rasa_plugins/
test_history.py checks it against Rasa's own on the same events.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Sequence, Tuple

from bot.domain_names import Actions

# id, type_name, the `action_name` column (the event's "name": the action, the
# slot, the loop).
Row = Tuple[int, str, str | None]

LISTEN = Actions.LISTEN
LOOP_TYPES = ("active_loop", "form")
FEATURIZED = ("action", "user", "user_featurization")


def _undo_till(done: List[Row], kind: str) -> None:
    while done:
        removed = done.pop()
        if removed[1] == kind:
            return


def _first_loop_execution_or_unhappy_path(loop: str, done: List[Row]) -> bool:
    next_action: str | None = None
    for _, kind, name in reversed(done):
        if kind in LOOP_TYPES and name is None:
            return True
        if kind == "action_execution_rejected" and name == loop:
            return True
        if kind == "user" and next_action is not None and next_action != loop:
            return True
        if kind == "action":
            if name == loop:
                return False
            next_action = name
    return True


def _undo_till_previous_loop_execution(loop: str, done: List[Row]) -> int:
    """Returns the lowest index a row was removed from (len(done) if none)."""
    offset = 0
    lowest = len(done)
    for _, kind, name in reversed(done[:]):
        if kind == "action" and name == loop:
            break
        if kind in FEATURIZED:
            lowest = len(done) - 1 - offset
            del done[-1 - offset]
        else:
            offset += 1
    return lowest


def _apply(done: List[Row], rows: Sequence[Row], loop_names: frozenset) -> int:
    """Apply `rows` after the rows `done` (changed in place), as Rasa's
    `applied_events()` goes on; returns the lowest index of `done` a row was
    removed from (its length before, if none)."""
    lowest = len(done)
    for row in rows:
        kind, name = row[1], row[2]
        if kind in ("restart", "session_started"):
            done.clear()
            lowest = 0
        elif kind == "undo":
            _undo_till(done, "action")
            lowest = min(lowest, len(done))
        elif kind == "rewind":
            _undo_till(done, "user")
            _undo_till(done, "action")
            lowest = min(lowest, len(done))
        elif (
            kind == "action"
            and name in loop_names
            and not _first_loop_execution_or_unhappy_path(name, done)
        ):
            lowest = min(lowest, _undo_till_previous_loop_execution(name, done))
        else:
            done.append(row)
    return lowest


def applied(rows: Sequence[Row], loop_names: frozenset | None = None) -> List[Row]:
    """The rows Rasa would apply, in order: `applied_events()` on the skeleton."""
    if loop_names is None:
        loop_names = _loop_names(rows)
    done: List[Row] = []
    _apply(done, rows, loop_names)
    return done


def _loop_names(rows: Sequence[Row]) -> frozenset:
    return frozenset(n for _, k, n in rows if k in LOOP_TYPES and n)


@dataclass(frozen=True)
class Window:
    """What to read: the rows carrying the state at the cut, then every row
    from the cut on."""

    state_ids: Tuple[int, ...]
    first_id: int


def _turn_start_at_or_before(rows: Sequence[Row], limit: int) -> int | None:
    """The last index <= limit where a turn begins: Rasa listened, the user spoke."""
    for i in range(min(limit, len(rows) - 2), -1, -1):
        if rows[i][1] == "action" and rows[i][2] == LISTEN and rows[i + 1][1] == "user":
            return i
    return None


@dataclass
class _State:
    """The latest applied row of each slot, the loop row, the latest pause or
    resume row, of the applied rows added."""

    slots: Dict[str, Row] = field(default_factory=dict)
    loop: Row | None = None
    pause: Row | None = None

    def add(self, done: Iterable[Row]) -> _State:
        for row in done:
            kind = row[1]
            if kind == "slot":
                self.slots[row[2] or ""] = row
            elif kind == "reset_slots":
                self.slots.clear()
            elif kind in LOOP_TYPES:
                self.loop = row
            elif kind in ("pause", "resume"):
                self.pause = row
        return self

    def copy(self) -> _State:
        return _State(dict(self.slots), self.loop, self.pause)

    def kept(self) -> List[Row]:
        """The pause, if the conversation is paused."""
        return [self.pause] if self.pause and self.pause[1] == "pause" else []


def plan(rows: Sequence[Row], window: int, min_actions: int) -> Window | None:
    """The window to read, or None when the whole session is needed.

    The window holds at least the last `window` rows and the last `min_actions`
    applied actions (a finished form collapses to a few), begins where a turn
    begins, and never inside an active loop. One planner from the start
    (tests/rasa_plugins/test_history.py checks it against a plain replay).
    """
    return Planner(window, min_actions).plan(rows)


@dataclass
class _Checkpoint:
    """Rows [0, end) of a conversation applied, with their state."""

    end: int = 0
    done: List[Row] = field(default_factory=list)
    state: _State = field(default_factory=_State)
    started: Row | None = None  # the first session start among them
    loop_names: frozenset = frozenset()


class Planner:
    """`plan` for one conversation whose rows only grow, at a cost that does not.

    Planning from the start applies the whole session per message. The planner
    keeps the applied rows and their state at an earlier cut, and applies only
    the rows after it (tests/rasa_plugins/test_history.py compares it with a
    replay from the start at every length). Where the rows after the
    checkpoint undo rows before it, or a loop not seen before appears, it
    plans from the start.
    """

    def __init__(self, window: int, min_actions: int) -> None:
        self.window = window
        self.min_actions = min_actions
        self._checkpoint = _Checkpoint()
        self._loop_names: frozenset = frozenset()
        self._seen: Tuple[int, Row] | None = None  # length and last row

    def plan(self, rows: Sequence[Row]) -> Window | None:
        """`plan(rows, window, min_actions)`; `rows` must extend the last rows."""
        self._follow(rows)
        if len(rows) <= self.window:
            return None
        answer = self._plan(rows)
        if answer is False:
            self._checkpoint = _Checkpoint(loop_names=self._loop_names)
            answer = self._plan(rows)  # from the start: nothing to undo
            assert answer is not False
        return answer

    def _follow(self, rows: Sequence[Row]) -> None:
        """Note the loops of the rows added since; start over if these rows
        are not the last ones extended."""
        start = 0
        if self._seen is not None:
            length, last = self._seen
            if length <= len(rows) and tuple(rows[length - 1]) == last:
                start = length
            else:
                self._checkpoint, self._loop_names = _Checkpoint(), frozenset()
        self._loop_names |= _loop_names(rows[start:])
        self._seen = (len(rows), tuple(rows[-1])) if rows else None
        if self._checkpoint.loop_names != self._loop_names:
            self._checkpoint = _Checkpoint(loop_names=self._loop_names)

    def _applied(self, rows: Sequence[Row], end: int) -> Tuple[List[Row], bool]:
        """applied(rows[:end]) from the checkpoint, and whether the rows before
        the checkpoint stayed applied."""
        checkpoint = self._checkpoint
        done = checkpoint.done.copy()
        lowest = _apply(done, rows[checkpoint.end : end], self._loop_names)
        return done, lowest >= len(checkpoint.done)

    def _plan(self, rows: Sequence[Row]) -> Window | None | bool:
        """The window, None, or False where only planning from the start can tell."""
        checkpoint = self._checkpoint
        done, kept = self._applied(rows, len(rows))
        if not kept:
            return False
        actions: List[int] = []
        for row in reversed(done):
            if row[1] == "action":
                actions.append(row[0])
                if len(actions) > self.min_actions:
                    break
        if len(actions) <= self.min_actions:
            return None
        # actions[i] is the (i + 1)-th last: plan's actions[-min_actions].
        last = position(rows, actions[self.min_actions - 1])
        limit = min(len(rows) - self.window, last)
        while True:
            cut = _turn_start_at_or_before(rows, limit)
            if cut is None:
                return None
            if cut < checkpoint.end:
                return False
            done, kept = self._applied(rows, cut)
            if not kept:
                return False
            state = checkpoint.state.copy().add(done[len(checkpoint.done) :])
            if state.loop is None or not state.loop[2]:
                break
            limit = position(rows, state.loop[0]) - 1
        started = checkpoint.started or next(
            (r for r in rows[checkpoint.end : cut] if r[1] == "session_started"), None
        )
        if cut - checkpoint.end >= self.window:
            self._checkpoint = _Checkpoint(
                cut, done, state.copy(), started, self._loop_names
            )
        kept_rows = state.kept() + list(state.slots.values())
        ids = sorted(row[0] for row in ([started] if started else []) + kept_rows)
        return Window(tuple(ids), rows[cut][0])


def position(rows: Sequence[Row], row_id: int) -> int:
    """The index of the row `row_id` in rows ordered by id (of the first row
    after it, if it is not there)."""
    # (row_id,) sorts just before the row (row_id, type, name).
    return bisect.bisect_left(rows, (row_id,))
