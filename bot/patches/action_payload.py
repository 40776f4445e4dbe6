"""The JSON Rasa posts to the action server is written by ujson.

Every custom-action call posts the conversation (the tracker's events since the
window's cut, about 40 KB here) as JSON, through the aiohttp session that
`EndpointConfig.session` makes with aiohttp's default serialiser, the standard
library's `json.dumps`. py-spy on the loaded Rasa server put that encoding at
about 5% of its time; ujson (already installed with Rasa) writes the same
payload in less than half the time.

Here the session gets a serialiser that writes with ujson, and with
`json.dumps` whenever ujson refuses (so an object neither can write fails as
before). The text differs in spacing and escapes (`\\/` for `/`), not in what
it says: the action server reads the same values.
tests/patches/test_action_payload.py checks this on real trackers' payloads and
on the values where the two encoders could differ.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from bot.patches import replace_once


def dumps(value: Any) -> str:
    """JSON for `value`: ujson's, or json.dumps's where ujson refuses."""
    import ujson

    try:
        return ujson.dumps(value)
    except Exception:  # noqa: BLE001 - json.dumps then writes it or raises as before
        return json.dumps(value)


def _serialising_with_ujson(original):
    @functools.wraps(original)
    def session(self):
        made = original(self)
        made._json_serialize = dumps
        return made

    return session


def install() -> None:
    """Replace EndpointConfig.session; idempotent."""
    from rasa.utils.endpoints import EndpointConfig

    replace_once(EndpointConfig, "session", _serialising_with_ujson)
