"""The symptom form's validation action and the closing summary action."""

from types import SimpleNamespace

import pytest
from rasa_sdk.events import SlotSet

import actions.intake as intake_actions
from actions.intake import (
    ActionIntakeDecline,
    ActionIntakeOffer,
    ActionIntakePrefill,
    ActionIntakeReset,
    ActionIntakeSummary,
    ValidateSymptomForm,
)


def _slots(events):
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def _entities(*triples):
    return [{"entity": e, "value": v, "start": s, "end": s + len(v)}
            for e, v, s in triples]  # fmt: skip


async def test_first_message_fills_every_slot_it_names(
    dispatcher, make_tracker, domain
):
    tracker = make_tracker(
        text="my left calf has been cramping for two months",
        intent="describe_symptoms",
        entities=_entities(
            ("side", "left", 3),
            ("body_part", "calf", 8),
            ("symptom_kind", "cramp", 22),
            ("duration", "two months", 35),
        ),  # fmt: skip
    )

    slots = _slots(await ValidateSymptomForm().run(dispatcher, tracker, domain))

    assert slots["symptom_kind"] == ["cramp"]
    assert slots["locations"] == ["left calf"]
    assert slots["onset"] == "for 2 months"
    assert slots["onset_days"] == 60
    assert dispatcher.messages == []


async def test_red_flag_turn_returns_no_slot_so_the_form_rejects(
    dispatcher, make_tracker, domain
):
    tracker = make_tracker(
        text="my legs are weak and i can't swallow", intent="red_flag",
        entities=_entities(("body_part", "legs", 3)),
        slots={"requested_slot": "onset"}, active_loop={"name": "symptom_form"},
    )  # fmt: skip

    assert await ValidateSymptomForm().run(dispatcher, tracker, domain) == []


async def test_unreadable_severity_gets_a_clear_re_ask(
    dispatcher, make_tracker, domain
):
    tracker = make_tracker(
        text="fifteen thousand", intent="describe_symptoms",
        slots={"requested_slot": "severity"},
    )  # fmt: skip

    events = await ValidateSymptomForm().run(dispatcher, tracker, domain)

    assert SlotSet("severity", None) in events
    assert [m["response"] for m in dispatcher.messages] == ["utter_invalid_severity"]


async def test_correction_is_confirmed_back(dispatcher, make_tracker, domain):
    tracker = make_tracker(
        text="no, it's the left leg", intent="correct",
        entities=_entities(("side", "left", 13), ("body_part", "leg", 18)),
        slots={"requested_slot": "onset", "locations": ["right leg"]},
    )  # fmt: skip

    slots = _slots(await ValidateSymptomForm().run(dispatcher, tracker, domain))

    assert slots == {"locations": ["left leg"]}
    message = dispatcher.messages[0]
    assert message["response"] == "utter_intake_corrected"
    assert message["value"] == "left leg"


def _fake_answer(excerpts):
    def answer(query):
        return SimpleNamespace(abstained=not excerpts, excerpts=excerpts)

    return answer


@pytest.fixture
def full_slots():
    return {
        "symptom_kind": ["weakness"], "locations": ["leg (both sides)", "arm"],
        "onset": "5 days ago", "onset_days": 5.0, "course": "worse, spreading",
        "spread_to": ["arm"], "severity": 6, "pattern": ["in the morning"],
    }  # fmt: skip


async def test_summary_then_doctor_today_note_then_cited_excerpts(
    dispatcher, make_tracker, domain, monkeypatch, full_slots
):
    excerpt = SimpleNamespace(
        passage_id="p7",
        section="Reducing leg pain",
        render=lambda n: f'{n}. "Visit a therapist."\nSource: Muscle tension article',
    )
    monkeypatch.setattr(intake_actions, "_answer", _fake_answer([excerpt]))

    tracker = make_tracker(text="no", intent="deny", slots=full_slots)

    events = await ActionIntakeSummary().run(dispatcher, tracker, domain)

    responses = [m["response"] for m in dispatcher.messages]
    assert responses == [
        "utter_intake_summary", "utter_intake_doctor_today",
        "utter_intake_excerpts", "utter_intake_closing",
    ]  # fmt: skip
    summary = dispatcher.messages[0]["summary"]
    assert "- Where: leg (both sides), arm" in summary
    assert "- Difficulty breathing, swallowing or speaking: no" in summary
    assert "Source: Muscle tension article" in dispatcher.messages[2]["excerpts"]
    assert dispatcher.messages[1]["emergency_number"]
    assert SlotSet("locations", None) in events  # a later intake starts fresh


