"""One real stack (action server + Rasa server + chat page) for the whole session.

The stack's Telegram channel is on, pointed at a loopback stand-in of the Bot
API started first, so Telegram is tested on the same server as everything else.
"""

from __future__ import annotations

import pytest

from tests.integration.servers import (
    Stack,
    free_port,
    start_rasa_only,
    start_stack,
)
from tests.integration.telegram_standin import BotApiStandIn
from tools.local_stack import pick_ports

TELEGRAM_BOT_NAME = "muscle_helper_bot"
TELEGRAM_TOKEN = "123456:stand-in-token"
TELEGRAM_WEBHOOK_SECRET = "stand-in_webhook-secret"


@pytest.fixture(scope="session")
def telegram_api() -> BotApiStandIn:
    """The Bot API stand-in; `.calls` records what the bot sent to Telegram."""
    standin = BotApiStandIn(username=TELEGRAM_BOT_NAME, port=free_port())
    standin.start()
    yield standin
    standin.stop()


@pytest.fixture(scope="session")
def stack(tmp_path_factory, telegram_api) -> Stack:
    ports = pick_ports()
    telegram = {
        "TELEGRAM_TOKEN": TELEGRAM_TOKEN,
        "TELEGRAM_BOT_NAME": TELEGRAM_BOT_NAME,
        "TELEGRAM_WEBHOOK_URL": (
            f"http://127.0.0.1:{ports['rasa']}/webhooks/telegram/webhook"
        ),
        "TELEGRAM_API_URL": telegram_api.url,
        "TELEGRAM_WEBHOOK_SECRET": TELEGRAM_WEBHOOK_SECRET,
    }
    running = start_stack(tmp_path_factory.mktemp("stack"), telegram, ports=ports)
    yield running
    running.stop()


@pytest.fixture(scope="session")
def stack_without_actions(tmp_path_factory) -> Stack:
    """Only the Rasa server: the action server is down for the whole session."""
    running = start_rasa_only(tmp_path_factory.mktemp("no-actions"))
    yield running
    running.stop()
