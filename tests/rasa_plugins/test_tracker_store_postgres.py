"""On PostgreSQL, the scale-out's store, the windowed store reads what Rasa's
store reads for prediction and writes the same rows.

Runs against a real PostgreSQL from Debian's packages (skips without it).
"""

from __future__ import annotations

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_plugins.tracker_store import WindowedSQLTrackerStore
from bot.settings import ROOT
from tests.rasa_plugins import conversations as talk
from tests.rasa_plugins.test_tracker_store import (
    WINDOW,
    _same_for_prediction,
    _stored,
    _turn_ends,
    run,
)
from tools.local_stores import Postgres, Unavailable

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def postgres():
    try:
        server = Postgres.start()
    except Unavailable as exc:
        pytest.skip(str(exc))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def domain():
    return Domain.load(str(ROOT / "domain.yml"))


def test_every_turn_predicts_from_the_same_state_and_stores_the_same_rows(
    postgres, domain
):
    rasa = SQLTrackerStore(domain, host=postgres.url)
    ours = WindowedSQLTrackerStore(domain, host=postgres.url, window_events=WINDOW)
    events = talk.long_conversation(30, seed=3) + talk.form(answers=2)
    for end in _turn_ends(events):
        run(rasa.save(DialogueStateTracker.from_events("pg-a", events[:end])))
        _same_for_prediction(
            run(rasa.retrieve("pg-a")), run(ours.retrieve("pg-a")), domain
        )

    for store, sender in ((rasa, "pg-r"), (ours, "pg-o")):
        run(store.save(DialogueStateTracker.from_events(sender, events[:200])))
        for turn in (
            talk.thanks(),
            talk.restart(),
            talk.session_start(),
            talk.question(1),
        ):
            tracker = run(store.retrieve(sender))
            for event in turn:
                tracker.update(event)
            run(store.save(tracker))
    strip = [row[:2] for row in _stored(ours, "pg-o")]
    assert strip == [row[:2] for row in _stored(rasa, "pg-r")]


def test_two_servers_taking_turns_each_read_what_rasa_reads(postgres, domain):
    """Each server keeps the skeletons it read and adds the rows the other
    stored since (bot/rasa_plugins/skeletons.py)."""
    from tests.rasa_plugins.test_skeletons import _talk, _turns

    servers = [
        WindowedSQLTrackerStore(domain, host=postgres.url, window_events=WINDOW)
        for _ in range(2)
    ]
    _talk(_turns(), servers, SQLTrackerStore(domain, host=postgres.url), domain, "pg-2")
    assert all(len(server._skeletons) == 1 for server in servers)
