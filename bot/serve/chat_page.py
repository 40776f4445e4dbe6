"""Serves the chat page on WEB_PORT: `python -m bot.serve.chat_page` (run by the
launcher).

Only a fixed set of files is served: the page, its CSS and script, the pinned
rasa-webchat bundle from web/node_modules (installed by `make setup`), and a
small config script telling the page where the Rasa server is. The page's
Content-Security-Policy allows scripts from this server only, so text in a chat
message can never run as code.
"""

from __future__ import annotations

import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Dict, Tuple
from urllib.parse import urlsplit

from bot import settings as settings_module
from bot.settings import ROOT, Settings

WEB_DIR = ROOT / "web"
WEBCHAT_BUNDLE = WEB_DIR / "node_modules" / "rasa-webchat" / "lib" / "index.js"

STATIC: Dict[str, Tuple[Path, str]] = {
    "/": (WEB_DIR / "index.html", "text/html; charset=utf-8"),
    "/chat.css": (WEB_DIR / "chat.css", "text/css; charset=utf-8"),
    "/chat.js": (WEB_DIR / "chat.js", "text/javascript; charset=utf-8"),
    "/webchat.js": (WEBCHAT_BUNDLE, "text/javascript; charset=utf-8"),
}


def check_ready(settings: Settings) -> None:
    """Fail early, naming the command that installs the widget."""
    if not WEBCHAT_BUNDLE.exists():
        raise SystemExit(
            f"error: the chat widget is not installed ({WEBCHAT_BUNDLE} is "
            "missing). Run `make setup` (it runs `npm ci` in web/)."
        )


def page_config(settings: Settings) -> str:
    """The script that tells the page where the Rasa server's socket.io is."""
    config = {"rasaPort": settings.rasa_port, "socketUrl": settings.chat_socket_url}
    return f"window.CHAT_CONFIG = {json.dumps(config)};\n"


def content_security_policy(settings: Settings) -> str:
    """Scripts and styles from this server; connections to the Rasa server."""
    if settings.chat_socket_url:
        origin = urlsplit(settings.chat_socket_url)
        ws = "wss" if origin.scheme == "https" else "ws"
        connect = f"{origin.scheme}://{origin.netloc} {ws}://{origin.netloc}"
    else:
        # The page connects to its own host name on RASA_PORT (see web/chat.js).
        port = settings.rasa_port
        connect = " ".join(f"{s}://*:{port}" for s in ("http", "https", "ws", "wss"))
    return (
        "default-src 'self'; script-src 'self'; "
        # rasa-webchat sets inline styles on its elements.
        "style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; "
        "font-src 'self' data:; "
        f"connect-src 'self' {connect}; frame-ancestors *; base-uri 'none'"
    )


def make_handler(settings: Settings) -> type:
    """A request handler bound to these settings."""
    config_js = page_config(settings).encode()
    csp = content_security_policy(settings)

    class Handler(BaseHTTPRequestHandler):
        server_version = "chat-page"

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            path = urlsplit(self.path).path
            if path == "/health":
                self._send(200, b'{"status": "ok"}', "application/json")
            elif path == "/config.js":
                self._send(200, config_js, "text/javascript; charset=utf-8")
            elif path == "/favicon.ico":
                self._send(204, b"", "image/x-icon")
            elif path in STATIC:
                file, content_type = STATIC[path]
                self._send(200, file.read_bytes(), content_type)
            else:
                self._send(404, b"not found\n", "text/plain; charset=utf-8")

        def _send(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Content-Security-Policy", csp)
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            # Requests carry no message text, but keep the launcher's log quiet.
            pass

    return Handler


def serve(settings: Settings) -> None:
    """Serve until killed."""
    check_ready(settings)
    server = ThreadingHTTPServer(
        (settings.host, settings.web_port), make_handler(settings)
    )
    print(f"chat page: serving on port {settings.web_port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    try:
        serve(settings_module.load())
    except KeyboardInterrupt:
        sys.exit(0)
