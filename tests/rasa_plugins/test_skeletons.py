"""The windowed store keeps each conversation's skeleton between messages and
still reads what Rasa's store reads: across servers, after deletions, restarts
and new sessions."""

from __future__ import annotations

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

from bot.privacy.store import delete_conversation
from bot.rasa_plugins.skeletons import Skeleton, SkeletonCache
from bot.rasa_plugins.tracker_store import WindowedSQLTrackerStore
from tests.rasa_plugins import conversations as talk
from tests.rasa_plugins.test_tracker_store import WINDOW, _same_for_prediction, run


def _skeleton(rows, count=None):
    return Skeleton.read(rows, len(rows) if count is None else count, rows[-1][0])


ROWS = [
    (1, "action", "action_session_start", 10.0),
    (2, "session_started", None, 10.0),
    (3, "action", "action_listen", 10.5),
]


def test_rows_stored_since_are_added():
    kept = _skeleton(ROWS)
    assert kept.extend([ROWS[-1], (4, "user", None, 11.0)], count=4, last_id=4)
    assert kept.rows[-1] == (4, "user", None)
    assert (kept.last_id, kept.count) == (4, 4)


@pytest.mark.parametrize(
    "newer, count, last_id",
    [
        ([], 0, None),  # the conversation was deleted
        ([(3, "action", "action_listen", 99.0)], 3, 3),  # its ids were reused
        ([ROWS[-1], (5, "user", None, 11.0)], 5, 5),  # a row was deleted
        ([ROWS[-1], (5, "user", None, 11.0)], 3, 5),  # a row came in below
        ([ROWS[-1], (4, "session_started", None, 11.0)], 4, 4),  # a new session
    ],
)
def test_rows_that_cannot_be_vouched_for_are_read_again(newer, count, last_id):
    assert not _skeleton(ROWS).extend(newer, count, last_id)


def test_a_row_timed_before_the_session_start_is_left_out_as_rasa_leaves_it():
    kept = _skeleton(ROWS)
    assert kept.extend([ROWS[-1], (4, "user", None, 9.0)], count=4, last_id=4)
    assert [r[0] for r in kept.rows] == [1, 2, 3]
    assert kept.last_id == 4


def test_a_latest_row_outside_the_session_is_not_kept():
    assert Skeleton.read(ROWS[:2], count=3, last_id=3) is None


def test_the_cache_forgets_the_least_recently_read_beyond_its_rows():
    cache = SkeletonCache(max_rows=7)
    for sender in "abc":
        cache.put(sender, _skeleton(ROWS))
    assert cache.get("a") is None and len(cache) == 2
    cache.get("b")
    cache.put("d", _skeleton(ROWS))
    assert cache.get("c") is None and cache.get("b") is not None


@pytest.fixture()
def db(tmp_path):
    return str(tmp_path / "tracker.db")


def _windowed(domain, db):
    return WindowedSQLTrackerStore(
        domain, dialect="sqlite", db=db, window_events=WINDOW
    )


RESTART = 29  # the index of the restart in _turns()


def _turns():
    turns = [talk.session_start()]
    turns += [talk.question(i) if i % 3 else talk.thanks() for i in range(25)]
    turns += [talk.form(answers=2), talk.fallback(), talk.red_flag(), talk.restart()]
    turns += [talk.session_start({"red_flag": True})]
    return turns + [talk.question(i) for i in range(25, 40)]


def _talk(turns, stores, reference, domain, sender="s"):
    """Each turn on the next store (a server), as Rasa's processor does it;
    then every store reads what Rasa's own store reads."""
    for n, turn in enumerate(turns):
        writer = stores[n % len(stores)]
        tracker = run(writer.retrieve(sender)) or DialogueStateTracker(
            sender, domain.slots
        )
        for event in turn:
            tracker.update(event)
        run(writer.save(tracker))
        full = run(reference.retrieve(sender))
        for store in stores:
            windowed = run(store.retrieve(sender))
            _same_for_prediction(full, windowed, domain)
            assert windowed.events[0].as_dict() == full.events[0].as_dict()


def test_servers_taking_turns_each_read_what_rasa_reads(rasa_domain, db):
    servers = [_windowed(rasa_domain, db), _windowed(rasa_domain, db)]
    _talk(_turns(), servers, SQLTrackerStore(rasa_domain, db=db), rasa_domain)
    assert all(len(server._skeletons) == 1 for server in servers)


def test_a_deleted_conversation_is_read_as_deleted_and_then_anew(rasa_domain, db):
    ours = _windowed(rasa_domain, db)
    rasa = SQLTrackerStore(rasa_domain, db=db)
    _talk(_turns(), [ours], rasa, rasa_domain)
    with ours.engine.begin() as connection:
        delete_conversation(connection, "s")
    assert run(ours.retrieve("s")) is None
    _talk(_turns(), [ours], rasa, rasa_domain)


def test_a_conversation_stored_again_under_the_same_ids_is_read_anew(rasa_domain, db):
    """Deleted and stored again by another server while this one kept its
    skeleton: as many rows as before, under the same ids (SQLite reuses the
    highest ids), but other events."""
    ours = _windowed(rasa_domain, db)
    rasa = SQLTrackerStore(rasa_domain, db=db)
    questions = [talk.session_start()] + [talk.question(i) for i in range(21)]
    _talk(questions, [ours], rasa, rasa_domain)
    other = _windowed(rasa_domain, db)
    with other.engine.begin() as connection:
        delete_conversation(connection, "s")
    # The red flags' slots are set only before the window.
    red_flags = [talk.session_start()] + [talk.red_flag() for _ in range(4)]
    red_flags += [talk.question(i) for i in range(14)]
    assert sum(map(len, red_flags)) == sum(map(len, questions))
    _talk(red_flags, [other], rasa, rasa_domain)
    assert run(rasa.retrieve("s")).get_slot("red_flag") is True
    _same_for_prediction(run(rasa.retrieve("s")), run(ours.retrieve("s")), rasa_domain)


def test_a_restart_then_a_new_session_are_told_apart_with_a_kept_skeleton(
    rasa_domain, db
):
    ours = _windowed(rasa_domain, db)
    rasa = SQLTrackerStore(rasa_domain, db=db)
    turns = _turns()
    assert turns[RESTART][-2].type_name == "restart"
    _talk(turns[:RESTART], [ours], rasa, rasa_domain)
    for events in (turns[RESTART][:-1], turns[RESTART][-1:], turns[RESTART + 1]):
        tracker = run(ours.retrieve("s"))
        for event in events:
            tracker.update(event)
        run(ours.save(tracker))
        windowed, full = run(ours.retrieve("s")), run(rasa.retrieve("s"))
        # Nothing applied after the restart is what makes Rasa start a session.
        assert bool(windowed.applied_events()) == bool(full.applied_events())
        assert [e.as_dict() for e in windowed.events][-len(events) :] == [
            e.as_dict() for e in full.events
        ][-len(events) :]
    assert [e.type_name for e in windowed.events] == [e.type_name for e in full.events]
    assert windowed.get_slot("red_flag") is True
