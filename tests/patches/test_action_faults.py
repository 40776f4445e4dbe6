"""A failing action server gets the user a polite reply, never silence."""

from __future__ import annotations

import pytest

from bot.patches import action_faults
from tools.ports import free_port


@pytest.fixture
def polite_rasa():
    """Install the handling for one test, then put Rasa back as it was."""
    from rasa.core.actions.action import RemoteAction

    original = RemoteAction.run
    action_faults.install()
    yield
    RemoteAction.run = original


@pytest.fixture
def dead_endpoint():
    from rasa.utils.endpoints import EndpointConfig

    # Nothing listens on a port just freed: the connection is refused.
    return EndpointConfig(f"http://127.0.0.1:{free_port()}/webhook")


def _tracker(domain, slots=None, before=(), said=None):
    from rasa.shared.core.events import SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    events = [SlotSet(k, v) for k, v in (slots or {}).items()]
    said = said or UserUttered("how do I stop a cramp?")
    tracker = DialogueStateTracker.from_events(
        "fault-user", [*before, *events, said], domain.slots
    )
    return tracker


async def _run(name, endpoint, domain, nlg=None, slots=None, before=(), said=None):
    from rasa.core.actions.action import RemoteAction
    from rasa.core.channels import CollectingOutputChannel
    from rasa.core.nlg import TemplatedNaturalLanguageGenerator

    action = RemoteAction(name, endpoint)
    nlg = nlg or TemplatedNaturalLanguageGenerator(domain.responses)
    tracker = _tracker(domain, slots, before, said)
    return await action.run(CollectingOutputChannel(), nlg, tracker, domain)


async def test_unreachable_action_server_gives_a_polite_reply(
    polite_rasa, dead_endpoint, rasa_domain
):
    events = await _run("action_answer_question", dead_endpoint, rasa_domain)

    assert [e.text for e in events] == [action_faults.TEMPORARILY_UNAVAILABLE]
    assert "try again" in events[0].text


async def test_after_a_red_flag_the_apology_carries_the_reminder(
    polite_rasa, dead_endpoint, rasa_domain
):
    from bot.rasa_plugins.nlg import SafetyNLG

    nlg = SafetyNLG(domain=rasa_domain, emergency_number="112")
    events = await _run(
        "action_answer_question", dead_endpoint, rasa_domain, nlg, {"red_flag": True}
    )

    reminder, apology = events[0].text.split("\n\n", 1)
    assert "112" in reminder
    assert apology == action_faults.TEMPORARILY_UNAVAILABLE


async def test_once_help_is_arranged_the_apology_has_no_reminder(
    polite_rasa, dead_endpoint, rasa_domain
):
    from bot.rasa_plugins.nlg import SafetyNLG

    nlg = SafetyNLG(domain=rasa_domain, emergency_number="112")
    slots = {"red_flag": True, "help_arranged": True}
    events = await _run(
        "action_answer_question", dead_endpoint, rasa_domain, nlg, slots
    )

    assert events[0].text == action_faults.TEMPORARILY_UNAVAILABLE


async def test_without_the_handling_rasa_raises_and_the_user_gets_nothing(
    dead_endpoint, rasa_domain
):
    from rasa.shared.exceptions import RasaException

    # The behaviour the handling exists for (and proof the endpoint is dead).
    with pytest.raises(RasaException, match="Failed to execute custom action"):
        await _run("action_answer_question", dead_endpoint, rasa_domain)


async def test_takeover_failure_says_nothing_more_but_still_closes_the_form(
    polite_rasa, dead_endpoint, rasa_domain
):
    """The screening question's "yes" mid-intake: no red-flag slot mapping fires,
    so without the takeover's events there would be no reminder later."""
    from rasa.shared.core.events import ActiveLoop, BotUttered, SlotSet, UserUttered

    events = await _run(
        "action_red_flag_takeover", dead_endpoint, rasa_domain,
        slots={"red_flag_signs": ["drooling"], "help_arranged": True},
        before=[ActiveLoop("symptom_form")],
        said=UserUttered("yes", {"name": "affirm", "confidence": 1.0}),
    )  # fmt: skip

    assert not [e for e in events if isinstance(e, BotUttered)]
    assert events == [
        ActiveLoop(None),
        SlotSet("red_flag", True),
        SlotSet("red_flag_signs", ["drooling"]),
        SlotSet("help_arranged", False),
    ]


async def test_takeover_failure_records_this_messages_signs(
    polite_rasa, dead_endpoint, rasa_domain
):
    from rasa.shared.core.events import SlotSet, UserUttered

    sign = {"entity": "red_flag_sign", "value": "can't swallow", "start": 0, "end": 5}
    said = UserUttered("I can't swallow", {"name": "red_flag"}, entities=[sign])
    events = await _run(
        "action_red_flag_takeover", dead_endpoint, rasa_domain, said=said
    )

    assert SlotSet("red_flag_signs", ["can't swallow"]) in events


async def test_session_start_falls_back_to_rasas_own_with_the_intro(
    polite_rasa, dead_endpoint, rasa_domain
):
    from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted

    events = await _run("action_session_start", dead_endpoint, rasa_domain)

    assert isinstance(events[0], BotUttered) and "not a doctor" in events[0].text
    assert any(isinstance(e, SessionStarted) for e in events)
    assert isinstance(events[-1], ActionExecuted)
    assert events[-1].action_name == "action_listen"
