"""action_red_flag_takeover closes any form and records the signs."""

from rasa_sdk.events import ActiveLoop, SlotSet

from actions.safety import ActionRedFlagTakeover

SIGN = {"entity": "red_flag_sign", "value": "trouble swallowing", "start": 0, "end": 18}


async def test_takeover_records_signs_and_resets_help_arranged(
    dispatcher, make_tracker, domain
):
    tracker = make_tracker(
        text="trouble swallowing", intent="red_flag", entities=[SIGN],
        slots={"help_arranged": True},
    )  # fmt: skip

    events = await ActionRedFlagTakeover().run(dispatcher, tracker, domain)

    assert events == [
        SlotSet("red_flag", True),
        SlotSet("red_flag_signs", ["trouble swallowing"]),
        SlotSet("help_arranged", False),
    ]
    assert dispatcher.messages == []  # utter_emergency, a domain response, spoke


async def test_takeover_deactivates_an_active_form(dispatcher, make_tracker, domain):
    tracker = make_tracker(
        intent="red_flag", entities=[SIGN], active_loop={"name": "symptom_form"}
    )

    events = await ActionRedFlagTakeover().run(dispatcher, tracker, domain)

    assert events[0] == ActiveLoop(None)


async def test_takeover_keeps_earlier_signs_when_none_came_now(
    dispatcher, make_tracker, domain
):
    tracker = make_tracker(intent="red_flag", slots={"red_flag_signs": ["drooling"]})

    events = await ActionRedFlagTakeover().run(dispatcher, tracker, domain)

    assert SlotSet("red_flag_signs", ["drooling"]) in events


def test_emergency_message_says_what_to_do_and_reassures_no_one(domain):
    (variant,) = domain["responses"]["utter_emergency"]
    text = variant["text"]

    assert "{emergency_number}" in text and "Call {emergency_number} now" in text
    assert "Don't drive yourself" in text
    assert "breathing, swallowing or speaking started" in text
    assert "unlock your door" in text
    for reassurance in ("probably", "nothing serious", "don't worry", "likely"):
        assert reassurance not in text.lower()


def test_safety_slots_are_set_by_rasa_itself_from_the_intents(domain):
    slots = domain["slots"]

    assert {"type": "from_intent", "intent": "red_flag", "value": True} in slots[
        "red_flag"
    ]["mappings"]
    assert slots["red_flag_signs"]["mappings"] == [
        {"type": "from_entity", "entity": "red_flag_sign"}
    ]
    assert {"type": "from_intent", "intent": "help_arranged", "value": True} in slots[
        "help_arranged"
    ]["mappings"]
