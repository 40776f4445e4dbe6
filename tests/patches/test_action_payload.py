"""What the action server reads is what Rasa's json.dumps wrote: the same
values, for real conversations and for the values where encoders differ."""

from __future__ import annotations

import asyncio
import json

import pytest
from rasa.shared.core.trackers import DialogueStateTracker

from bot.patches import action_payload
from tests.rasa_plugins import conversations as talk


def _read(text: str):
    return json.loads(text)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_real_action_call_reads_back_the_same(rasa_domain, seed):
    from rasa.core.actions.action import RemoteAction
    from rasa.utils.endpoints import EndpointConfig

    events = talk.long_conversation(12, seed=seed)
    tracker = DialogueStateTracker.from_events("s", events, rasa_domain.slots)
    action = RemoteAction("action_answer_question", EndpointConfig("http://x"))
    payload = action._action_call_format(tracker, rasa_domain)
    assert "domain" in payload  # the whole domain too, without selective domain
    assert _read(action_payload.dumps(payload)) == _read(json.dumps(payload))


EDGES = [
    {"text": 'naïve café ✓ — \u2028 \x00 \ud83d\ude00 / \\ "'},
    {"floats": [0.1, 1e-7, 1 / 3, 1e22, 5e-324, -0.0, 1.7976931348623157e308]},
    {"big": 2**70, "negative": -(2**63) - 1, "bool": [True, False, None]},
    {2: "int key", 1.5: "float key", None: "none key", True: "bool key"},
    {"tuple": (1, "a", (2.5,)), "nested": {"deep": [{"x": []}, {}]}},
    {"nan": float("nan"), "inf": float("inf")},
]


@pytest.mark.parametrize("value", EDGES)
def test_edge_values_read_back_as_json_dumps_writes_them(value):
    ours, theirs = action_payload.dumps(value), json.dumps(value)
    assert json.dumps(_read(ours), sort_keys=True) == json.dumps(
        _read(theirs), sort_keys=True
    )


@pytest.mark.parametrize("value", [{"set": {1, 2}}, object(), {"bytes": b"x"}])
def test_what_json_cannot_write_fails_as_before(value):
    with pytest.raises(TypeError) as ours:
        action_payload.dumps(value)
    with pytest.raises(TypeError) as theirs:
        json.dumps(value)
    assert str(ours.value) == str(theirs.value)


def test_the_session_is_rasas_with_the_serialiser():
    from rasa.utils.endpoints import EndpointConfig

    endpoint = EndpointConfig(
        "http://x", headers={"X-A": "1"}, basic_auth={"username": "u", "password": "p"}
    )
    rasas = EndpointConfig.__dict__["session"]
    rasas = getattr(rasas, "__wrapped__", rasas)

    async def sessions():
        ours = action_payload._serialising_with_ujson(rasas)(endpoint)
        theirs = rasas(endpoint)
        try:
            assert ours._json_serialize is action_payload.dumps
            assert theirs._json_serialize is json.dumps
            for attribute in ("_default_headers", "_default_auth", "_timeout"):
                assert getattr(ours, attribute) == getattr(theirs, attribute)
        finally:
            await ours.close()
            await theirs.close()

    asyncio.run(sessions())
