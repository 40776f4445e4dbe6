"""Rasa's Redis lock store, with each change to a lock made atomically.

Rasa 3.6's RedisLockStore changes a conversation's ticket lock by reading it,
changing it in Python and writing it back (GET, then SET). Two Rasa servers that
receive messages of one conversation at the same moment can both read the same
lock and both write it: one ticket is lost, both servers process at once, and
one message's events are lost from the tracker. The scale-out test caught this
(one of six simultaneous messages missing, about one run in three).

This subclass makes every read-change-write a Redis transaction (WATCH/MULTI,
retried when another server changed the lock in between), including clean-up,
where Rasa's check "is anyone waiting?" and the delete are separate calls.
Everything else, the key format and the configuration keys, is Rasa's own.
Select it with `lock_store: type: bot.rasa_plugins.lock_store.AtomicRedisLockStore`.
"""

from __future__ import annotations

import json
from typing import Callable, Tuple, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

T = TypeVar("T")
# A change gets the current lock (None if there is none) and returns the lock to
# store (None to delete it), whether to write at all, and a result to hand back.
Change = Callable[[TicketLock | None], Tuple[TicketLock | None, bool, T]]


class AtomicRedisLockStore(RedisLockStore):
    """RedisLockStore whose ticket changes cannot overwrite each other."""

    def __init__(self, endpoint_config: EndpointConfig) -> None:
        """Rasa builds custom lock stores from the endpoints file's entry."""
        super().__init__(host=endpoint_config.url, **endpoint_config.kwargs)

    def _atomically(self, conversation_id: str, change: Change) -> T:
        import redis

        key = self.key_prefix + conversation_id
        with self.red.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(key)
                    raw = pipe.get(key)
                    lock = TicketLock.from_dict(json.loads(raw)) if raw else None
                    new_lock, write, result = change(lock)
                    pipe.multi()
                    if write and new_lock is None:
                        pipe.delete(key)
                    elif write:
                        pipe.set(key, new_lock.dumps())
                    pipe.execute()
                    return result
                except redis.WatchError:
                    continue  # another server changed the lock: redo the change

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = 60) -> int:
        """Issue a new ticket, creating the lock if needed (see RedisLockStore)."""

        def change(lock):
            lock = lock or self.create_lock(conversation_id)
            return lock, True, lock.issue_ticket(lock_lifetime)

        try:
            return self._atomically(conversation_id, change)
        except Exception as exc:
            raise LockError(f"Error while acquiring lock. Error:\n{exc}") from exc

    def update_lock(self, conversation_id: str) -> None:
        """Remove expired tickets, if the lock still exists."""

        def change(lock):
            if lock:
                lock.remove_expired_tickets()
            return lock, lock is not None, None

        self._atomically(conversation_id, change)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        """Remove the ticket `ticket_number` from the lock."""

        def change(lock):
            if lock:
                lock.remove_ticket_for(ticket_number)
            return lock, lock is not None, None

        self._atomically(conversation_id, change)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Remove the ticket, and the lock too when no one else is waiting."""

        def change(lock):
            if lock is None:
                return None, False, None
            lock.remove_ticket_for(ticket_number)
            return (lock if lock.is_someone_waiting() else None), True, None

        self._atomically(conversation_id, change)
