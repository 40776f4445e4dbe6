"""TelegramOutput against the loopback Bot API stand-in: what Telegram receives."""

import pytest

from bot.rasa_plugins.channels.telegram import TelegramOutput
from tests.integration.telegram_standin import BotApiStandIn
from tools.ports import free_port

TOKEN = "123456:TEST-token"


@pytest.fixture
def bot_api():
    standin = BotApiStandIn(username="muscle_helper_bot", port=free_port())
    standin.start()
    yield standin
    standin.stop()


@pytest.fixture
async def output(bot_api):
    channel = TelegramOutput(TOKEN, bot_api.url)
    yield channel
    await channel.session.close()


async def test_requests_go_to_the_configured_server_with_the_token(bot_api, output):
    await output.send_text_message("42", "hello")
    (call,) = bot_api.calls_to("sendMessage")
    assert call.token == TOKEN
    assert call.params["chat_id"] == "42"
    assert call.params["text"] == "hello"
    assert call.params["parse_mode"] == "HTML"


async def test_a_long_answer_is_split_with_nothing_lost(bot_api, output):
    paragraphs = [
        f"Part {i}: " + "rest the muscle & stretch it " * 30 for i in range(8)
    ]
    await output.send_text_message("42", "\n\n".join(paragraphs))

    sent = [c.params["text"] for c in bot_api.calls_to("sendMessage")]
    assert len(sent) > 1
    assert all(len(text) <= 4096 for text in sent)
    joined = " ".join(sent).replace("&amp;", "&")
    assert joined.split() == "\n\n".join(paragraphs).split()


async def test_buttons_fit_64_bytes_and_a_press_maps_back_to_the_payload(
    bot_api, output
):
    payload = '/describe_symptoms{"body_part": "left calf", "severity": "moderate"}'
    buttons = [
        {"title": "Left calf", "payload": payload},
        {"title": "Skip", "payload": "/skip"},
    ]
    await output.send_text_with_buttons("42", "Where does it hurt?", buttons)

    (call,) = bot_api.calls_to("sendMessage")
    keyboard = call.params["reply_markup"]["inline_keyboard"]
    keys = [key for row in keyboard for key in row]
    assert [k["text"] for k in keys] == ["Left calf", "Skip"]
    assert all(len(k["callback_data"].encode()) <= 64 for k in keys)
    assert keys[1]["callback_data"] == "/skip"
    assert output.payload_for(keys[0]["callback_data"]) == payload
    # After a restart the mapping is gone: the press is refused, not misread.
    assert (
        TelegramOutput(TOKEN, bot_api.url).payload_for(keys[0]["callback_data"]) is None
    )


async def test_buttons_go_under_the_last_part_of_a_split_answer(bot_api, output):
    text = "\n\n".join(["x" * 3000, "y" * 3000, "z" * 3000, "Which side?"])
    await output.send_text_with_buttons(
        "42", text, [{"title": "Left", "payload": "/left"}]
    )
    calls = bot_api.calls_to("sendMessage")
    assert [("reply_markup" in c.params) for c in calls] == [False, False, True]


async def test_the_emergency_message_is_sent_in_bold(bot_api, output):
    await output.send_text_message(
        "42", "Call 112 now.", utter_action="utter_emergency"
    )
    await output.send_text_message("42", "Hello", utter_action="utter_greet")
    texts = [c.params["text"] for c in bot_api.calls_to("sendMessage")]
    assert texts == ["<b>Call 112 now.</b>", "Hello"]
