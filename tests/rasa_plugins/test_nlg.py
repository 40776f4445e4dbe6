"""SafetyNLG: the emergency number in responses and the red-flag reminder line."""

from pathlib import Path

import pytest
import yaml
from rasa.core.nlg import NaturalLanguageGenerator, TemplatedNaturalLanguageGenerator
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.rasa_plugins.nlg import SafetyNLG

ROOT = Path(__file__).resolve().parents[2]
REMINDER_START = "Reminder: if help is not on its way yet, call 112 now."


@pytest.fixture
def nlg(rasa_domain) -> SafetyNLG:
    return SafetyNLG(domain=rasa_domain, emergency_number="112")


def _tracker(rasa_domain, *slots, text="hello", sender="u1") -> DialogueStateTracker:
    events = [ActionExecuted("action_listen"), *slots, UserUttered(text)]
    return DialogueStateTracker.from_events(sender, events, rasa_domain.slots)


async def test_emergency_message_shows_the_configured_number(rasa_domain):
    nlg = SafetyNLG(domain=rasa_domain, emergency_number="999")

    response = await nlg.generate("utter_emergency", _tracker(rasa_domain), "rest")

    assert "Call 999 now" in response["text"]
    assert "{emergency_number}" not in response["text"]


async def test_number_comes_from_the_environment_by_default(monkeypatch, rasa_domain):
    monkeypatch.setenv("EMERGENCY_NUMBER", "911")

    response = await SafetyNLG(domain=rasa_domain).generate(
        "utter_emergency", _tracker(rasa_domain), "rest"
    )

    assert "Call 911 now" in response["text"]


async def test_no_reminder_without_a_red_flag(nlg, rasa_domain):
    response = await nlg.generate("utter_help", _tracker(rasa_domain), "rest")

    assert not response["text"].startswith("Reminder")


async def test_first_message_after_a_red_flag_starts_with_the_reminder(
    nlg, rasa_domain
):
    tracker = _tracker(rasa_domain, SlotSet("red_flag", True))

    response = await nlg.generate("utter_help", tracker, "rest")

    first_line, rest = response["text"].split("\n\n", 1)
    assert first_line.startswith(REMINDER_START)
    assert rest.startswith("I can help with")


async def test_only_the_first_message_of_a_turn_gets_the_reminder(nlg, rasa_domain):
    tracker = _tracker(rasa_domain, SlotSet("red_flag", True))

    first = await nlg.generate("utter_help", tracker, "rest")
    # Messages of one action are generated before any is logged on the tracker.
    second = await nlg.generate("utter_greet", tracker, "rest")
    tracker.update(BotUttered(second["text"]))
    third = await nlg.generate("utter_goodbye", tracker, "rest")

    assert first["text"].startswith("Reminder")
    assert not second["text"].startswith("Reminder")
    assert not third["text"].startswith("Reminder")


async def test_message_after_a_logged_bot_message_gets_no_reminder(nlg, rasa_domain):
    tracker = _tracker(rasa_domain, SlotSet("red_flag", True))
    tracker.update(BotUttered("an earlier message of this turn"))

    response = await nlg.generate("utter_help", tracker, "rest")

    assert not response["text"].startswith("Reminder")


async def test_every_new_turn_gets_the_reminder_again(nlg, rasa_domain):
    tracker = _tracker(rasa_domain, SlotSet("red_flag", True), text="help")
    await nlg.generate("utter_help", tracker, "rest")
    tracker.update(BotUttered("I can help with"))
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(UserUttered("thanks"))

    response = await nlg.generate("utter_youre_welcome", tracker, "rest")

    assert response["text"].startswith("Reminder")


async def test_reminder_stops_once_help_is_arranged(nlg, rasa_domain):
    tracker = _tracker(
        rasa_domain, SlotSet("red_flag", True), SlotSet("help_arranged", True)
    )

    response = await nlg.generate("utter_help_arranged", tracker, "rest")

    assert not response["text"].startswith("Reminder")
    assert "Keep your phone with you" in response["text"]


async def test_a_repeated_emergency_message_is_not_prefixed(nlg, rasa_domain):
    tracker = _tracker(rasa_domain, SlotSet("red_flag", True))

    response = await nlg.generate("utter_emergency", tracker, "rest")

    assert response["text"].startswith("What you describe")


async def test_response_variables_from_actions_still_fill(nlg, rasa_domain):
    tracker = _tracker(rasa_domain)
    nlg.responses = {"utter_cited_answer": [{"text": "{answer}"}]}

    response = await nlg.generate("utter_cited_answer", tracker, "rest", answer="A.")

    assert response["text"] == "A."


async def test_unknown_response_is_none(nlg, rasa_domain):
    assert await nlg.generate("utter_missing", _tracker(rasa_domain), "rest") is None


@pytest.mark.parametrize("name", ["endpoints.yml", "endpoints.scaled.yml"])
def test_endpoints_select_the_safety_nlg(name):
    endpoints = yaml.safe_load((ROOT / name).read_text())

    assert endpoints["nlg"] == {"type": "bot.rasa_plugins.nlg.SafetyNLG"}


def test_rasa_loads_the_class_from_its_module_path(rasa_domain):
    nlg = NaturalLanguageGenerator.create(
        EndpointConfig(type="bot.rasa_plugins.nlg.SafetyNLG"), rasa_domain
    )

    assert isinstance(nlg, SafetyNLG)
    # Agent.load_model hands a model's responses only to templated generators.
    assert isinstance(nlg, TemplatedNaturalLanguageGenerator)
    assert "utter_emergency" in nlg.responses


def _payloads_with_entities(rasa_domain):
    for name, variations in rasa_domain.responses.items():
        for variation in variations:
            for button in variation.get("buttons", []):
                if "{" in button["payload"]:
                    yield name, button["payload"]


async def test_button_payloads_reach_patients_with_single_braces_and_no_error(
    rasa_domain, nlg
):
    """Rasa interpolates slots into buttons; a payload's JSON must survive it
    without an error log (which would carry slot values: health data)."""
    import json

    from structlog.testing import capture_logs

    buttons = list(_payloads_with_entities(rasa_domain))
    assert len(buttons) >= 10
    tracker = _tracker(rasa_domain, SlotSet("symptom_kind", "cramp"))
    for name, _ in buttons:
        with capture_logs() as logs:
            message = await nlg.generate(name, tracker, "rest")
        for button in message["buttons"]:
            payload = button["payload"]
            if "{" in payload:
                intent, _, entities = payload.partition("{")
                assert intent == "/describe_symptoms"
                assert "{{" not in payload
                assert json.loads("{" + entities)
        assert not [log for log in logs if log["log_level"] == "error"], name
