"""The lock store keeps every ticket when servers take one conversation at once.

Runs against a real redis-server from Debian's packages (skips without it).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from rasa.utils.endpoints import EndpointConfig

from bot.rasa_plugins.lock_store import AtomicRedisLockStore
from tools.local_stores import Redis, Unavailable

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def redis_server():
    try:
        server = Redis.start()
    except Unavailable as exc:
        pytest.skip(str(exc))
    yield server
    server.stop()


def _store(redis_server) -> AtomicRedisLockStore:
    """One store per 'server': each has its own Redis connections."""
    config = EndpointConfig(
        url="127.0.0.1", port=str(redis_server.port), db="1", password=""
    )
    return AtomicRedisLockStore(config)


def test_simultaneous_tickets_from_two_servers_are_all_kept(redis_server):
    stores = [_store(redis_server), _store(redis_server)]
    conversation = "busy-conversation"

    def issue(i):
        return stores[i % 2].issue_ticket(conversation, lock_lifetime=60)

    with ThreadPoolExecutor(8) as pool:
        tickets = list(pool.map(issue, range(200)))

    assert len(set(tickets)) == 200  # no number handed out twice
    lock = stores[0].get_lock(conversation)
    assert sorted(t.number for t in lock.tickets) == sorted(tickets)


def test_cleanup_keeps_the_lock_while_someone_waits_then_deletes_it(redis_server):
    a, b = _store(redis_server), _store(redis_server)
    first = a.issue_ticket("pair")
    second = b.issue_ticket("pair")

    a.cleanup("pair", first)
    lock = b.get_lock("pair")
    assert [t.number for t in lock.tickets] == [second]
    assert not lock.is_locked(second)  # the waiting server may go now

    b.cleanup("pair", second)
    assert b.get_lock("pair") is None


async def test_lock_context_serialises_two_servers(redis_server):
    a, b = _store(redis_server), _store(redis_server)

    async with a.lock("ctx", wait_time_in_seconds=0.01):
        ticket = b.issue_ticket("ctx")
        assert b.get_lock("ctx").is_locked(ticket)  # b must wait for a
    assert not b.get_lock("ctx").is_locked(ticket)
    b.cleanup("ctx", ticket)
