"""Which stored events a turn needs: the applied state at a cut, then a window.

Pure functions over a session's skeleton, the (id, type, name) columns of its
rows in Rasa's SQL `events` table, so the store can decide what to read before
it reads any event body. `applied` is Rasa 3.6's
`DialogueStateTracker.applied_events` on those columns (rewinds, undos,
restarts, and the collapsed turns inside a loop); tests/rasa_plugins/
test_history.py checks it against Rasa's own on the same events.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Sequence, Tuple

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


def _undo_till_previous_loop_execution(loop: str, done: List[Row]) -> None:
    offset = 0
    for _, kind, name in reversed(done[:]):
        if kind == "action" and name == loop:
            break
        if kind in FEATURIZED:
            del done[-1 - offset]
        else:
            offset += 1


def applied(rows: Sequence[Row], loop_names: frozenset | None = None) -> List[Row]:
    """The rows Rasa would apply, in order: `applied_events()` on the skeleton."""
    if loop_names is None:
        loop_names = frozenset(n for _, k, n in rows if k in LOOP_TYPES and n)
    done: List[Row] = []
    for row in rows:
        kind, name = row[1], row[2]
        if kind in ("restart", "session_started"):
            done = []
        elif kind == "undo":
            _undo_till(done, "action")
        elif kind == "rewind":
            _undo_till(done, "user")
            _undo_till(done, "action")
        elif (
            kind == "action"
            and name in loop_names
            and not _first_loop_execution_or_unhappy_path(name, done)
        ):
            _undo_till_previous_loop_execution(name, done)
        else:
            done.append(row)
    return done


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


def _state_at(done: List[Row]) -> Tuple[Dict[str, Row], Row | None, List[Row]]:
    """The latest applied row of each slot, the loop row, and a pause if any."""
    slots: Dict[str, Row] = {}
    loop: Row | None = None
    kept: List[Row] = []
    pause: Row | None = None
    for row in done:
        kind = row[1]
        if kind == "slot":
            slots[row[2] or ""] = row
        elif kind == "reset_slots":
            slots.clear()
        elif kind in LOOP_TYPES:
            loop = row
        elif kind in ("pause", "resume"):
            pause = row
    if pause is not None and pause[1] == "pause":
        kept.append(pause)
    return slots, loop, kept


def plan(rows: Sequence[Row], window: int, min_actions: int) -> Window | None:
    """The window to read, or None when the whole session is needed.

    The window holds at least the last `window` rows and the last `min_actions`
    applied actions (a finished form collapses to a few), begins where a turn
    begins, and never inside an active loop.
    """
    if len(rows) <= window:
        return None
    loop_names = frozenset(n for _, k, n in rows if k in LOOP_TYPES and n)
    actions = [r[0] for r in applied(rows, loop_names) if r[1] == "action"]
    if len(actions) <= min_actions:
        return None
    index = {row[0]: i for i, row in enumerate(rows)}
    limit = min(len(rows) - window, index[actions[-min_actions]])
    while True:
        cut = _turn_start_at_or_before(rows, limit)
        if cut is None:
            return None
        slots, loop, kept = _state_at(applied(rows[:cut], loop_names))
        if loop is None or not loop[2]:
            break
        # A loop active at the cut keeps its trigger message and its interrupted
        # and rejected flags in events before the cut: begin before the loop did.
        limit = index[loop[0]] - 1
    # The session's start stays first, as in the tracker Rasa would build; it
    # resets the state, so what follows it is the state at the cut.
    started = [r for r in rows[:cut] if r[1] == "session_started"][:1]
    state = sorted(row[0] for row in (*started, *kept, *slots.values()))
    return Window(tuple(state), rows[cut][0])
