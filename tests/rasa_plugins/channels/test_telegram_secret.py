"""Only updates carrying the webhook secret are accepted; setWebhook sends it."""

from types import SimpleNamespace

import pytest

from bot.rasa_plugins.channels.telegram import SECRET_HEADER, TelegramInput
from tests.integration.telegram_standin import BotApiStandIn
from tools.ports import free_port

SECRET = "Sup3r_secret-token"


@pytest.fixture
def bot_api():
    standin = BotApiStandIn(username="muscle_helper_bot", port=free_port())
    standin.start()
    yield standin
    standin.stop()


def _channel(
    secret: str = SECRET, api_url: str = "http://127.0.0.1:9"
) -> TelegramInput:
    return TelegramInput(
        "123456:TEST",
        "muscle_helper_bot",
        "https://x/webhooks/telegram/webhook",
        api_url=api_url,
        secret_token=secret,
    )


def _request(headers: dict) -> SimpleNamespace:
    return SimpleNamespace(headers=headers)


def test_the_exact_secret_is_accepted():
    assert _channel().carries_secret(_request({SECRET_HEADER: SECRET}))


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {SECRET_HEADER: ""},
        {SECRET_HEADER: SECRET[:-1]},
        {SECRET_HEADER: SECRET + "x"},
        {SECRET_HEADER: SECRET.lower()},
        {SECRET_HEADER: "ünïcode"},
    ],
)
def test_a_missing_or_wrong_secret_is_refused(headers):
    assert not _channel().carries_secret(_request(headers))


def test_with_no_secret_configured_nothing_is_accepted():
    assert not _channel(secret="").carries_secret(_request({SECRET_HEADER: ""}))


def test_credentials_pass_the_secret_to_the_channel():
    channel = TelegramInput.from_credentials(
        {
            "access_token": "123456:TEST",
            "verify": "muscle_helper_bot",
            "webhook_url": "https://x/webhooks/telegram/webhook",
            "secret_token": SECRET,
        }
    )
    assert channel.secret_token == SECRET


async def test_set_webhook_sends_the_secret_token(bot_api):
    channel = _channel(api_url=bot_api.url)
    output = channel.get_output_channel()
    try:
        assert await channel.set_webhook(output)
    finally:
        await output.session.close()
    (call,) = bot_api.calls_to("setWebhook")
    assert call.params["secret_token"] == SECRET
    assert call.params["url"] == "https://x/webhooks/telegram/webhook"
