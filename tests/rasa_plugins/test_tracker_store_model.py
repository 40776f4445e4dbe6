"""With the trained model, the windowed tracker leads to the same next action,
from the same policy, with the same confidence, as Rasa's full tracker."""

from __future__ import annotations

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_plugins.tracker_store import WindowedSQLTrackerStore
from bot.settings import ROOT
from tests.rasa_plugins import conversations as talk
from tests.rasa_plugins.test_tracker_store import run

pytestmark = pytest.mark.slow
MODEL = ROOT / "models" / "assistant.tar.gz"


@pytest.fixture(scope="module")
def agent():
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make model` (make test does it)")
    from rasa.core.agent import load_agent

    return run(load_agent(model_path=str(MODEL)))


def _next(agent, tracker):
    prediction = agent.processor._predict_next_with_tracker(tracker)
    return (
        agent.domain.action_names_or_texts[prediction.max_confidence_index],
        prediction.policy_name,
        round(prediction.max_confidence, 4),
    )


@pytest.mark.parametrize("seed", [0, 1])
def test_every_turn_of_a_long_session_predicts_the_same_action(agent, tmp_path, seed):
    db = str(tmp_path / "tracker.db")
    rasa = SQLTrackerStore(agent.domain, dialect="sqlite", db=db)
    ours = WindowedSQLTrackerStore(agent.domain, dialect="sqlite", db=db)
    events = talk.long_conversation(80, seed=seed) + talk.form(answers=3)
    users = [i + 1 for i, e in enumerate(events) if e.type_name == "user"]
    windowed_turns = 0
    for end in users:
        run(rasa.save(DialogueStateTracker.from_events("m", events[:end])))
        full, windowed = run(rasa.retrieve("m")), run(ours.retrieve("m"))
        windowed_turns += len(windowed.events) < len(full.events)
        assert _next(agent, windowed) == _next(agent, full), f"after event {end}"
    assert windowed_turns > len(users) / 2  # most turns were read as a window
