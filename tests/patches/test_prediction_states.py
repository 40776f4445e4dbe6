"""Dialogue states from a kept replay are Rasa's: equal, and with the same dicts
shared between states, for every prefix of real conversations, in every variant
the policies ask for, however often they ask."""

from __future__ import annotations

import random

from rasa.shared.core.events import ActionExecuted
from rasa.shared.core.trackers import DialogueStateTracker

from bot.patches import prediction_states
from tests.rasa_plugins import conversations as talk

VARIANTS = [
    {},  # RulePolicy
    {"ignore_rule_only_turns": True, "rule_only_data": {}},  # Memoization, TED
    {
        "ignore_rule_only_turns": True,
        "rule_only_data": {
            "rule_only_slots": ["red_flag", "intake_body_part"],
            "rule_only_loops": ["symptom_form"],
        },
    },
    {"omit_unset_slots": True},
]


def _rasas():
    from rasa.shared.core.domain import Domain

    found = Domain.__dict__["states_for_tracker_history"]
    return getattr(found, "__wrapped__", found)


def _sharing(states):
    """Which sub-state dicts are one object, by first appearance."""
    seen: dict = {}
    return [
        [(k, seen.setdefault(id(v), len(seen))) for k, v in s.items()] for s in states
    ]


def _rule_hidden(events, seed):
    """The events with some actions hidden from ML policies, as RulePolicy's
    predictions are logged."""
    rng = random.Random(seed)
    return [
        ActionExecuted(e.action_name, hide_rule_turn=rng.random() < 0.4)
        if isinstance(e, ActionExecuted) and e.action_name != "action_listen"
        else e
        for e in events
    ]


def _story_trackers(domain):
    from rasa.shared.core.generator import TrainingDataGenerator
    from rasa.shared.importers.importer import TrainingDataImporter

    from bot.settings import ROOT

    importer = TrainingDataImporter.load_from_config(
        str(ROOT / "config.yml"), str(ROOT / "domain.yml"), [str(ROOT / "data")]
    )
    return TrainingDataGenerator(
        importer.get_stories(), domain, remove_duplicates=False, augmentation_factor=0
    ).generate()


def _conversations(domain):
    for tracker in _story_trackers(domain):
        yield list(tracker.events), tracker.is_rule_tracker
    for seed in range(3):
        events = talk.long_conversation(12, seed=seed)
        yield events, False
        yield _rule_hidden(events, seed), False


def test_every_prefix_gives_rasas_states(rasa_domain):
    rasas = _rasas()
    ours = prediction_states._replaying_once(rasas)
    compared = 0
    for events, is_rule_tracker in _conversations(rasa_domain):
        tracker = DialogueStateTracker(
            "s", rasa_domain.slots, is_rule_tracker=is_rule_tracker
        )
        for event in events:
            tracker.update(event)
            for variant in VARIANTS:
                theirs = rasas(rasa_domain, tracker, **variant)
                first = ours(rasa_domain, tracker, **variant)
                # The policies edit what they get: a later call is not affected.
                for state in first:
                    state.clear()
                again = ours(rasa_domain, tracker, **variant)
                assert again == theirs
                assert _sharing(again) == _sharing(theirs)
                compared += 1
    assert compared > 2000


def test_a_new_tracker_with_the_same_events_is_replayed_again(rasa_domain):
    rasas = _rasas()
    ours = prediction_states._replaying_once(rasas)
    events = talk.long_conversation(4, seed=1)
    one = DialogueStateTracker.from_events("a", events, rasa_domain.slots)
    assert ours(rasa_domain, one) == rasas(rasa_domain, one)
    other = DialogueStateTracker.from_events("a", events[:-3], rasa_domain.slots)
    assert ours(rasa_domain, other) == rasas(rasa_domain, other)
    one.events.pop()  # not appended: the same length would not tell
    one.update(talk.thanks()[0])
    assert ours(rasa_domain, one) == rasas(rasa_domain, one)


def test_state_values_are_never_dicts_or_lists(rasa_domain):
    """The copy shares the values inside the sub-states: they must not be
    editable. Rasa builds them from strings, numbers and tuples."""
    for events, _ in _conversations(rasa_domain):
        tracker = DialogueStateTracker.from_events("s", events, rasa_domain.slots)
        for variant in VARIANTS:
            for state in _rasas()(rasa_domain, tracker, **variant):
                for sub in state.values():
                    assert isinstance(sub, dict)
                    assert all(
                        not isinstance(v, (dict, list, set)) for v in sub.values()
                    )
