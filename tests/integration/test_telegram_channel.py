"""Telegram on the shared stack: real Update JSON in, recorded Bot API calls out.

The stack's TELEGRAM_API_URL points at the loopback stand-in (see conftest.py).
"""

from __future__ import annotations

import itertools
import random
import re
import time

import pytest
import requests

from bot.rasa_plugins.channels.telegram import SECRET_HEADER

pytestmark = [pytest.mark.integration, pytest.mark.slow]

_update_ids = itertools.count(random.randint(1, 10**6))


def _chat() -> int:
    return random.randint(10**8, 10**9)


def _message(chat_id: int, text: str) -> dict:
    return {
        "message_id": random.randint(1, 10**6),
        "date": int(time.time()),
        "chat": {"id": chat_id, "type": "private", "first_name": "Ann"},
        "from": {"id": chat_id, "is_bot": False, "first_name": "Ann"},
        "text": text,
    }


def post_update(stack, update: dict) -> requests.Response:
    """Deliver one Update the way Telegram does (POST to our webhook)."""
    update = {"update_id": next(_update_ids), **update}
    return requests.post(
        f"{stack.rasa_url}/webhooks/telegram/webhook",
        json=update,
        headers={SECRET_HEADER: stack.env["TELEGRAM_WEBHOOK_SECRET"]},
        timeout=120,
    )


def send_text(stack, chat_id: int, text: str) -> requests.Response:
    return post_update(stack, {"message": _message(chat_id, text)})


def replies(telegram_api, chat_id: int, since: int, count: int = 1) -> list:
    """The texts sent to `chat_id` after `since`, waiting for `count` of them."""
    deadline = time.monotonic() + 60
    while True:
        calls = [
            c
            for c in telegram_api.calls_to("sendMessage", since)
            if str(c.params.get("chat_id")) == str(chat_id)
        ]
        if len(calls) >= count or time.monotonic() > deadline:
            return calls
        time.sleep(0.2)


def test_the_webhook_was_registered_with_the_configured_server(stack, telegram_api):
    (call,) = telegram_api.calls_to("setWebhook")[:1]
    assert call.params["url"] == stack.env["TELEGRAM_WEBHOOK_URL"]
    assert call.token == stack.env["TELEGRAM_TOKEN"]


def test_a_text_message_is_answered_in_its_chat(stack, telegram_api):
    chat = _chat()
    mark = telegram_api.mark()

    assert send_text(stack, chat, "hello").status_code == 200

    texts = [c.params["text"] for c in replies(telegram_api, chat, mark, 2)]
    assert any("not a doctor" in t for t in texts)  # the session-start intro
    assert all(
        c.params["parse_mode"] == "HTML" for c in replies(telegram_api, chat, mark)
    )


def test_an_edited_message_is_answered_as_the_new_text(stack, telegram_api):
    chat = _chat()
    send_text(stack, chat, "hello")
    replies(telegram_api, chat, 0, 2)
    mark = telegram_api.mark()

    edited = _message(chat, "are you a human?")
    assert post_update(stack, {"edited_message": edited}).status_code == 200

    texts = [c.params["text"] for c in replies(telegram_api, chat, mark)]
    assert any("I'm a bot" in t for t in texts)


def test_a_button_press_is_acknowledged_and_answered(stack, telegram_api):
    chat = _chat()
    send_text(stack, chat, "hello")
    replies(telegram_api, chat, 0, 2)
    mark = telegram_api.mark()

    press = {
        "callback_query": {
            "id": "cbq-1",
            "from": {"id": chat, "is_bot": False, "first_name": "Ann"},
            "chat_instance": "ci-1",
            "data": "/bot_challenge",
            "message": _message(chat, "(the message the button was under)"),
        }
    }
    assert post_update(stack, press).status_code == 200

    texts = [c.params["text"] for c in replies(telegram_api, chat, mark)]
    assert any("I'm a bot" in t for t in texts)
    answered = telegram_api.calls_to("answerCallbackQuery", mark)
    assert [c.params["callback_query_id"] for c in answered] == ["cbq-1"]


def test_a_command_for_another_bot_is_ignored_and_not_logged(stack, telegram_api):
    chat = _chat()
    mark = telegram_api.mark()
    secret = f"quadriceps-{chat}"

    response = send_text(stack, chat, f"/start@some_other_bot {secret}")

    assert response.status_code == 200  # Telegram must not retry it
    # The webhook answers after handling, so any reply would be recorded by now.
    sent = telegram_api.calls_to("sendMessage", mark)
    assert [c for c in sent if str(c.params.get("chat_id")) == str(chat)] == []
    assert secret not in stack.log_path.read_text(errors="replace")


def test_malformed_updates_get_a_400_not_a_server_error(stack):
    for body in (b"{not json", b"[]", b'{"no_update_id": 1}'):
        response = requests.post(
            f"{stack.rasa_url}/webhooks/telegram/webhook",
            data=body,
            headers={
                "Content-Type": "application/json",
                SECRET_HEADER: stack.env["TELEGRAM_WEBHOOK_SECRET"],
            },
            timeout=30,
        )
        assert response.status_code == 400
        assert "Telegram Update" in response.json()["error"]


INTAKE_TO_BUTTONS = [
    "I want to describe my symptoms",
    "cramps",
    "my left calf",
    "since yesterday",
]


def test_intake_questions_carry_buttons_and_a_press_answers_them(stack, telegram_api):
    chat = _chat()
    for text in INTAKE_TO_BUTTONS:
        mark = telegram_api.mark()
        send_text(stack, chat, text)
        replies(telegram_api, chat, mark)

    (question,) = [
        c for c in replies(telegram_api, chat, mark) if "reply_markup" in c.params
    ]
    assert "getting better, worse" in question.params["text"]
    keys = [
        k for row in question.params["reply_markup"]["inline_keyboard"] for k in row
    ]
    assert [k["text"] for k in keys][:3] == ["Worse", "Better", "The same"]
    assert all(len(k["callback_data"].encode()) <= 64 for k in keys)

    mark = telegram_api.mark()
    press = {
        "callback_query": {
            "id": "cbq-worse",
            "from": {"id": chat, "is_bot": False, "first_name": "Ann"},
            "chat_instance": "ci-2",
            "data": keys[0]["callback_data"],
            "message": _message(chat, question.params["text"]),
        }
    }
    post_update(stack, press)

    texts = [c.params["text"] for c in replies(telegram_api, chat, mark)]
    assert any("How strong is it" in t for t in texts)


def test_a_health_question_gets_a_cited_answer(stack, telegram_api):
    chat = _chat()
    mark = telegram_api.mark()

    send_text(stack, chat, "how do I relieve a calf cramp?")

    texts = [c.params["text"] for c in replies(telegram_api, chat, mark, 3)]
    answer = next(t for t in texts if "Source:" in t)
    assert "section" in answer
    assert len(answer) <= 4096
    # Escaped for parse_mode=HTML: no tag but the few Telegram allows.
    assert "<" not in re.sub(r"</?(b|i|blockquote)>", "", answer)


def test_a_red_flag_gets_the_emergency_message_in_bold(stack, telegram_api):
    chat = _chat()
    mark = telegram_api.mark()

    send_text(stack, chat, "I can't breathe properly and my legs are weak")

    texts = [c.params["text"] for c in replies(telegram_api, chat, mark, 2)]
    emergency = [t for t in texts if "sign of an emergency" in t]
    assert emergency and emergency[0].startswith("<b>")
    assert "Call " + stack.env.get("EMERGENCY_NUMBER", "112") in emergency[0]
