"""Flooding on the real stack: past 20 messages in 10 s a sender or an address
gets "slow down" and is not processed; others are answered as usual.

Empty messages fill the window cheaply: they count, but need no NLU.
"""

from __future__ import annotations

import random
import sqlite3
import time
import uuid

import pytest

from tests.integration.test_telegram_channel import _message, post_update, replies
from tools.bench.flood import post_from

pytestmark = [pytest.mark.integration, pytest.mark.slow]

SLOW_DOWN = "faster than I can read them"
LIMIT = 20  # the default FLOOD_MAX_PER_SENDER in FLOOD_WINDOW_SECONDS=10
ADDRESS_LIMIT = 60  # the default FLOOD_MAX_PER_ADDRESS


def _texts(messages) -> str:
    return " ".join(m.get("text", "") for m in messages or [])


def _stored_user_events(stack, sender: str) -> int:
    with sqlite3.connect(stack.env["TRACKER_DB"]) as db:
        (count,) = db.execute(
            "SELECT COUNT(*) FROM events WHERE sender_id = ? AND type_name = 'user'",
            (sender,),
        ).fetchone()
    return count


def test_a_flooding_sender_is_told_to_slow_down_and_not_processed(stack):
    port = stack.ports["rasa"]
    sender = f"flood-{uuid.uuid4().hex[:8]}"
    started = time.monotonic()
    for _ in range(LIMIT):
        assert post_from("127.0.0.1", port, sender, "")[0] == 200

    status, body = post_from("127.0.0.1", port, sender, "what can you do?")

    assert time.monotonic() - started < 10
    assert status == 429
    assert SLOW_DOWN in _texts(body)
    assert _stored_user_events(stack, sender) == 0
    # Someone else, at the same moment, is answered as usual.
    assert "I can help with" in _texts(
        stack.rest(f"calm-{uuid.uuid4().hex[:8]}", "what can you do?")
    )


def test_one_address_rotating_sender_ids_is_limited_as_an_address(stack):
    port = stack.ports["rasa"]
    prefix = f"rotate-{uuid.uuid4().hex[:6]}"
    started = time.monotonic()
    statuses = [
        post_from("127.0.0.2", port, f"{prefix}-{i}", "")[0]
        for i in range(ADDRESS_LIMIT)
    ]
    status, body = post_from("127.0.0.2", port, f"{prefix}-last", "what can you do?")

    assert time.monotonic() - started < 10
    assert set(statuses) == {200}
    assert status == 429 and SLOW_DOWN in _texts(body)
    assert _stored_user_events(stack, f"{prefix}-last") == 0
    # Another address (here the exempt loopback) is not affected.
    status, body = post_from("127.0.0.1", port, f"{prefix}-other", "what can you do?")
    assert status == 200 and "I can help with" in _texts(body)


def test_a_flooding_telegram_chat_gets_one_slow_down_and_nothing_more(
    stack, telegram_api
):
    chat = random.randint(10**8, 10**9)
    sticker = _message(chat, "")
    del sticker["text"]
    started = time.monotonic()
    for _ in range(LIMIT):
        assert post_update(stack, {"message": sticker}).status_code == 200
    mark = telegram_api.mark()

    for text in ("what can you do?", "hello?", "anyone?"):
        assert post_update(stack, {"message": _message(chat, text)}).status_code == 200

    assert time.monotonic() - started < 10
    sent = replies(telegram_api, chat, mark)
    time.sleep(1)
    sent = [c for c in telegram_api.calls_to("sendMessage", mark)
            if str(c.params.get("chat_id")) == str(chat)]  # fmt: skip
    assert len(sent) == 1 and SLOW_DOWN in sent[0].params["text"]
    assert _stored_user_events(stack, str(chat)) == 0
