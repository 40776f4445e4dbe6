"""The windowed store gives the policies, actions and NLG what Rasa's own SQL
store gives them, reads a bounded number of events, and writes the same rows."""

from __future__ import annotations

import asyncio
import json

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_plugins.tracker_store import WindowedSQLTrackerStore
from bot.settings import ROOT
from tests.rasa_plugins import conversations as talk

WINDOW = 24
HISTORY = 10  # twice TEDPolicy's and MemoizationPolicy's max_history


@pytest.fixture(scope="module")
def domain(rasa_domain):
    """Rasa's Domain object here, not the dict the actions receive."""
    return rasa_domain


@pytest.fixture()
def stores(tmp_path, domain):
    db = str(tmp_path / "tracker.db")
    rasa = SQLTrackerStore(domain, dialect="sqlite", db=db)
    ours = WindowedSQLTrackerStore(
        domain, dialect="sqlite", db=db, window_events=WINDOW
    )
    return rasa, ours


def run(coro):
    return asyncio.run(coro)


def _turn_ends(events):
    return [i + 1 for i, e in enumerate(events) if e.type_name == "action"
            and e.action_name == "action_listen"]  # fmt: skip


def _same_for_prediction(full, windowed, domain):
    assert windowed.current_slot_values() == full.current_slot_values()
    assert windowed.active_loop == full.active_loop
    assert windowed.is_paused() == full.is_paused()
    assert windowed.followup_action == full.followup_action
    assert windowed.latest_action == full.latest_action
    assert windowed.latest_message == full.latest_message
    assert windowed.latest_bot_utterance == full.latest_bot_utterance
    assert (
        windowed.past_states(domain)[-HISTORY:] == full.past_states(domain)[-HISTORY:]
    )
    rule_view = {"ignore_rule_only_turns": True, "rule_only_data": {}}
    assert (
        windowed.past_states(domain, **rule_view)[-HISTORY:]
        == full.past_states(domain, **rule_view)[-HISTORY:]
    )
    assert bool(windowed.applied_events()) == bool(full.applied_events())


@pytest.mark.parametrize("seed", [0, pytest.param(1, marks=pytest.mark.slow)])
def test_every_turn_of_a_long_session_predicts_from_the_same_state(
    stores, domain, seed
):
    rasa, ours = stores
    events = talk.long_conversation(35, seed=seed)
    events += talk.form(answers=4)
    sender = f"long-{seed}"
    for end in _turn_ends(events):
        run(rasa.save(DialogueStateTracker.from_events(sender, events[:end])))
        full = run(rasa.retrieve(sender))
        windowed = run(ours.retrieve(sender))
        _same_for_prediction(full, windowed, domain)
        assert len(windowed.events) <= len(full.events) + len(domain.slots)


def test_a_long_session_is_read_as_a_bounded_window(stores, domain):
    rasa, ours = stores
    events = talk.session_start() + sum((talk.question(i) for i in range(200)), [])
    run(rasa.save(DialogueStateTracker.from_events("chatty", events)))
    windowed = run(ours.retrieve("chatty"))
    assert len(run(rasa.retrieve("chatty")).events) >= len(events) - 1
    assert WINDOW <= len(windowed.events) <= WINDOW + 4


def test_a_session_of_forms_is_read_as_a_bounded_window(stores, domain):
    """A finished form collapses to a few dialogue states, so the window reaches
    back over a few forms to keep its states; never more."""
    rasa, ours = stores
    events = talk.session_start() + sum((talk.form() for _ in range(30)), [])
    run(rasa.save(DialogueStateTracker.from_events("forms", events)))
    windowed = run(ours.retrieve("forms"))
    assert len(windowed.events) <= WINDOW + len(domain.slots) + 4 * len(talk.form())
    assert len(windowed.events) < len(events) / 5


def _stored(store, sender):
    with store.session_scope() as session:
        rows = session.query(store.SQLEvent).filter_by(sender_id=sender)
        return [
            (r.type_name, r.action_name, r.intent_name, json.loads(r.data),
             r.timestamp)
            for r in rows.order_by(store.SQLEvent.id)
        ]  # fmt: skip


