"""The credentials file the Rasa server reads, written at start from settings.

credentials.yml is the documented base. Rasa expands ${VAR} in it but fails on
an unset variable, so a channel that must be off when its variables are unset
(Telegram) cannot live there; the launcher adds it to a copy under .run/.
The token and the webhook secret stay out of the file: they are written as
${TELEGRAM_TOKEN} and ${TELEGRAM_WEBHOOK_SECRET}, and Rasa reads them from the
environment.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Dict, List

import yaml

from bot.settings import ROOT, Settings

TELEGRAM_CHANNEL = "bot.rasa_plugins.channels.telegram.TelegramInput"
DEFAULT_API_URL = "https://api.telegram.org"
RUN_DIR = ROOT / ".run"
# What Telegram accepts as setWebhook's secret_token.
SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")


def telegram_problems(settings: Settings) -> List[str]:
    """What stops Telegram from working as configured (empty when fine or off)."""
    unset = settings.telegram_unset
    if len(unset) == 3:
        return []
    if unset:
        return [
            f"Telegram is half configured: set {', '.join(unset)} too, "
            "or unset all three TELEGRAM_* variables to switch it off"
        ]
    problems = []
    secret = settings.telegram_webhook_secret
    if not secret:
        problems.append(
            "TELEGRAM_WEBHOOK_SECRET is not set: without it anyone who knows the "
            "webhook URL can send updates as any chat. Set it to a random string of "
            "1-256 letters, digits, _ or -, e.g. "
            "`python -c 'import secrets; print(secrets.token_urlsafe(32))'`"
        )
    elif not SECRET_TOKEN.fullmatch(secret):
        problems.append(
            "TELEGRAM_WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ "
            f"and - (Telegram's rule); it has {len(secret)} characters, some not "
            "allowed. Generate one with "
            "`python -c 'import secrets; print(secrets.token_urlsafe(32))'`"
        )
    left, sep, right = settings.telegram_token.partition(":")
    if not (sep and left.isdigit() and right) or " " in settings.telegram_token:
        problems.append(
            "TELEGRAM_TOKEN does not look like a bot token ('123456:ABC...'); "
            "copy it from @BotFather"
        )
    # Telegram's cloud calls only https webhooks; a self-hosted Bot API server
    # (TELEGRAM_API_URL) may use http on a private network.
    public = settings.telegram_api_url.rstrip("/") == DEFAULT_API_URL
    if public and not settings.telegram_webhook_url.startswith("https://"):
        problems.append(
            "TELEGRAM_WEBHOOK_URL must be an https:// URL Telegram can reach, "
            "ending in /webhooks/telegram/webhook"
        )
    return problems


def effective_credentials(settings: Settings) -> Dict[str, Any]:
    """credentials.yml plus Telegram when it is configured."""
    channels = yaml.safe_load(settings.credentials.read_text()) or {}
    if settings.telegram_enabled:
        channels[TELEGRAM_CHANNEL] = {
            "access_token": "${TELEGRAM_TOKEN}",
            "verify": settings.telegram_bot_name,
            "webhook_url": settings.telegram_webhook_url,
            "api_url": settings.telegram_api_url,
            "secret_token": "${TELEGRAM_WEBHOOK_SECRET}",
        }
    return channels


def write_effective_credentials(settings: Settings, run_dir: Path = RUN_DIR) -> Path:
    """Write the file for this server's port (several servers may share .run/)."""
    run_dir.mkdir(parents=True, exist_ok=True)
    path = run_dir / f"credentials-{settings.rasa_port}.yml"
    header = "# Written by bot/serve/launcher.py from credentials.yml and settings.\n"
    path.write_text(header + yaml.safe_dump(effective_credentials(settings)))
    return path
