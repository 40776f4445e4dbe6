"""Rasa's Telegram connector with a configurable Bot API server and safe limits.

Added to Rasa's TelegramInput/TelegramOutput:
- the Bot API base URL comes from TELEGRAM_API_URL (a self-hosted Bot API server,
  or the tests' loopback stand-in);
- every update must carry the webhook secret (TELEGRAM_WEBHOOK_SECRET, given to
  setWebhook as secret_token) in X-Telegram-Bot-Api-Secret-Token; anything else
  gets 403 before the body is read, so a forged update is never processed,
  stored or answered;
- the bot name is checked: the token must belong to TELEGRAM_BOT_NAME, and a
  command addressed to another bot (`/start@other_bot`) is ignored; neither is
  logged with the message text, which holds health data;
- answers over 4096 characters are split at paragraph or line breaks, buttons'
  callback_data stays within 64 bytes, text is escaped for parse_mode=HTML;
- a chat sending faster than a person types gets one "slow down" message and
  its updates are dropped (bot.rasa_plugins.channels.flood);
- button presses are acknowledged (answerCallbackQuery) so the client stops
  its spinner, and malformed updates get a 400 instead of a server error.
"""

from __future__ import annotations

import hmac
import json
import logging
import re
from typing import Any, Awaitable, Callable, Dict, List

from aiogram.bot import api
from aiogram.bot.api import TelegramAPIServer
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Update
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.telegram import TelegramInput as RasaTelegramInput
from rasa.core.channels.telegram import TelegramOutput as RasaTelegramOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import settings as settings_module
from bot.rasa_plugins.channels.emergency import is_emergency
from bot.rasa_plugins.channels.flood import FloodGuard, slow_down_reply
from bot.rasa_plugins.channels.limits import (
    LONG_PAYLOAD_PREFIX,
    fit_callback_data,
    split_text,
)
from bot.rasa_plugins.channels.telegram_text import PARSE_MODE, to_telegram_html

logger = logging.getLogger(__name__)

DEFAULT_API_URL = "https://api.telegram.org"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# `/command@botname`: Telegram's way of addressing one bot in a group.
_ADDRESSED = re.compile(r"^/\w+@(\w+)")
EXPIRED_BUTTON = "That button has expired. Please type your answer instead."
SORRY = "Sorry, something went wrong on my side. Please try again in a moment."


class TelegramOutput(RasaTelegramOutput):
    """Sends to Telegram through the configured Bot API server, within its limits."""

    def __init__(self, access_token: str | None, api_url: str = DEFAULT_API_URL):
        # Rasa's __init__ builds the Bot for the public server; skip to Bot's own.
        super(RasaTelegramOutput, self).__init__(
            access_token, server=TelegramAPIServer.from_base(api_url)
        )
        # callback_data keys standing for payloads longer than 64 bytes.
        self.long_payloads: Dict[str, str] = {}

    async def _send_parts(
        self, recipient_id: str, text: str, bold: bool = False, **extra: Any
    ) -> None:
        parts = split_text(text)
        for index, part in enumerate(parts):
            # Buttons belong under the last part, where the question is.
            kwargs = extra if index == len(parts) - 1 else {}
            html = to_telegram_html(part)
            if bold:
                html = f"<b>{html}</b>"
            await self.send_message(recipient_id, html, parse_mode=PARSE_MODE, **kwargs)

    async def send_text_message(
        self, recipient_id: str, text: str, **kwargs: Any
    ) -> None:
        """Send one message (Rasa sent one per paragraph), split only if too long.

        The emergency message is sent in bold: Telegram has no colours.
        """
        await self._send_parts(recipient_id, text, bold=is_emergency(kwargs))

    def _button(self, button: Dict[str, Any]) -> InlineKeyboardButton:
        payload = str(button.get("payload") or button.get("title", ""))
        data = fit_callback_data(payload)
        if data != payload:
            self.long_payloads[data] = payload
        return InlineKeyboardButton(button["title"], callback_data=data)

    async def send_text_with_buttons(
        self,
        recipient_id: str,
        text: str,
        buttons: List[Dict[str, Any]],
        button_type: str | None = "inline",
        **kwargs: Any,
    ) -> None:
        """Inline buttons, one per row when there are more than three (phones)."""
        markup = InlineKeyboardMarkup()
        keys = [self._button(button) for button in buttons]
        if button_type == "vertical" or len(keys) > 3:
            for key in keys:
                markup.row(key)
        else:
            markup.row(*keys)
        await self._send_parts(recipient_id, text, reply_markup=markup)

    def payload_for(self, callback_data: str) -> str | None:
        """The payload a pressed button stands for (long ones were replaced).

        None for a replaced payload this process no longer knows (the mapping
        lives in memory: a restart, or another server behind a load balancer).
        """
        if callback_data.startswith(LONG_PAYLOAD_PREFIX):
            return self.long_payloads.get(callback_data)
        return callback_data


