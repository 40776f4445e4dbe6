""" "Did this help?" follows a cited answer only, in the form the channel suits."""

import pytest

from actions.feedback import ActionOfferFeedback


def turn(utter: str, channel: str = "socketio"):
    return [
        {"event": "user", "text": "q", "input_channel": channel},
        {"event": "action", "name": "action_answer_question"},
        {"event": "bot", "text": "...", "metadata": {"utter_action": utter}},
    ]


def test_domain_declares_the_offer_with_thumbs_buttons_and_its_replies(domain):
    assert "action_offer_feedback" in domain["actions"]
    assert {"answer_helped", "answer_not_helped"} <= set(domain["intents"])
    [offer] = domain["responses"]["utter_ask_feedback"]
    payloads = [b["payload"] for b in offer["buttons"]]
    assert payloads == ["/answer_helped", "/answer_not_helped"]
    assert "buttons" not in domain["responses"]["utter_ask_feedback_in_words"][0]
    assert {"utter_feedback_thanks", "utter_feedback_noted"} <= set(domain["responses"])


@pytest.mark.parametrize(
    ("utter", "channel", "expected"),
    [
        ("utter_cited_answer", "socketio", ["utter_ask_feedback"]),
        ("utter_cited_answer", "telegram", ["utter_ask_feedback"]),
        ("utter_cited_answer", "cmdline", ["utter_ask_feedback_in_words"]),
        ("utter_no_answer", "socketio", []),
    ],
)
async def test_offer_only_after_a_cited_answer(
    dispatcher, make_tracker, domain, utter, channel, expected
):
    tracker = make_tracker("q", "ask_health_question", events=turn(utter, channel))

    events = await ActionOfferFeedback().run(dispatcher, tracker, domain)

    assert events == []
    assert [m["response"] for m in dispatcher.messages] == expected


async def test_no_offer_when_the_turn_has_no_bot_message(
    dispatcher, make_tracker, domain
):
    events = [{"event": "bot", "metadata": {"utter_action": "utter_cited_answer"}}]
    events += [{"event": "user", "text": "hi", "input_channel": "rest"}]
    tracker = make_tracker("hi", "greet", events=events)

    await ActionOfferFeedback().run(dispatcher, tracker, domain)

    assert dispatcher.messages == []
