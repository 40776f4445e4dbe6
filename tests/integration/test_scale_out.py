"""Two Rasa servers share a PostgreSQL tracker store and a Redis lock store.

This is Rasa's documented way to run more than one server: any server can take
any message of a conversation. Messages of one conversation alternate between
the servers, and some arrive at both at once; the stored dialogue must stay one
consistent conversation, and survive a server restart. Server B also has the
HTTP API on with a token, so the test can read trackers and check the API's
protection; server A has it off.

PostgreSQL and Redis come from Debian's packages (scripts/system_deps.sh) and
run on free loopback ports for this module only. Without them the module skips.
"""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from tests.integration.servers import start_stack
from tools.local_stores import Postgres, Redis, Unavailable

pytestmark = [pytest.mark.integration, pytest.mark.slow]

API_TOKEN = "scale-out-test-token"
INTRO = "information assistant"  # only in the session-start intro


@pytest.fixture(scope="module")
def stores():
    started = []
    try:
        started.append(Postgres.start())
        started.append(Redis.start())
    except Unavailable as exc:
        for server in started:
            server.stop()
        pytest.skip(str(exc))
    yield started
    for server in started:
        server.stop()


@pytest.fixture(scope="module")
def cluster(stores, tmp_path_factory):
    """Servers A (API off) and B (API on, with a token) on the shared stores."""
    postgres, redis = stores
    workdir = tmp_path_factory.mktemp("scale-out")
    shared = {"TRACKER_URL": postgres.url, "REDIS_URL": redis.url}
    servers = {"a": start_stack(workdir, shared, name="a")}
    try:
        servers["b"] = start_stack(
            workdir, {**shared, "RASA_API_TOKEN": API_TOKEN}, name="b"
        )
    except Exception:
        servers["a"].stop()
        raise
    servers["workdir"] = workdir
    servers["shared"] = shared
    yield servers
    for name in ("a", "b"):
        servers[name].stop()


def _texts(messages):
    return " ".join(m.get("text", "") for m in messages)


def _tracker(server, sender: str) -> dict:
    response = requests.get(
        f"{server.rasa_url}/conversations/{sender}/tracker",
        params={"token": API_TOKEN},
        timeout=30,
    )
    response.raise_for_status()
    return response.json()


def _user_texts(tracker: dict) -> list:
    return [e["text"] for e in tracker["events"] if e["event"] == "user"]


def test_alternating_servers_keep_one_consistent_conversation(cluster, stores):
    a, b = cluster["a"], cluster["b"]
    postgres = stores[0]
    sender = f"alt-{uuid.uuid4().hex[:8]}"
    turns = [
        (a, "hello", INTRO),  # the session-start intro, sent once
        (b, "what can you do?", "I can help with"),
        (a, "are you a human?", "I'm a bot"),
        (b, "thanks!", "You're welcome"),
        (a, "bye", "Goodbye"),
    ]

    replies = [_texts(server.rest(sender, text)) for server, text, _ in turns]

    for (_, text, expected), reply in zip(turns, replies, strict=True):
        assert expected in reply, f"reply to {text!r} was {reply!r}"
    # B started the conversation on A's tracker: it did not start a new session.
    assert all(INTRO not in reply for reply in replies[1:])
    tracker = _tracker(b, sender)
    assert _user_texts(tracker) == [text for _, text, _ in turns]
    stored = postgres.query(
        "SELECT count(*) FROM events WHERE type_name = 'user' "
        f"AND sender_id = '{sender}'"
    )
    assert stored == [(len(turns),)]


def test_simultaneous_messages_to_both_servers_are_serialised(cluster):
    a, b = cluster["a"], cluster["b"]
    sender = f"both-{uuid.uuid4().hex[:8]}"
    a.rest(sender, "hi")
    messages = [(a if i % 2 else b, text) for i, text in enumerate(
        ["what can you do?", "are you a human?", "thanks!", "what can you do?",
         "are you a human?", "thanks!"]
    )]  # fmt: skip

    with ThreadPoolExecutor(len(messages)) as pool:
        # Each waits its turn for the lock: allow for a busy machine.
        replies = list(
            pool.map(lambda m: _texts(m[0].rest(sender, m[1], timeout=180)), messages)
        )

    events = _tracker(b, sender)["events"]
    story = [(e["event"], e.get("text") or e.get("name")) for e in events]
    assert all(replies), f"a message got no reply: {replies}; events: {story}"
    users = _user_texts({"events": events})
    assert sorted(users) == sorted(["hi"] + [text for _, text in messages]), story
    # The Redis lock makes each turn finish before the next starts: every user
    # message is answered and the bot listens again before the next one.
    kinds = [e["event"] for e in events if e["event"] in ("user", "bot")]
    turns = "".join("u" if kind == "user" else "b" for kind in kinds)
    assert "uu" not in turns, f"turns interleaved: {turns}"


def test_restart_in_the_middle_of_the_intake_form_resumes_with_its_slots(cluster):
    a, b = cluster["a"], cluster["b"]
    sender = f"restart-{uuid.uuid4().hex[:8]}"
    a.rest(sender, "hello")
    assert "What do you feel" in _texts(
        a.rest(sender, "I want to describe my symptoms")
    )
    assert "Where do you feel it" in _texts(b.rest(sender, "cramps"))
    assert "When did it start" in _texts(a.rest(sender, "left calf"))
    before = _tracker(b, sender)["events"]

    a.stop()
    restarted = start_stack(cluster["workdir"], cluster["shared"], name="a2")
    cluster["a"] = restarted
    reply = _texts(restarted.rest(sender, "two months ago"))

    assert "better, worse" in reply  # the form asks its next question
    assert INTRO not in reply  # the conversation went on, no new session
    tracker = _tracker(b, sender)
    assert tracker["events"][: len(before)] == before
    assert tracker["active_loop"]["name"] == "symptom_form"
    slots = tracker["slots"]
    assert slots["symptom_kind"] == ["cramp"]
    assert slots["locations"] == ["left calf"]
    assert slots["onset"] == "2 months ago"
    assert slots["requested_slot"] == "course"


def test_http_api_is_off_without_a_token_setting(cluster):
    response = requests.get(
        f"{cluster['a'].rasa_url}/conversations/someone/tracker", timeout=10
    )

    assert response.status_code == 404


def test_http_api_refuses_requests_without_the_token(cluster):
    url = f"{cluster['b'].rasa_url}/conversations/someone/tracker"

    assert requests.get(url, timeout=10).status_code == 401
    assert requests.get(url, params={"token": "wrong"}, timeout=10).status_code == 401
    assert requests.get(url, params={"token": API_TOKEN}, timeout=10).status_code == 200


def test_info_logs_do_not_contain_message_text(cluster):
    a = cluster["a"]
    secret = f"mycalf{uuid.uuid4().hex[:10]}"
    a.rest(f"log-{uuid.uuid4().hex[:8]}", f"my calf hurts {secret} since monday")

    log = a.log_path.read_text(errors="replace")

    assert a.env.get("LOG_LEVEL", "INFO") == "INFO"
    assert "INFO" in log  # the log is there and at INFO level
    assert secret not in log
