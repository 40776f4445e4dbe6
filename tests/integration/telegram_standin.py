"""A loopback stand-in for Telegram's Bot API server that records every call.

It answers the methods the connector uses the way the real server does
(`{"ok": true, "result": ...}`), so Rasa's Telegram channel runs unchanged
against it via TELEGRAM_API_URL. It runs an aiohttp app in its own thread.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Dict, List

from aiohttp import web

BOT_ID = 123456


@dataclass
class Call:
    method: str
    token: str
    params: Dict[str, Any]


@dataclass
class BotApiStandIn:
    """Records calls; `username` is what getMe says the token's bot is called."""

    username: str
    port: int
    calls: List[Call] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _loop: asyncio.AbstractEventLoop | None = None
    _runner: web.AppRunner | None = None
    _message_id: int = 1000

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def calls_to(self, method: str, since: int = 0) -> List[Call]:
        with self._lock:
            return [c for c in self.calls[since:] if c.method.lower() == method.lower()]

    def mark(self) -> int:
        """A position in the call log; pass it as `since` to see only later calls."""
        with self._lock:
            return len(self.calls)

    def wait_for(
        self, method: str, since: int = 0, count: int = 1, timeout: float = 60
    ) -> List[Call]:
        """Calls of `method` after `since`, waiting until there are `count`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.calls_to(method, since)
            if len(found) >= count:
                return found
            time.sleep(0.2)
        return self.calls_to(method, since)

    async def _handle(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        method = request.match_info["method"]
        params: Dict[str, Any] = dict(request.query)
        if request.can_read_body:
            if request.content_type == "application/json":
                params.update(await request.json())
            else:
                params.update(dict(await request.post()))
        for key in ("reply_markup",):
            if isinstance(params.get(key), str):
                params[key] = json.loads(params[key])
        with self._lock:
            self.calls.append(Call(method, token, params))
        return web.json_response({"ok": True, "result": self._result(method, params)})

    def _result(self, method: str, params: Dict[str, Any]) -> Any:
        name = method.lower()
        if name == "getme":
            return {
                "id": BOT_ID,
                "is_bot": True,
                "first_name": "Muscle helper",
                "username": self.username,
            }
        if name in ("sendmessage", "editmessagetext"):
            self._message_id += 1
            return {
                "message_id": self._message_id,
                "date": int(time.time()),
                "chat": {"id": int(params.get("chat_id", 0)), "type": "private"},
                "text": params.get("text", ""),
            }
        return True

    def start(self) -> None:
        ready = threading.Event()

        def run() -> None:
            self._loop = asyncio.new_event_loop()
            asyncio.set_event_loop(self._loop)
            app = web.Application()
            app.router.add_route("*", "/bot{token}/{method}", self._handle)
            self._runner = web.AppRunner(app)
            self._loop.run_until_complete(self._runner.setup())
            site = web.TCPSite(self._runner, "127.0.0.1", self.port)
            self._loop.run_until_complete(site.start())
            ready.set()
            self._loop.run_forever()

        threading.Thread(target=run, daemon=True, name="bot-api-stand-in").start()
        if not ready.wait(10):
            raise RuntimeError("the Bot API stand-in did not start")

    def stop(self) -> None:
        if self._loop is None:
            return
        asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
