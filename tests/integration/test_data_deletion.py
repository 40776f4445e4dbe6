""" "Delete my data" erases the conversation on the real stack (SQLite tracker
store), in any state and channel; the bot confirms from a new, empty one."""

from __future__ import annotations

import json
import random
import sqlite3
import uuid

import pytest

from tests.integration.test_telegram_channel import replies, send_text

pytestmark = [pytest.mark.integration, pytest.mark.slow]

CONFIRMED = "I have deleted this conversation"
INTRO = "not a doctor"


def _texts(messages) -> str:
    return " ".join(m.get("text", "") for m in messages)


def _stored(stack, sender: str) -> list:
    with sqlite3.connect(stack.env["TRACKER_DB"]) as db:
        rows = db.execute(
            "SELECT type_name, data FROM events WHERE sender_id = ?", (sender,)
        ).fetchall()
    return [(kind, json.loads(data)) for kind, data in rows]


def _user_texts(stored: list) -> list:
    return [data.get("text") for kind, data in stored if kind == "user"]


def test_delete_mid_form_erases_everything_and_the_next_turn_starts_afresh(stack):
    sender = f"del-{uuid.uuid4().hex[:8]}"
    stack.rest(sender, "hi")
    stack.rest(sender, "I want to describe my symptoms")
    assert "Where do you feel it" in _texts(stack.rest(sender, "cramps"))
    assert "When did it start" in _texts(stack.rest(sender, "my left calf"))
    assert "my left calf" in _user_texts(_stored(stack, sender))

    confirmation = _texts(stack.rest(sender, "please delete my data"))

    assert CONFIRMED in confirmation
    assert _stored(stack, sender) == []
    # A new conversation: the intro again, and the form starts from nothing.
    assert INTRO in _texts(stack.rest(sender, "hi"))
    assert "What do you feel" in _texts(
        stack.rest(sender, "I want to describe my symptoms")
    )
    assert _user_texts(_stored(stack, sender)) == [
        "hi",
        "I want to describe my symptoms",
    ]


@pytest.mark.parametrize(
    "request_text",
    [
        "Delete my data",
        "forget everything I told you",
        "I'd like my conversation deleted",
    ],
)
def test_close_variants_delete_too(stack, request_text):
    sender = f"del-{uuid.uuid4().hex[:8]}"
    stack.rest(sender, "what can you do?")

    assert CONFIRMED in _texts(stack.rest(sender, request_text))
    assert _stored(stack, sender) == []


def test_delete_after_a_red_flag_erases_it_too(stack):
    sender = f"del-{uuid.uuid4().hex[:8]}"
    assert "112" in _texts(stack.rest(sender, "I choke on my food"))

    assert CONFIRMED in _texts(stack.rest(sender, "delete my data"))
    assert _stored(stack, sender) == []


def test_other_conversations_are_untouched(stack):
    keep, drop = (f"del-{uuid.uuid4().hex[:8]}" for _ in range(2))
    stack.rest(keep, "what can you do?")
    stack.rest(drop, "what can you do?")

    stack.rest(drop, "delete my data")

    assert _user_texts(_stored(stack, keep)) == ["what can you do?"]


def test_delete_over_telegram_erases_that_chat(stack, telegram_api):
    chat = random.randint(10**8, 10**9)
    mark = telegram_api.mark()
    send_text(stack, chat, "what can you do?")
    assert replies(telegram_api, chat, mark)
    assert _stored(stack, str(chat))

    mark = telegram_api.mark()
    assert send_text(stack, chat, "/delete_my_data").status_code == 200

    sent = replies(telegram_api, chat, mark)
    assert any(CONFIRMED in c.params.get("text", "") for c in sent)
    assert _stored(stack, str(chat)) == []
