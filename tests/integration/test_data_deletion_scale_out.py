""" "Delete my data" on the scale-out: PostgreSQL, Redis lock, two servers, and
other messages of the same conversation arriving at the same moment.

Reuses the scale-out module's fixtures (its own PostgreSQL, Redis and servers).
"""

from __future__ import annotations

import json
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.integration.test_scale_out import cluster, stores  # noqa: F401

pytestmark = [pytest.mark.integration, pytest.mark.slow]

CONFIRMED = "I have deleted this conversation"


def _texts(messages) -> str:
    return " ".join(m.get("text", "") for m in messages)


def _user_texts(postgres, sender: str) -> list:
    rows = postgres.query(
        f"SELECT data FROM events WHERE sender_id = '{sender}' "
        "AND type_name = 'user' ORDER BY id"
    )
    return [json.loads(data)["text"] for (data,) in rows]


def test_delete_mid_form_on_one_server_erases_what_the_other_stored(cluster, stores):  # noqa: F811
    a, b = cluster["a"], cluster["b"]
    postgres = stores[0]
    sender = f"del-{uuid.uuid4().hex[:8]}"
    a.rest(sender, "hello")
    b.rest(sender, "I want to describe my symptoms")
    assert "Where do you feel it" in _texts(a.rest(sender, "cramps"))
    assert _user_texts(postgres, sender)

    assert CONFIRMED in _texts(b.rest(sender, "delete my data"))

    assert postgres.query(
        f"SELECT count(*) FROM events WHERE sender_id = '{sender}'"
    ) == [(0,)]


def test_concurrent_messages_never_bring_deleted_text_back(cluster, stores):  # noqa: F811
    a, b = cluster["a"], cluster["b"]
    postgres = stores[0]
    sender = f"race-{uuid.uuid4().hex[:8]}"
    history = ["hello", "what can you do?", "are you a human?"]
    for index, text in enumerate(history):
        (a if index % 2 else b).rest(sender, text)
    racing = [(a, "thanks!"), (b, "what can you do?"), (a, "bye"), (b, "thanks!")]
    messages = [(b, "delete my data"), *racing]

    with ThreadPoolExecutor(len(messages)) as pool:
        results = list(
            pool.map(lambda m: _texts(m[0].rest(sender, m[1], timeout=180)), messages)
        )

    assert CONFIRMED in results[0]
    stored = _user_texts(postgres, sender)
    # Messages handled before the deletion went with it; those after remain,
    # each whole, in the new conversation. Nothing from before came back.
    assert set(stored) <= {text for _, text in racing}  # no "hello", no request
    assert len(stored) <= len(racing)
