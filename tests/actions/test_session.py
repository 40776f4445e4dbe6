"""The session-start action introduces the bot and keeps carried-over slots."""

from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet

from actions.session import ActionSessionStart


async def test_session_start_sends_intro_then_listens(dispatcher, make_tracker, domain):
    events = await ActionSessionStart().run(dispatcher, make_tracker(), domain)

    assert [m["response"] for m in dispatcher.messages] == ["utter_intro"]
    assert events[0] == SessionStarted()
    assert events[-1] == ActionExecuted("action_listen")


async def test_session_start_carries_over_filled_slots(
    dispatcher, make_tracker, domain
):
    tracker = make_tracker(slots={"kept": "calf", "empty": None})

    events = await ActionSessionStart().run(dispatcher, tracker, domain)

    assert SlotSet("kept", "calf") in events
    assert not any(isinstance(e, dict) and e.get("name") == "empty" for e in events)


async def test_session_start_drops_slots_when_domain_says_so(
    dispatcher, make_tracker, domain
):
    no_carry = {**domain, "session_config": {"carry_over_slots_to_new_session": False}}

    events = await ActionSessionStart().run(
        dispatcher, make_tracker(slots={"kept": "calf"}), no_carry
    )

    assert SlotSet("kept", "calf") not in events


def test_intro_says_the_bot_is_not_a_doctor(domain):
    intro = domain["responses"]["utter_intro"][0]["text"].lower()
    assert "not a doctor" in intro
    assert "diagnose" in intro
