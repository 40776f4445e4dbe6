"""A forged Telegram update (no or wrong secret) is refused: 403, nothing
processed, stored or sent. The shared stack talks to the Bot API stand-in."""

from __future__ import annotations

import random
import sqlite3
import time

import pytest
import requests

from bot.rasa_plugins.channels.telegram import SECRET_HEADER

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def _update(chat_id: int, text: str) -> dict:
    return {
        "update_id": random.randint(1, 10**9),
        "message": {
            "message_id": random.randint(1, 10**6),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private", "first_name": "Eve"},
            "from": {"id": chat_id, "is_bot": False, "first_name": "Eve"},
            "text": text,
        },
    }


def _stored_events(stack, sender: str) -> int:
    with sqlite3.connect(stack.env["TRACKER_DB"]) as db:
        (count,) = db.execute(
            "SELECT COUNT(*) FROM events WHERE sender_id = ?", (sender,)
        ).fetchone()
    return count


def test_setwebhook_was_given_the_secret_token(stack, telegram_api):
    calls = telegram_api.calls_to("setWebhook")
    assert calls
    assert all(
        c.params.get("secret_token") == stack.env["TELEGRAM_WEBHOOK_SECRET"]
        for c in calls
    )


@pytest.mark.parametrize(
    "headers",
    [{}, {SECRET_HEADER: "guessed"}, {SECRET_HEADER: ""}],
    ids=["no header", "wrong secret", "empty secret"],
)
def test_a_forged_update_gets_403_and_nothing_is_processed_stored_or_sent(
    stack, telegram_api, headers
):
    chat = random.randint(10**8, 10**9)
    mark = telegram_api.mark()

    response = requests.post(
        f"{stack.rasa_url}/webhooks/telegram/webhook",
        json=_update(chat, "hello, how do I relieve a cramp?"),
        headers=headers,
        timeout=30,
    )

    assert response.status_code == 403
    assert SECRET_HEADER in response.json()["error"]
    time.sleep(1)  # anything sent would be on its way by now
    assert telegram_api.calls_to("sendMessage", mark) == []
    assert telegram_api.calls_to("getMe", mark) == []
    assert _stored_events(stack, str(chat)) == 0


def test_the_same_update_with_the_secret_is_answered(stack, telegram_api):
    chat = random.randint(10**8, 10**9)
    mark = telegram_api.mark()

    response = requests.post(
        f"{stack.rasa_url}/webhooks/telegram/webhook",
        json=_update(chat, "hello"),
        headers={SECRET_HEADER: stack.env["TELEGRAM_WEBHOOK_SECRET"]},
        timeout=120,
    )

    assert response.status_code == 200
    sent = telegram_api.wait_for("sendMessage", mark)
    assert any(str(c.params.get("chat_id")) == str(chat) for c in sent)
    assert _stored_events(stack, str(chat)) > 0
