"""Every kind of odd input, enumerated: each gets a clear answer, nothing is lost.

An accepted message is stored in the tracker verbatim and answered; a refused
request gets a 4xx naming the reason and leaves the conversation untouched.
All cases run on the shared stack. Related checks elsewhere: the widget shows
markup as text (test_widget_browser.py), socket.io origins
(test_socketio_origins.py), and an over-long message that reaches the NLU
anyway (tests/production/test_real_model_in_process.py).
"""

from __future__ import annotations

import json
import sqlite3
import uuid

import pytest
import requests

from tests.integration.test_telegram_channel import _chat, send_text

pytestmark = [pytest.mark.integration, pytest.mark.slow]

ENGLISH_ONLY = "I can only understand English"
SAY_AGAIN = "say it another way"
NO_TEXT = "didn't receive any text"
HUNDRED_KB = ("my calf cramps at night and the pain spreads to my thigh. " * 1800)[
    :100_000
]

# Answered and stored: (case, message, phrase the reply must contain or None).
ANSWERED = [
    ("control characters", "\x00\x07hello\x1b[31m there\x7f", None),
    ("emoji only", "💪😣🦵", SAY_AGAIN),
    ("emoji in a sentence", "hello 👋 there", None),
    ("right-to-left Arabic", "أشعر بألم في عضلة الساق", ENGLISH_ONLY),
    ("right-to-left Hebrew", "הרגל שלי כואבת", ENGLISH_ONLY),
    ("right-to-left override around English", "\u202ehello\u202c", None),
    ("Russian", "У меня болит икра по ночам", ENGLISH_ONLY),
    ("Chinese", "我的小腿抽筋了", ENGLISH_ONLY),
    ("Greek", "Γεια σας, πονάει ο μυς μου", ENGLISH_ONLY),
    ("Hindi", "मेरी पिंडली में दर्द है", ENGLISH_ONLY),
    (
        "HTML and script",
        '<script>alert("x")</script><img src=x onerror=alert(1)>',
        None,
    ),
]

# Refused with a reason: (case, raw request body, status, phrase in the error).
REFUSED = [
    ("malformed JSON", b'{"sender": "x", "message": "unterminated', 400, "JSON"),
    ("missing sender", b'{"message": "hello"}', 400, "sender"),
    ("missing message", b'{"sender": "x"}', 400, "message"),
    ("message not text", b'{"sender": "x", "message": ["hi"]}', 400, "message"),
    (
        "100 KB message",
        json.dumps({"sender": "x", "message": HUNDRED_KB}).encode(),
        413,
        "4096",
    ),
]


def _stored_user_texts(stack, sender: str) -> list:
    with sqlite3.connect(stack.env["TRACKER_DB"]) as db:
        rows = db.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' "
            "ORDER BY id",
            (sender,),
        ).fetchall()
    return [json.loads(data)["text"] for (data,) in rows]


def _texts(replies) -> str:
    return " ".join(r.get("text", "") for r in replies)


@pytest.mark.parametrize(
    "message, expected", [c[1:] for c in ANSWERED], ids=[c[0] for c in ANSWERED]
)
def test_odd_message_gets_a_clear_reply_and_is_stored(stack, message, expected):
    sender = f"odd-{uuid.uuid4().hex[:8]}"
    stack.rest(sender, "hi")  # the session intro is out of the way

    text = _texts(stack.rest(sender, message))

    assert text.strip(), f"no reply to {message[:40]!r}"
    if expected:
        assert expected in text
    # Bot replies never carry markup a widget could execute.
    assert "<" not in text and ">" not in text
    assert _stored_user_texts(stack, sender) == ["hi", message]


def test_another_script_mid_intake_gets_the_english_reply_and_the_form_goes_on(stack):
    sender = f"odd-{uuid.uuid4().hex[:8]}"
    stack.rest(sender, "hi")
    stack.rest(sender, "I want to describe my symptoms")
    assert "Where do you feel it" in _texts(stack.rest(sender, "cramps"))

    reply = _texts(stack.rest(sender, "У меня болит икра по ночам"))

    assert ENGLISH_ONLY in reply
    assert "Where do you feel it" in reply  # the same question, asked again
    assert "When did it start" in _texts(stack.rest(sender, "my left calf"))


@pytest.mark.parametrize("message", ["", "   \n\t  "], ids=["empty", "whitespace"])
def test_empty_message_is_answered_and_adds_nothing(stack, message):
    sender = f"empty-{uuid.uuid4().hex[:8]}"
    stack.rest(sender, "hi")

    assert NO_TEXT in _texts(stack.rest(sender, message))
    assert _stored_user_texts(stack, sender) == ["hi"]


@pytest.mark.parametrize(
    "body, status, reason", [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED]
)
def test_bad_request_is_refused_with_a_reason_and_the_conversation_goes_on(
    stack, body, status, reason
):
    sender = f"refused-{uuid.uuid4().hex[:8]}"
    stack.rest(sender, "hi")
    body = body.replace(b'"x"', json.dumps(sender).encode())

    response = requests.post(
        f"{stack.rasa_url}/webhooks/rest/webhook",
        data=body,
        headers={"Content-Type": "application/json"},
        timeout=60,
    )

    assert response.status_code == status
    assert reason in response.json()["error"]
    assert "You're welcome" in _texts(stack.rest(sender, "thanks!"))
    assert _stored_user_texts(stack, sender) == ["hi", "thanks!"]


def test_telegram_update_for_another_bot_gets_no_reply_and_no_error(
    stack, telegram_api
):
    chat = _chat()
    mark = telegram_api.mark()

    response = send_text(stack, chat, "/start@some_other_bot hello")

    assert response.status_code == 200  # acknowledged, so Telegram won't retry
    sent = telegram_api.calls_to("sendMessage", mark)
    assert [c for c in sent if str(c.params.get("chat_id")) == str(chat)] == []
