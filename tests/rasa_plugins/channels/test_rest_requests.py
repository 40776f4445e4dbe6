"""What the REST channel accepts, and the clear 4xx it gives for the rest."""

import json

import pytest

from bot.rasa_plugins.channels.rest import RequestProblem, parse_request


def _parse(body, max_chars=4096):
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    return parse_request(raw, max_chars)


def test_a_valid_request_gives_sender_message_and_metadata():
    assert _parse({"sender": "u1", "message": "hi", "metadata": {"a": 1}}) == (
        "u1",
        "hi",
        {"a": 1},
    )
    assert _parse({"sender": 7, "message": "hi"}) == ("7", "hi", None)


@pytest.mark.parametrize(
    "body, status, fix",
    [
        (b"{not json", 400, "not valid JSON"),
        (b"", 400, "not valid JSON"),
        (b"\xff\xfe", 400, "not valid JSON"),
        ([1, 2], 400, "JSON object"),
        ({"message": "hi"}, 400, "missing 'sender'"),
        ({"sender": "", "message": "hi"}, 400, "missing 'sender'"),
        ({"sender": {"id": 1}, "message": "hi"}, 400, "missing 'sender'"),
        ({"sender": "u1"}, 400, "missing 'message'"),
        ({"sender": "u1", "message": None}, 400, "missing 'message'"),
        ({"sender": "u1", "message": ["hi"]}, 400, "must be text"),
        ({"sender": "u1", "message": "hi", "metadata": "x"}, 400, "metadata"),
        ({"sender": "u1", "message": "x" * 100_000}, 413, "up to 4096"),
    ],
)
def test_bad_requests_get_a_4xx_naming_the_fix(body, status, fix):
    with pytest.raises(RequestProblem) as raised:
        _parse(body)
    assert raised.value.status == status
    assert fix in raised.value.body["error"]
    assert "sender" in raised.value.body["example"]


def test_the_413_body_says_the_limit_and_the_size_received():
    with pytest.raises(RequestProblem) as raised:
        _parse({"sender": "u1", "message": "x" * 5000}, max_chars=4096)
    assert raised.value.body["max_chars"] == 4096
    assert raised.value.body["received_chars"] == 5000


def test_whitespace_message_is_accepted_for_the_channel_to_answer():
    # The channel replies in the bot's voice rather than refusing it.
    assert _parse({"sender": "u1", "message": "  \n "})[1].strip() == ""


def test_an_oversized_message_showing_a_warning_sign_is_let_through():
    # The takeover must see it: refusing it for its size would hide the emergency.
    narrative = "my calves ache after long walks. " * 3000 + "now I can't breathe"
    sender, message, _ = _parse({"sender": "u1", "message": narrative})
    assert message == narrative
