"""Rasa's REST channel, answering bad requests with a clear 4xx instead of a 500.

Still named "rest", so the URL stays POST /webhooks/rest/webhook with
{"sender": "...", "message": "..."}. Malformed JSON, a missing or non-text
`sender` or `message`, or non-object `metadata` get 400 with a JSON body naming
the fix; a message over MAX_MESSAGE_CHARS gets 413. An empty message gets a
reply in the bot's voice and is not added to the conversation. A sender or
client address sending faster than a person types gets 429 with a "slow down"
message (bot.rasa_plugins.channels.flood). Logs never contain the message text.
"""

from __future__ import annotations

import json
import logging
from asyncio import CancelledError
from typing import Any, Awaitable, Callable, Dict, Tuple

import rasa.utils.endpoints
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput as RasaRestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse, ResponseStream

from bot import settings as settings_module
from bot.rasa_plugins.channels.flood import FloodGuard, slow_down_reply
from bot.rasa_plugins.channels.limits import EMPTY_REPLY, too_long, too_long_reply

logger = logging.getLogger(__name__)

EXAMPLE = '{"sender": "user-1", "message": "how do I relieve a calf cramp?"}'


class RequestProblem(Exception):
    """A request the channel refuses, with the HTTP status and the fix."""

    def __init__(self, status: int, error: str, **extra: Any) -> None:
        super().__init__(error)
        self.status = status
        self.body = {"error": error, "example": EXAMPLE, **extra}


def parse_request(body: bytes, max_chars: int) -> Tuple[str, str, Dict | None]:
    """(sender, message, metadata) from a request body, or RequestProblem."""
    try:
        data = json.loads(body or b"")
    except (ValueError, UnicodeDecodeError) as error:
        raise RequestProblem(
            400, f"the body is not valid JSON ({error}); send a JSON object"
        ) from None
    if not isinstance(data, dict):
        raise RequestProblem(400, "the body must be a JSON object")
    sender = data.get("sender")
    if isinstance(sender, int) and not isinstance(sender, bool):
        sender = str(sender)
    if not isinstance(sender, str) or not sender.strip():
        raise RequestProblem(
            400, "missing 'sender': a text id for the conversation, e.g. 'user-1'"
        )
    if "message" not in data or data["message"] is None:
        raise RequestProblem(400, "missing 'message': the text the user typed")
    message = data["message"]
    if not isinstance(message, str):
        raise RequestProblem(400, "'message' must be text (a JSON string)")
    if too_long(message, max_chars):
        raise RequestProblem(
            413,
            too_long_reply(len(message), max_chars),
            max_chars=max_chars,
            received_chars=len(message),
        )
    metadata = data.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        raise RequestProblem(400, "'metadata' must be a JSON object when given")
    return sender, message, metadata


class RestInput(RasaRestInput):
    """POST /webhooks/rest/webhook, validated before Rasa sees the message."""

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[None]]
    ) -> Blueprint:
        """The health route and the validated webhook."""
        settings = settings_module.load()
        max_chars = settings.max_message_chars
        guard = FloodGuard.from_settings(settings)
        slow_down = slow_down_reply(settings.emergency_number)
        webhook = Blueprint("custom_webhook_RestInput", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> ResponseStream | HTTPResponse:
            try:
                sender, text, metadata = parse_request(request.body, max_chars)
            except RequestProblem as problem:
                return response.json(problem.body, status=problem.status)
            if not guard.check(sender, request.remote_addr or request.ip).allowed:
                return response.json(
                    [{"recipient_id": sender, "text": slow_down}],
                    status=429,
                    headers={"Retry-After": str(settings.flood_window_seconds)},
                )
            if not text.strip():
                return response.json([{"recipient_id": sender, "text": EMPTY_REPLY}])
            input_channel = self.name()
            if rasa.utils.endpoints.bool_arg(request, "stream", default=False):
                return response.stream(
                    self.stream_response(
                        on_new_message, text, sender, input_channel, metadata
                    ),
                    content_type="text/event-stream",
                )
            collector = CollectingOutputChannel()
            try:
                await on_new_message(
                    UserMessage(
                        text,
                        collector,
                        sender,
                        input_channel=input_channel,
                        metadata=metadata,
                    )
                )
            except CancelledError:
                logger.error("REST: handling a message timed out")
            except Exception as error:  # noqa: BLE001 - answer what we have
                logger.error("REST: %s while handling a message", type(error).__name__)
                logger.debug("REST: handling failed", exc_info=True)
            return response.json(collector.messages)

        return webhook