def test_saving_a_windowed_tracker_writes_what_rasa_writes(tmp_path, domain):
    rasa = SQLTrackerStore(domain, dialect="sqlite", db=str(tmp_path / "a.db"))
    ours = WindowedSQLTrackerStore(
        domain, dialect="sqlite", db=str(tmp_path / "b.db"), window_events=WINDOW
    )
    events = talk.session_start() + sum((talk.question(i) for i in range(20)), [])
    for store in (rasa, ours):
        run(store.save(DialogueStateTracker.from_events("s", events)))
    later = [
        talk.thanks(),
        talk.restart(),
        talk.session_start({"red_flag": True}),
        talk.question(99),
    ]
    for turn in later:
        for store in (rasa, ours):
            tracker = run(store.retrieve("s"))
            for event in turn:
                tracker.update(event)
            run(store.save(tracker))
        # Saving again writes nothing again. (Rasa's own store, saving a tracker
        # again after it started a new session, writes the old session again:
        # Rasa's processor saves once per message, so only ours is asked twice.)
        run(ours.save(tracker))
    assert _stored(ours, "s") == _stored(rasa, "s")


def test_a_new_session_is_read_from_its_own_start(stores):
    rasa, ours = stores
    events = talk.session_start() + sum((talk.question(i) for i in range(40)), [])
    events += talk.restart() + talk.session_start({"red_flag": True})
    events += talk.thanks()
    run(rasa.save(DialogueStateTracker.from_events("again", events)))
    windowed = run(ours.retrieve("again"))
    assert windowed.events[0].type_name == "session_started"
    assert windowed.get_slot("red_flag") is True
    assert [e.type_name for e in windowed.events] == [
        e.type_name for e in run(rasa.retrieve("again")).events
    ]


def test_after_a_restart_rasa_still_sees_nothing_applied(stores):
    """What tells Rasa to start a new session on the next message."""
    rasa, ours = stores
    events = talk.session_start() + sum((talk.question(i) for i in range(40)), [])
    events += talk.restart()[:-1]  # the restart, before Rasa listens again
    run(rasa.save(DialogueStateTracker.from_events("restarted", events)))
    assert run(ours.retrieve("restarted")).applied_events() == []


def test_a_window_below_ten_events_is_refused_with_the_fix(tmp_path, domain):
    with pytest.raises(ValueError, match="window_events"):
        WindowedSQLTrackerStore(
            domain, dialect="sqlite", db=str(tmp_path / "c.db"), window_events=3
        )


@pytest.mark.parametrize("endpoints", ["endpoints.yml", "endpoints.scaled.yml"])
def test_the_endpoints_files_select_this_store(endpoints, monkeypatch, tmp_path):
    """Rasa falls back to an in-memory store, with only a warning, when a custom
    store cannot be imported: the servers would then forget every conversation."""
    from rasa.core.tracker_store import TrackerStore
    from rasa.utils.endpoints import read_endpoint_config

    for name in ("ACTION_ENDPOINT_URL", "LOCK_STORE_HOST", "LOCK_STORE_PORT"):
        monkeypatch.setenv(name, "x")
    for name in ("LOCK_STORE_DB", "LOCK_STORE_PASSWORD"):
        monkeypatch.setenv(name, "0")
    monkeypatch.setenv("TRACKER_DIALECT", "sqlite")
    monkeypatch.setenv("TRACKER_STORE_URL", f"sqlite:///{tmp_path / 'e.db'}")
    config = read_endpoint_config(str(ROOT / endpoints), "tracker_store")
    assert isinstance(TrackerStore.create(config), WindowedSQLTrackerStore)


def test_sqlite_commits_go_to_a_write_ahead_log_kept_open(stores):
    _, ours = stores
    assert ours.engine.pool.__class__.__name__ == "QueuePool"
    with ours.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL


def test_each_sender_reads_its_own_latest_session_as_rasas_query_finds_it(stores):
    """The queries are built once, with the sender as a parameter."""
    rasa, ours = stores
    short = talk.session_start() + talk.thanks()
    long = talk.session_start() + sum((talk.question(i) for i in range(30)), [])
    for sender, events in (("short", short), ("long", long), ("short2", short)):
        run(rasa.save(DialogueStateTracker.from_events(sender, events)))
    later = talk.restart() + talk.session_start() + talk.question(7)
    tracker = run(rasa.retrieve("short"))
    for event in later:
        tracker.update(event)
    run(rasa.save(tracker))
    for sender in ("short", "short2"):
        theirs = [e.as_dict() for e in run(rasa.retrieve(sender)).events]
        assert [e.as_dict() for e in run(ours.retrieve(sender)).events] == theirs
    windowed = run(ours.retrieve("long")).events
    assert len(windowed) < len(run(rasa.retrieve("long")).events)
    assert all(e.as_dict() in [f.as_dict() for f in long] for e in windowed)
    assert run(ours.retrieve("nobody")) is None
