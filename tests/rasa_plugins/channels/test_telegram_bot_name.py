"""The webhook serves only the bot named in TELEGRAM_BOT_NAME."""

import pytest

from bot.rasa_plugins.channels.telegram import TelegramInput
from tests.integration.telegram_standin import BotApiStandIn
from tools.ports import free_port


@pytest.fixture
def bot_api():
    standin = BotApiStandIn(username="someone_elses_bot", port=free_port())
    standin.start()
    yield standin
    standin.stop()


def _channel(bot_api, name: str) -> TelegramInput:
    return TelegramInput(
        "123456:TEST", name, "https://x/webhooks/telegram/webhook", api_url=bot_api.url
    )


async def test_a_token_of_another_bot_is_refused_and_getme_is_asked_once(bot_api):
    channel = _channel(bot_api, "muscle_helper_bot")
    output = channel.get_output_channel()
    try:
        assert not await channel._bot_name_matches(output)
        assert not await channel._bot_name_matches(output)
    finally:
        await output.session.close()
    assert len(bot_api.calls_to("getMe")) == 1


async def test_the_bot_name_matches_whatever_its_case(bot_api):
    channel = _channel(bot_api, "Someone_Elses_Bot")
    output = channel.get_output_channel()
    try:
        assert await channel._bot_name_matches(output)
    finally:
        await output.session.close()
