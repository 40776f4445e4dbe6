"""Message-size rules shared by the channels: what is too long, and how to split.

Telegram refuses a message over 4096 characters and callback data over 64 bytes;
other channels accept more but people should not have to read a wall of text.
"""

from __future__ import annotations

import hashlib
from typing import List

TELEGRAM_MAX_TEXT = 4096
TELEGRAM_MAX_CALLBACK_BYTES = 64
LONG_PAYLOAD_PREFIX = "cb:"


def split_text(text: str, limit: int = TELEGRAM_MAX_TEXT) -> List[str]:
    """Split `text` into parts of at most `limit` characters, losing nothing.

    Cuts at the last paragraph break that fits, else the last line break, else
    the last space, and only as a last resort inside a word. Only the
    whitespace at a cut is dropped; every other character lands in a part.
    """
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    parts: List[str] = []
    rest = text.strip()
    while len(rest) > limit:
        window = rest[: limit + 1]
        for separator in ("\n\n", "\n", " "):
            cut = window.rfind(separator, 1, limit + 1)
            if cut > 0:
                parts.append(rest[:cut].rstrip())
                rest = rest[cut + len(separator) :].lstrip("\n ")
                break
        else:
            parts.append(rest[:limit])
            rest = rest[limit:]
    if rest or not parts:
        parts.append(rest)
    return parts


def fit_callback_data(payload: str, limit: int = TELEGRAM_MAX_CALLBACK_BYTES) -> str:
    """`payload` if it fits Telegram's callback_data limit, else a stable short key.

    Cutting a UTF-8 payload could split a character or change its meaning (a
    truncated `/intent{"entity": ...}` is not valid), so a long payload is
    replaced by `cb:<hash>`; the channel keeps the mapping and turns the key back
    into the payload when the button is pressed.
    """
    if len(payload.encode("utf-8")) <= limit:
        return payload
    return (
        LONG_PAYLOAD_PREFIX + hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]
    )


def too_long(text: str, limit: int) -> bool:
    """Whether to refuse a message over MAX_MESSAGE_CHARS for its size.

    Never one that shows a warning sign: a patient's long narrative that mentions
    trouble breathing must reach the safety takeover, not a request to shorten it.
    The detector reads 100 KB in about 0.15 s, and NLU reads only the first words.
    """
    if len(text) <= limit:
        return False
    from bot import safety

    return not safety.detect(text).red_flag


def too_long_reply(length: int, limit: int) -> str:
    """What the bot says to a message it will not process because of its size."""
    return (
        f"Your message is {length} characters long; I can read up to {limit}. "
        "Please send a shorter message, for example your question in a sentence "
        "or two. Nothing you wrote before has been lost."
    )


EMPTY_REPLY = (
    "I didn't receive any text. Type a question about aching, tense or cramping "
    "muscles, or say 'help' to see what I can do."
)
