"""Bad requests to the real REST channel get a clear 4xx; nothing is lost."""

import uuid

import pytest
import requests

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def _post(stack, body: bytes):
    return requests.post(
        f"{stack.rasa_url}/webhooks/rest/webhook",
        data=body,
        headers={"Content-Type": "application/json"},
        timeout=60,
    )


@pytest.mark.parametrize(
    "body, status, fix",
    [
        (b'{"sender": "x", "message": ', 400, "not valid JSON"),
        (b'{"message": "hello"}', 400, "missing 'sender'"),
        (b'{"sender": "x"}', 400, "missing 'message'"),
        (b'"hello"', 400, "JSON object"),
    ],
)
def test_malformed_requests_get_a_400_with_a_json_body_naming_the_fix(
    stack, body, status, fix
):
    response = _post(stack, body)

    assert response.status_code == status
    assert fix in response.json()["error"]
    assert "example" in response.json()


def test_a_100_kb_message_gets_413_and_the_conversation_carries_on(stack):
    sender = f"big-{uuid.uuid4().hex[:8]}"
    stack.rest(sender, "hi")

    response = requests.post(
        f"{stack.rasa_url}/webhooks/rest/webhook",
        json={"sender": sender, "message": "cramp " * 17_000},
        timeout=60,
    )

    assert response.status_code == 413
    assert "up to 4096" in response.json()["error"]
    # Nothing lost: the conversation goes on where it was.
    reply = " ".join(m.get("text", "") for m in stack.rest(sender, "thanks!"))
    assert "You're welcome" in reply


def test_a_100_kb_narrative_with_a_warning_sign_gets_the_emergency_message(stack):
    narrative = "my calves ache after long walks. " * 3000
    message = narrative + "and since this morning it is hard to swallow"

    reply = " ".join(
        m.get("text", "") for m in stack.rest(f"big-{uuid.uuid4().hex[:8]}", message)
    )

    assert "Call 112 now" in reply  # the takeover, not a request to shorten it


def test_an_empty_message_gets_a_clear_answer_not_an_error(stack):
    messages = stack.rest(f"empty-{uuid.uuid4().hex[:8]}", "   ")
    assert "didn't receive any text" in messages[0]["text"]


def test_the_server_still_answers_after_bad_input(stack):
    _post(stack, b"\xff\xfe garbage")
    reply = stack.rest(f"after-{uuid.uuid4().hex[:8]}", "are you a human?")
    assert "I'm a bot" in " ".join(m.get("text", "") for m in reply)
