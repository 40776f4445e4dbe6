"""The speed-ups behave exactly like the Rasa code they replace."""

from __future__ import annotations

import pytest
from jsonschema import ValidationError

from bot.patches import speedups


@pytest.fixture(scope="module")
def originals():
    """Rasa's own functions, taken before install() replaces them."""
    import rasa.core.run
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.events import Event

    validate = RemoteAction.__dict__["_validate_action_result"]
    assert validate is not speedups.validate_action_result, (
        "installed before this test: Rasa's original is gone, nothing to compare"
    )
    resolve = Event.__dict__["resolve_by_type"].__func__
    resolve = getattr(resolve, "__wrapped__", resolve)
    load_agent = rasa.core.run.load_agent_on_start
    speedups.install()
    yield validate, resolve
    rasa.core.run.load_agent_on_start = load_agent
    RemoteAction._validate_action_result = validate
    Event.resolve_by_type = staticmethod(resolve)


PARSE_DATA = {
    "text": "my calf cramps",
    "intent": {"name": "describe_symptoms", "confidence": 0.9},
    "intent_ranking": [{"name": "describe_symptoms", "confidence": 0.9}],
    "entities": [{"entity": "body_part", "value": "calf", "start": 3, "end": 7}],
    "response_selector": {"all_retrieval_intents": []},
}
EVENTS = [
    {"event": "slot", "name": "x", "value": 1, "timestamp": None},
    {"event": "action", "name": "action_listen", "policy": None, "confidence": 1},
    {"event": "user", "text": "hi", "parse_data": PARSE_DATA, "metadata": {}},
    {"event": "bot", "text": "hello", "data": {"buttons": []}, "metadata": {}},
    {"event": "active_loop", "name": "symptom_form"},
    {"event": "followup", "name": "utter_x"},
    {"event": "entities", "entities": PARSE_DATA["entities"]},
    {"event": "reset_slots"},
    {"event": "session_started", "timestamp": 1.5},
]
VALID = [
    {},
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "x", "value": 1}], "responses": [{}]},
    {"events": [{"event": "action", "name": "action_listen"}]},
    {"events": EVENTS, "responses": [{"text": "hi"}, {"response": "utter_x"}]},
]
INVALID = [
    {"events": "not a list"},
    {"events": [{"event": "no_such_event"}]},
    {"events": [{"event": "slot"}]},  # a slot event needs a name
    {"responses": ["text, not an object"]},
    ["not", "an", "object"],
    {"events": None},
    {"events": [{"name": "x"}]},  # no event name
    {"events": [{"event": 5}]},
    {"events": [*EVENTS, {"event": "action", "name": 5}]},
    {"events": [{"event": "user", "text": 5}]},
    {"events": [{"event": "user", "parse_data": {"entities": [{"entity": "x"}]}}]},
    {"events": [{"event": "user", "parse_data": {"response_selector": 5}}]},
    {"events": [{"event": "bot", "metadata": "not an object"}]},
    {"events": [{"event": "entities"}]},
    {"events": [{"event": "slot", "name": "x", "value": 1}, "not an object"]},
]


@pytest.mark.parametrize("response", VALID)
def test_valid_action_responses_pass_as_in_rasa(originals, response):
    from rasa.core.actions.action import RemoteAction

    rasa_validate, _ = originals
    action = RemoteAction("action_x", None)
    assert rasa_validate(action, response) is True
    assert action._validate_action_result(response) is True


@pytest.mark.parametrize("response", INVALID)
def test_invalid_action_responses_fail_with_rasas_message(originals, response):
    from rasa.core.actions.action import RemoteAction

    rasa_validate, _ = originals
    action = RemoteAction("action_x", None)
    with pytest.raises(ValidationError) as rasa_error:
        rasa_validate(action, response)
    with pytest.raises(ValidationError) as our_error:
        action._validate_action_result(response)
    assert our_error.value.message == rasa_error.value.message
    assert "Failed to validate Action server response" in our_error.value.message


@pytest.mark.parametrize("response", VALID + INVALID)
def test_the_shortcut_passes_only_what_the_schema_passes(originals, response):
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    valid = validator_for(schema)(schema).is_valid(response)
    assert speedups._surely_valid(response) is valid  # valid ones take it too


def test_every_event_kind_has_its_shortcut(originals):
    from rasa.shared.utils.schemas.events import EVENT_SCHEMA

    _, kinds = speedups._event_validators()
    assert len(kinds) == len(EVENT_SCHEMA["oneOf"]) == 23


def test_every_event_type_resolves_as_in_rasa(originals):
    from rasa.shared.core.events import Event
    from rasa.shared.utils.common import all_subclasses

    _, rasa_resolve = originals
    names = {cls.type_name for cls in all_subclasses(Event)}
    assert len(names) > 20
    for _ in range(2):  # the second pass answers from the cache
        for name in names:
            assert Event.resolve_by_type(name) is rasa_resolve(name)


def test_unknown_event_types_behave_as_in_rasa(originals):
    from rasa.shared.core.events import Event, SlotSet

    assert Event.resolve_by_type("topic") is None
    assert Event.resolve_by_type("no_such_event", default=SlotSet) is SlotSet
    with pytest.raises(ValueError, match="Unknown event name"):
        Event.resolve_by_type("no_such_event")
    # A default is an answer for one call, never remembered for the name.
    with pytest.raises(ValueError):
        Event.resolve_by_type("no_such_event")


def test_the_loaded_model_is_frozen_out_of_the_garbage_collectors_sight(
    originals, monkeypatch
):
    import asyncio
    import gc

    import rasa.core.run

    loaded = object()

    async def load_agent_on_start(*args, **kwargs):
        return loaded

    monkeypatch.setattr(rasa.core.run, "load_agent_on_start", load_agent_on_start)
    speedups.install()
    wrapped = rasa.core.run.load_agent_on_start
    speedups.install()  # idempotent: one wrapper, one freeze
    assert rasa.core.run.load_agent_on_start is wrapped
    try:
        assert asyncio.run(wrapped("model", None, None, None, None)) is loaded
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
