"""Flood control for the channels: more messages than a person types are refused.

A sender (one conversation) or a client address sending more than
FLOOD_MAX_PER_SENDER / FLOOD_MAX_PER_ADDRESS messages within
FLOOD_WINDOW_SECONDS gets a "slow down" reply and its message is not processed:
it never reaches NLU, the tracker store or the action server, so it costs
microseconds and other people's turns do not wait behind it. Refused attempts
count too: a client that keeps flooding stays refused until it pauses.

Counts are kept in this server's memory (with several servers, each counts its
own share). Addresses in FLOOD_EXEMPT_ADDRESSES (a reverse proxy on the same
host) are not limited as a whole; each conversation behind them still is.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from dataclasses import dataclass
from typing import Callable, Deque, Iterable

# Keys not seen for a whole window are dropped; this many at most are kept.
MAX_KEYS = 100_000


def slow_down_reply(emergency_number: str) -> str:
    """What a flooding client is told instead of an answer."""
    return (
        "You're sending messages faster than I can read them, so I didn't read "
        "your last messages. Please wait a few seconds, then send one message "
        "with your question. If you have trouble breathing, swallowing or "
        f"speaking, call {emergency_number} now."
    )


@dataclass
class Verdict:
    """`allowed`, or refused; `tell` is True for the first refusal in a window
    (channels that push replies, like Telegram, say "slow down" only once)."""

    allowed: bool
    tell: bool = False


class _Window:
    """The times of the last `limit + 1` messages of one key."""

    __slots__ = ("times", "told")

    def __init__(self, limit: int) -> None:
        self.times: Deque[float] = deque(maxlen=limit + 1)
        self.told = False


class FloodGuard:
    """Sliding-window counts per sender and per client address."""

    def __init__(
        self,
        window_seconds: float,
        max_per_sender: int,
        max_per_address: int,
        exempt_addresses: Iterable[str] = (),
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.window = float(window_seconds)
        self.limits = {"sender": max_per_sender, "address": max_per_address}
        self.exempt = frozenset(exempt_addresses)
        self.clock = clock
        self._windows: OrderedDict[tuple, _Window] = OrderedDict()

    @classmethod
    def from_settings(cls, settings) -> FloodGuard:
        return cls(
            settings.flood_window_seconds,
            settings.flood_max_per_sender,
            settings.flood_max_per_address,
            settings.flood_exempt_addresses,
        )

    def check(self, sender: str | None, address: str | None = None) -> Verdict:
        """Count one message of `sender` from `address`; may it be processed?"""
        now = self.clock()
        self._forget_idle(now)
        keys = [("sender", sender)] if sender else []
        if address and address not in self.exempt:
            keys.append(("address", address))
        over = False
        tell = False
        for key in keys:
            window = self._windows.get(key)
            if window is None:
                window = self._windows[key] = _Window(self.limits[key[0]])
            self._windows.move_to_end(key)
            window.times.append(now)
            full = len(window.times) > self.limits[key[0]]
            if full and now - window.times[0] <= self.window:
                over = True
                tell = tell or not window.told
                window.told = True
            else:
                window.told = False
        return Verdict(allowed=not over, tell=tell)

    def _forget_idle(self, now: float) -> None:
        while self._windows:
            key, window = next(iter(self._windows.items()))
            idle = now - window.times[-1] > self.window
            if not idle and len(self._windows) <= MAX_KEYS:
                return
            del self._windows[key]
