"""RedFlagPolicy: the takeover follows a red flag in any conversation state."""

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.events import ActionExecuted, ActiveLoop, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_plugins.components.red_flag_policy import RedFlagPolicy


@pytest.fixture
def policy(tmp_path) -> RedFlagPolicy:
    return RedFlagPolicy.create(
        RedFlagPolicy.get_default_config(),
        LocalModelStorage(tmp_path),
        Resource("red_flag_policy"),
        ExecutionContext(GraphSchema({}), "test"),
    )


def _user(intent):
    return UserUttered("text", intent={"name": intent, "confidence": 1.0})


def _predicted(policy, rasa_domain, events):
    tracker = DialogueStateTracker.from_events("u", events, rasa_domain.slots)
    prediction = policy.predict_action_probabilities(tracker, rasa_domain)
    if max(prediction.probabilities) == 0.0:
        return None
    return rasa_domain.action_names_or_texts[prediction.max_confidence_index]


def test_emergency_message_follows_a_red_flag(policy, rasa_domain):
    events = [ActionExecuted("action_listen"), _user("red_flag")]

    assert _predicted(policy, rasa_domain, events) == "utter_emergency"


def test_emergency_message_follows_even_a_failed_session_start(policy, rasa_domain):
    # With the action server down, no action_listen follows action_session_start.
    events = [ActionExecuted("action_session_start"), _user("red_flag")]

    assert _predicted(policy, rasa_domain, events) == "utter_emergency"


def test_emergency_message_interrupts_an_active_form(policy, rasa_domain):
    events = [
        ActionExecuted("symptom_form"),
        ActiveLoop("symptom_form"),
        ActionExecuted("action_listen"),
        _user("red_flag"),
    ]

    assert _predicted(policy, rasa_domain, events) == "utter_emergency"


def test_takeover_action_follows_the_emergency_message(policy, rasa_domain):
    events = [_user("red_flag"), ActionExecuted("utter_emergency")]

    assert _predicted(policy, rasa_domain, events) == "action_red_flag_takeover"


def test_bot_listens_after_the_takeover_even_if_the_action_failed(policy, rasa_domain):
    events = [
        _user("red_flag"),
        ActionExecuted("utter_emergency"),
        ActionExecuted("action_red_flag_takeover"),
    ]

    assert _predicted(policy, rasa_domain, events) == "action_listen"


def test_policy_has_no_opinion_once_the_turn_is_over(policy, rasa_domain):
    events = [
        _user("red_flag"),
        ActionExecuted("utter_emergency"),
        ActionExecuted("action_red_flag_takeover"),
        ActionExecuted("action_listen"),
    ]

    assert _predicted(policy, rasa_domain, events) is None


@pytest.mark.parametrize("intent", ["greet", "help_arranged", "nlu_fallback"])
def test_policy_has_no_opinion_on_other_intents(policy, rasa_domain, intent):
    events = [ActionExecuted("action_listen"), _user(intent)]

    assert _predicted(policy, rasa_domain, events) is None


def test_policy_outranks_the_rule_policy(policy):
    assert policy.priority > 6
