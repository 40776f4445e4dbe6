"""Which bot messages are the emergency message, so every channel can set it apart."""

from __future__ import annotations

from typing import Any, Dict

from bot.domain_names import Responses

EMERGENCY_RESPONSE = Responses.EMERGENCY


def is_emergency(message_kwargs: Dict[str, Any]) -> bool:
    """True for the safety takeover's message.

    Rasa passes the response name as `utter_action` (domain responses, also when
    an action utters them), and a response may say so in its own metadata.
    """
    metadata = message_kwargs.get("metadata") or {}
    return message_kwargs.get("utter_action") == EMERGENCY_RESPONSE or bool(
        isinstance(metadata, dict) and metadata.get("emergency")
    )