class TelegramInput(RasaTelegramInput):
    """Receives updates at /webhooks/telegram/webhook, as Rasa's connector does."""

    @classmethod
    def from_credentials(cls, credentials: Dict[str, Any] | None) -> InputChannel:
        """Read access_token, verify (bot name), webhook_url and api_url."""
        if not credentials:
            cls.raise_missing_credentials_exception()
        return cls(
            credentials.get("access_token"),
            credentials.get("verify"),
            credentials.get("webhook_url"),
            api_url=credentials.get("api_url") or DEFAULT_API_URL,
            secret_token=credentials.get("secret_token") or "",
        )

    def __init__(
        self,
        access_token: str | None,
        verify: str | None,
        webhook_url: str | None,
        debug_mode: bool = False,
        api_url: str = DEFAULT_API_URL,
        secret_token: str = "",
    ) -> None:
        super().__init__(access_token, verify, webhook_url, debug_mode)
        self.api_url = api_url
        self.secret_token = secret_token
        self._token_bot_name: str | None = None

    def get_output_channel(self) -> TelegramOutput:
        """A fresh output channel; registers the webhook once, at start."""
        return TelegramOutput(self.access_token, self.api_url)

    def carries_secret(self, request: Request) -> bool:
        """Whether the request came from Telegram: it echoes our secret_token.

        Constant-time, so the secret cannot be guessed byte by byte from timing.
        With no secret configured nothing is accepted.
        """
        sent = request.headers.get(SECRET_HEADER, "")
        return bool(self.secret_token) and hmac.compare_digest(
            sent.encode("utf-8", "replace"), self.secret_token.encode("utf-8")
        )

    async def set_webhook(self, channel: TelegramOutput) -> bool:
        """setWebhook with our URL and secret_token (not a parameter in aiogram 2)."""
        payload = {"url": self.webhook_url, "secret_token": self.secret_token}
        return bool(await channel.request(api.Methods.SET_WEBHOOK, payload))

    async def _register_webhook(self, channel: TelegramOutput) -> None:
        # Rasa's connector did this with asyncio.run() before the server started,
        # tying aiogram's HTTP session to a loop that was then closed.
        try:
            await self.set_webhook(channel)
            logger.info("Telegram webhook registered with %s", self.api_url)
        except Exception as error:  # noqa: BLE001 - the site must still start
            logger.error(
                "Telegram: could not register the webhook with %s (%s). Check "
                "TELEGRAM_TOKEN and TELEGRAM_API_URL, then POST to "
                "/webhooks/telegram/set_webhook.",
                self.api_url,
                type(error).__name__,
            )

    async def _bot_name_matches(self, channel: TelegramOutput) -> bool:
        # The token's bot name only changes with the token: ask once.
        if self._token_bot_name is None:
            me = await channel.get_me()
            self._token_bot_name = me.username or ""
        return self._token_bot_name.lower() == (self.verify or "").lower()

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        """Routes /, /set_webhook and /webhook under /webhooks/telegram."""
        telegram_webhook = Blueprint("telegram_webhook", __name__)
        out_channel = self.get_output_channel()
        settings = settings_module.load()
        # Per chat only: every update comes from Telegram's own addresses.
        guard = FloodGuard.from_settings(settings)
        slow_down = slow_down_reply(settings.emergency_number)

        @telegram_webhook.listener("after_server_start")
        async def register(_app: Any, _loop: Any) -> None:
            await self._register_webhook(out_channel)

        @telegram_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @telegram_webhook.route("/set_webhook", methods=["POST"])
        async def set_webhook(_: Request) -> HTTPResponse:
            ok = await self.set_webhook(out_channel)
            return response.json({"ok": bool(ok)}, status=200 if ok else 502)

        @telegram_webhook.route("/webhook", methods=["POST"])
        async def message(request: Request) -> HTTPResponse:
            if not self.carries_secret(request):
                logger.warning(
                    "Telegram: an update without the webhook secret was refused (403)"
                )
                return response.json(
                    {"error": f"missing or wrong {SECRET_HEADER}"}, status=403
                )
            update = _parse_update(request.body)
            if update is None:
                return response.json(
                    {"error": "the body is not a Telegram Update (JSON object)"},
                    status=400,
                )
            if not await self._bot_name_matches(out_channel):
                logger.error(
                    "Telegram: TELEGRAM_TOKEN belongs to @%s, not to "
                    "TELEGRAM_BOT_NAME=@%s; update %s ignored",
                    self._token_bot_name,
                    self.verify,
                    update.update_id,
                )
                return response.json({"error": "unknown bot name"}, status=403)
            chat = _chat_id(update)
            if chat is not None:
                verdict = guard.check(f"telegram:{chat}")
                if not verdict.allowed:
                    if verdict.tell:
                        await _quietly(out_channel.send_message(chat, slow_down))
                    # 200: Telegram would resend a refused update.
                    return response.text("success")
            try:
                await self._handle(update, out_channel, on_new_message, request)
            except Exception as error:  # noqa: BLE001 - see below
                # Telegram would retry a 500 forever; say sorry once instead.
                logger.error("Telegram: %s handling update", type(error).__name__)
                logger.debug("Telegram: handling failed", exc_info=True)
                chat = _chat_id(update)
                if chat is not None:
                    await _quietly(out_channel.send_message(chat, SORRY))
            # Telegram retries anything but 200: answer 200 once handled.
            return response.text("success")

        return telegram_webhook

    async def _handle(
        self,
        update: Update,
        out_channel: TelegramOutput,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        request: Request,
    ) -> None:
        if update.callback_query is not None:
            query = update.callback_query
            # Stop the client's spinner even if handling fails below.
            await _quietly(out_channel.answer_callback_query(query.id))
            if query.message is None:
                return
            chat_id = query.message.chat.id
            text = out_channel.payload_for(query.data or "")
            if text is None:
                await out_channel.send_message(chat_id, EXPIRED_BUTTON)
                return
        else:
            msg = update.edited_message or update.message
            if msg is None or msg.text is None:
                # Stickers, photos, joins...: nothing to answer.
                return
            addressed = _ADDRESSED.match(msg.text)
            if addressed and addressed.group(1).lower() != (self.verify or "").lower():
                logger.info(
                    "Telegram: update %s is addressed to another bot; ignored",
                    update.update_id,
                )
                return
            chat_id = msg.chat.id
            text = msg.text.replace("/bot", "")
            if addressed:
                text = text.replace("@" + addressed.group(1), "", 1)
        await on_new_message(
            UserMessage(
                text,
                out_channel,
                str(chat_id),
                input_channel=self.name(),
                metadata=self.get_metadata(request),
            )
        )


def _chat_id(update: Update) -> int | None:
    msg = update.edited_message or update.message
    if msg is None and update.callback_query is not None:
        msg = update.callback_query.message
    return msg.chat.id if msg is not None else None


def _parse_update(body: bytes) -> Update | None:
    try:
        data = json.loads(body or b"")
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict) or "update_id" not in data:
        return None
    try:
        return Update(**data)
    except Exception:  # noqa: BLE001 - aiogram raises assorted errors on bad shapes
        return None


async def _quietly(call: Awaitable[Any]) -> None:
    try:
        await call
    except Exception as error:  # noqa: BLE001 - an expired query must not block
        logger.warning("Telegram: %s while answering a button", type(error).__name__)