async def test_summary_without_excerpts_says_the_sources_do_not_cover_it(
    dispatcher, make_tracker, domain, monkeypatch
):
    monkeypatch.setattr(intake_actions, "_answer", _fake_answer([]))
    slots = {"symptom_kind": ["cramp"], "locations": ["calf"]}
    tracker = make_tracker(text="not sure", intent="skip", slots=slots)

    await ActionIntakeSummary().run(dispatcher, tracker, domain)

    responses = [m["response"] for m in dispatcher.messages]
    assert "utter_intake_doctor_today" not in responses
    assert "utter_intake_no_excerpts" in responses
    assert "speaking: not sure" in dispatcher.messages[0]["summary"]


async def test_summary_still_arrives_when_retrieval_fails(
    dispatcher, make_tracker, domain, monkeypatch
):
    def broken(query):
        raise FileNotFoundError("corpus/index.faiss")

    monkeypatch.setattr(intake_actions, "_answer", broken)
    tracker = make_tracker(intent="deny", slots={"symptom_kind": ["cramp"]})

    await ActionIntakeSummary().run(dispatcher, tracker, domain)

    responses = [m["response"] for m in dispatcher.messages]
    assert responses[0] == "utter_intake_summary"
    assert "utter_intake_no_excerpts" in responses


async def test_reset_clears_every_intake_slot(dispatcher, make_tracker, domain):
    events = await ActionIntakeReset().run(dispatcher, make_tracker(), domain)
    assert SlotSet("symptom_kind", None) in events
    assert SlotSet("pattern", None) in events


def test_every_response_the_intake_sends_is_in_the_domain(domain):
    responses = domain["responses"]
    for slot in intake_actions.LABELS:
        assert f"utter_ask_{slot}" in responses
        assert f"utter_invalid_{slot}" in responses


def test_button_payloads_fit_telegram_callback_data(domain):
    for name, variants in domain["responses"].items():
        for variant in variants:
            for button in variant.get("buttons", []):
                assert len(button["payload"].encode()) <= 64, (name, button)


def _user(text, intent, entities=()):
    parse = {"intent": {"name": intent}, "entities": list(entities)}
    return {"event": "user", "text": text, "parse_data": parse}


async def test_prefill_reads_only_messages_since_the_last_intake_ended(
    dispatcher, make_tracker, domain
):
    events = [
        _user("my neck is stiff", "describe_symptoms",
              _entities(("body_part", "neck", 3), ("symptom_kind", "stiff", 11))),
        {"event": "action", "name": "action_intake_summary"},
        _user("my calf cramps", "describe_symptoms",
              _entities(("body_part", "calf", 3), ("symptom_kind", "cramps", 8))),
        _user("yes", "affirm"),
    ]  # fmt: skip
    tracker = make_tracker("yes", "affirm", events=events)

    slots = _slots(await ActionIntakePrefill().run(dispatcher, tracker, domain))

    assert slots == {"symptom_kind": ["cramp"], "locations": ["calf"]}
    assert dispatcher.messages == []


async def test_no_to_the_offer_is_remembered(dispatcher, make_tracker, domain):
    events = await ActionIntakeDecline().run(dispatcher, make_tracker(), domain)

    assert events == [SlotSet("intake_declined", True)]
    assert [m["response"] for m in dispatcher.messages] == ["utter_intake_declined"]


async def test_offer_is_made_until_the_person_says_no(dispatcher, make_tracker, domain):
    await ActionIntakeOffer().run(dispatcher, make_tracker(), domain)
    declined = make_tracker(slots={"intake_declined": True})
    await ActionIntakeOffer().run(dispatcher, declined, domain)

    assert [m["response"] for m in dispatcher.messages] == ["utter_offer_intake"]
