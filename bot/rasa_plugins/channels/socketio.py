"""Rasa's socket.io channel for the website widget, limited to our origins.

Rasa 3.6 creates its socket.io server with `cors_allowed_origins=[]`, which
switches python-engineio's origin check off: any web page could open a
WebSocket to the bot. Here the server accepts only CORS_ORIGINS (by default the
chat page on WEB_PORT). Bot messages carry their response metadata, and the
emergency message is tagged so the widget can show it in its own style
(`customCss`, which rasa-webchat applies as a CSS class). Flooding gets one
"slow down" message (bot.rasa_plugins.channels.flood). Each message is one
bubble: Rasa cut answers at blank lines, separating a quote from its citation.
"""

from __future__ import annotations

import json
import logging
import uuid
from typing import Any, Awaitable, Callable, Dict, List

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput as RasaSocketIOInput
from rasa.core.channels.socketio import SocketIOOutput as RasaSocketIOOutput
from sanic import Blueprint

from bot import settings as settings_module
from bot.rasa_plugins.channels.emergency import is_emergency
from bot.rasa_plugins.channels.flood import FloodGuard, slow_down_reply
from bot.rasa_plugins.channels.limits import EMPTY_REPLY, too_long, too_long_reply

logger = logging.getLogger(__name__)

EMERGENCY_CSS_CLASS = "rw-emergency"


def widget_metadata(kwargs: Dict[str, Any]) -> Dict[str, Any]:
    """The metadata the widget receives with a bot message.

    The response's own `metadata` (from the domain) passes through; the
    emergency response also gets the CSS class that makes it stand out.
    """
    metadata = dict(kwargs.get("metadata") or {})
    if is_emergency(kwargs):
        metadata["emergency"] = True
        metadata["customCss"] = {"style": "class", "css": EMERGENCY_CSS_CLASS}
    return metadata


def _no_headers(_environ: Dict[str, Any]) -> List[Any]:
    return []


class SocketIOOutput(RasaSocketIOOutput):
    """Sends each bot message whole, with its metadata."""

    async def send_text_message(
        self, recipient_id: str, text: str, **kwargs: Any
    ) -> None:
        """One bubble per message, tagged for the widget's styles."""
        message: Dict[str, Any] = {"text": text.strip()}
        metadata = widget_metadata(kwargs)
        if metadata:
            message["metadata"] = metadata
        await self._send_message(recipient_id, message)

    async def send_text_with_buttons(
        self,
        recipient_id: str,
        text: str,
        buttons: List[Dict[str, Any]],
        **kwargs: Any,
    ) -> None:
        """The text with its buttons as the widget's quick replies."""
        message: Dict[str, Any] = {
            "text": text.strip(),
            "quick_replies": [
                {
                    "content_type": "text",
                    "title": button["title"],
                    "payload": button.get("payload", button["title"]),
                }
                for button in buttons
            ],
        }
        metadata = widget_metadata(kwargs)
        if metadata:
            message["metadata"] = metadata
        await self._send_message(recipient_id, message)


class SocketIOInput(RasaSocketIOInput):
    """Rasa's socket.io input with an origin check and size limits."""

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        """Rasa's blueprint, then our origins and our message handler."""
        settings = settings_module.load()
        socketio_webhook = super().blueprint(on_new_message)
        sio = self.sio
        # python-engineio refuses any other Origin (WebSocket included) when this
        # is a non-empty list...
        sio.eio.cors_allowed_origins = list(settings.cors_origins)
        # ...and would add CORS headers to polling responses that Sanic's CORS
        # (`rasa run --cors`, the same origins) adds too; a browser refuses a
        # doubled Access-Control-Allow-Origin, so engineio leaves them to Sanic.
        sio.eio._cors_headers = _no_headers
        max_chars = settings.max_message_chars
        guard = FloodGuard.from_settings(settings)
        slow_down = slow_down_reply(settings.emergency_number)

        def client_address(sid: str) -> str | None:
            environ = sio.get_environ(sid, namespace=self.namespace) or {}
            request = environ.get("sanic.request")
            return (request.remote_addr or request.ip) if request else None

        async def reply(room: str, text: str) -> None:
            await sio.emit(self.bot_message_evt, {"text": text}, room=room)

        # Registering an event again replaces Rasa's handler. Rasa 3.6 calls
        # sio.enter_room() without await, but in python-socketio >= 5.10 it is a
        # coroutine: the socket never joined its session's room, so with
        # session persistence no answer reached the widget.
        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: str, data: Any) -> None:
            session_id = data.get("session_id") if isinstance(data, dict) else None
            if not isinstance(session_id, str) or not session_id:
                session_id = uuid.uuid4().hex
            if self.session_persistence:
                await sio.enter_room(sid, session_id, namespace=self.namespace)
            await sio.emit("session_confirm", session_id, room=sid)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: str, data: Any) -> None:
            if not isinstance(data, dict):
                await reply(sid, EMPTY_REPLY)
                return
            sender_id = data.get("session_id") if self.session_persistence else sid
            if not sender_id:
                # The widget always asks for a session first; start one.
                sender_id = uuid.uuid4().hex
                await sio.enter_room(sid, sender_id, namespace=self.namespace)
                await sio.emit("session_confirm", sender_id, room=sid)
            room = sender_id if self.session_persistence else sid
            verdict = guard.check(sender_id, client_address(sid))
            if not verdict.allowed:
                if verdict.tell:
                    await reply(room, slow_down)
                return
            text = data.get("message")
            if not isinstance(text, str) or not text.strip():
                await reply(room, EMPTY_REPLY)
                return
            if too_long(text, max_chars):
                await reply(room, too_long_reply(len(text), max_chars))
                return
            metadata = data.get(self.metadata_key) or {}
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except ValueError:
                    metadata = {}
            if not isinstance(metadata, dict):
                metadata = {}
            await on_new_message(
                UserMessage(
                    text,
                    SocketIOOutput(sio, self.bot_message_evt),
                    sender_id,
                    input_channel=self.name(),
                    metadata=metadata,
                )
            )

        return socketio_webhook

    def get_output_channel(self) -> SocketIOOutput | None:
        """Our output channel, for messages Rasa sends outside a turn."""
        if self.sio is None:
            return super().get_output_channel()
        return SocketIOOutput(self.sio, self.bot_message_evt)
