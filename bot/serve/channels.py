"""What the launcher does for the channels: check, write credentials, say what's on."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List

from bot.serve import chat_page
from bot.serve.credentials import telegram_problems, write_effective_credentials
from bot.settings import Settings


def check_ready(settings: Settings) -> None:
    """Stop before starting anything if the widget or Telegram cannot work."""
    chat_page.check_ready(settings)
    problems = telegram_problems(settings)
    if problems:
        raise SystemExit("error: " + "\n       ".join(problems))


def prepare(settings: Settings) -> Path:
    """Write the credentials Rasa reads and tell the user which channels are on."""
    path = write_effective_credentials(settings)
    print(
        f"launcher: channels: REST and socket.io on port {settings.rasa_port}; "
        f"chat page on http://localhost:{settings.web_port}/",
        flush=True,
    )
    if settings.telegram_enabled:
        print(
            f"launcher: Telegram is on for @{settings.telegram_bot_name} "
            f"(Bot API {settings.telegram_api_url}, webhook "
            f"{settings.telegram_webhook_url})",
            flush=True,
        )
    else:
        print(
            "launcher: Telegram is off: set TELEGRAM_TOKEN, TELEGRAM_BOT_NAME and "
            "TELEGRAM_WEBHOOK_URL to switch it on",
            flush=True,
        )
    return path


def web_page_cmd() -> List[str]:
    """The chat page server, run by the same interpreter."""
    return [sys.executable, "-m", "bot.serve.chat_page"]
