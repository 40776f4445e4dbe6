"""The skeleton's applied rows are exactly the events Rasa applies."""

from __future__ import annotations

import pytest
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_plugins import history
from bot.rasa_plugins.history import Planner, Window, applied, plan
from tests.rasa_plugins import conversations as talk


def _rows(events):
    return [(i, e.type_name, e.as_dict().get("name")) for i, e in enumerate(events)]


def _rasa_applied_indexes(events):
    tracker = DialogueStateTracker("x", slots=None)
    tracker.events.extend(events)
    ids = {id(e): i for i, e in enumerate(events)}
    return [ids[id(e)] for e in tracker.applied_events()]


@pytest.mark.parametrize("seed", range(8))
def test_applied_rows_match_rasa_applied_events_at_every_length(seed):
    events = talk.long_conversation(40, seed=seed)
    events += talk.restart() + talk.session_start({"red_flag": True})
    events += talk.form(answers=3)  # ends inside an active form
    rows = _rows(events)
    for end in range(0, len(events) + 1, 3):
        expected = _rasa_applied_indexes(events[:end])
        loops = frozenset(n for _, k, n in rows if k in ("active_loop", "form") and n)
        assert [r[0] for r in applied(rows[:end], loops)] == expected


def test_a_session_shorter_than_the_window_is_read_whole():
    rows = _rows(talk.session_start() + talk.question(1) + talk.thanks())
    assert plan(rows, window=len(rows), min_actions=4) is None


def test_the_window_begins_where_a_turn_begins_and_holds_the_last_rows():
    events = talk.session_start() + sum((talk.question(i) for i in range(30)), [])
    rows = _rows(events)
    window = plan(rows, window=20, min_actions=4)
    first = window.first_id
    assert rows[first][2] == "action_listen" and rows[first + 1][1] == "user"
    assert len(rows) - 20 - 4 < first <= len(rows) - 20  # one turn is 4 rows
    assert window.state_ids[0] == 1  # the session start comes first


def test_a_form_active_at_the_cut_moves_the_window_before_the_form_began():
    events = talk.session_start() + sum((talk.question(i) for i in range(10)), [])
    began = len(events)
    events += talk.form(answers=5)  # still active: one slot left to ask
    rows = _rows(events)
    window = plan(rows, window=12, min_actions=4)
    assert window.first_id < began
    assert all(r[1] != "active_loop" for r in rows[: window.first_id])


def test_slots_from_a_rewound_turn_are_not_carried():
    events = talk.session_start() + talk.fallback()
    events += sum((talk.question(i) for i in range(10)), [])
    rows = _rows(events)
    window = plan(rows, window=12, min_actions=4)
    carried = {rows[i][2] for i in window.state_ids if rows[i][1] == "slot"}
    assert "severity" not in carried


def _replayed_plan(rows, window, min_actions):
    """The window, planned from the start by replaying every row each time:
    the plain reading of `plan`'s contract, for the planner to match."""
    if len(rows) <= window:
        return None
    loop_names = history._loop_names(rows)
    actions = [r[0] for r in applied(rows, loop_names) if r[1] == "action"]
    if len(actions) <= min_actions:
        return None
    index = {row[0]: i for i, row in enumerate(rows)}
    limit = min(len(rows) - window, index[actions[-min_actions]])
    while True:
        cut = history._turn_start_at_or_before(rows, limit)
        if cut is None:
            return None
        state = history._State().add(applied(rows[:cut], loop_names))
        if state.loop is None or not state.loop[2]:
            break
        limit = index[state.loop[0]] - 1
    started = [r for r in rows[:cut] if r[1] == "session_started"][:1]
    kept = (*started, *state.kept(), *state.slots.values())
    return Window(tuple(sorted(row[0] for row in kept)), rows[cut][0])


def _grown(seed):
    """A session's rows as they grow: long, with forms (one still active at
    the end), fallbacks, resets, pauses, a restart and a new session."""
    events = talk.long_conversation(60, seed=seed)
    events += talk.restart() + talk.session_start({"red_flag": True})
    events += talk.long_conversation(30, seed=seed + 100)[4:]
    return _rows(events + talk.form(answers=3))


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("window, min_actions", [(24, 12), (60, 12), (12, 4)])
def test_the_planner_plans_what_a_replay_plans_at_every_length(
    seed, window, min_actions
):
    rows = _grown(seed)
    planner = Planner(window, min_actions)
    for end in range(1, len(rows) + 1):
        expected = _replayed_plan(rows[:end], window, min_actions)
        assert planner.plan(rows[:end]) == expected, end
        assert plan(rows[:end], window, min_actions) == expected, end


def test_the_planner_starts_over_on_rows_that_do_not_extend_the_last():
    rows = _grown(0)
    planner = Planner(24, 12)
    planner.plan(rows[:300])
    other = _grown(1)[:200]
    assert planner.plan(other) == _replayed_plan(other, 24, 12)


def test_the_planner_applies_only_the_rows_after_its_checkpoint(monkeypatch):
    applied_rows = []
    apply = history._apply

    def counting(done, rows, loop_names):
        applied_rows.append(len(rows))
        return apply(done, rows, loop_names)

    monkeypatch.setattr(history, "_apply", counting)
    rows = _rows(talk.session_start() + sum((talk.question(i) for i in range(500)), []))
    planner = Planner(60, 12)
    planner.plan(rows[:200])  # from the start, once
    for end in range(201, len(rows) + 1):
        applied_rows.clear()
        assert planner.plan(rows[:end]) is not None
        assert sum(applied_rows) <= 4 * 60
