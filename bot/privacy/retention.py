"""The retention purge for the configured tracker store, now or once a day."""

from __future__ import annotations

import threading
from typing import Callable

from bot.privacy.store import engine_for, purge_idle
from bot.settings import Settings

DAY_SECONDS = 86400.0


def purge(settings: Settings) -> int:
    """Delete conversations idle longer than RETENTION_DAYS; how many."""
    engine = engine_for(settings.tracker_store_url)
    try:
        return purge_idle(engine, settings.retention_days)
    finally:
        engine.dispose()


def describe(error: Exception) -> str:
    """An error without its SQL parameters (which could hold a sender id)."""
    return (
        f"{type(error).__name__}. Check TRACKER_URL / TRACKER_DB and that the "
        "database is running"
    )


def every_day(
    settings: Settings,
    say: Callable[[str], None],
    stop: threading.Event,
    interval: float = DAY_SECONDS,
) -> threading.Thread:
    """Purge now and then every `interval` seconds, until `stop` is set."""

    def loop() -> None:
        while not stop.is_set():
            try:
                count = purge(settings)
                say(
                    f"retention purge: deleted {count} conversation(s) idle for "
                    f"over {settings.retention_days} day(s)"
                )
            except Exception as error:  # noqa: BLE001 - keep serving, retry tomorrow
                say(f"retention purge failed: {describe(error)}")
            stop.wait(interval)

    thread = threading.Thread(target=loop, daemon=True, name="retention-purge")
    thread.start()
    return thread
