"""socket.io accepts the chat page's origin and refuses any other."""

import pytest
import requests

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def _handshake(stack, origin: str) -> requests.Response:
    return requests.get(
        f"{stack.rasa_url}/socket.io/",
        params={"EIO": "4", "transport": "polling"},
        headers={"Origin": origin},
        timeout=30,
    )


def test_the_chat_page_origin_may_connect_with_one_cors_header(stack):
    origin = stack.web_url
    response = _handshake(stack, origin)

    assert response.status_code == 200
    assert response.text.startswith("0{")  # Engine.IO 4 open packet
    # A doubled header (Sanic's CORS and engineio's) makes browsers refuse it.
    assert response.raw.headers.getlist("Access-Control-Allow-Origin") == [origin]


def test_another_origin_is_refused(stack):
    response = _handshake(stack, "https://evil.example")
    assert response.status_code == 400
    assert "not an accepted origin" in response.text
