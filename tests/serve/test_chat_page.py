"""The chat page server: only its own files, and a policy against injected code."""

import threading
from http.server import ThreadingHTTPServer

import pytest
import requests

from bot import settings as settings_module
from bot.serve import chat_page


@pytest.fixture
def page_server(monkeypatch):
    monkeypatch.setenv("RASA_PORT", "6105")
    settings = settings_module.load()
    if not chat_page.WEBCHAT_BUNDLE.exists():
        pytest.skip("the widget is not installed: run `make setup`")
    server = ThreadingHTTPServer(("127.0.0.1", 0), chat_page.make_handler(settings))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_page_config_and_pinned_bundle_are_served(page_server):
    page = requests.get(page_server + "/", timeout=5)
    assert page.status_code == 200 and "/webchat.js" in page.text
    config = requests.get(page_server + "/config.js", timeout=5).text
    assert '"rasaPort": 6105' in config
    bundle = requests.get(page_server + "/webchat.js", timeout=5)
    assert bundle.content == chat_page.WEBCHAT_BUNDLE.read_bytes()


def test_nothing_else_is_served(page_server):
    for path in ("/package.json", "/node_modules/rasa-webchat/package.json", "/x"):
        assert requests.get(page_server + path, timeout=5).status_code == 404


def test_scripts_only_from_the_page_and_connections_only_to_the_rasa_port(
    page_server,
):
    policy = requests.get(page_server + "/", timeout=5).headers[
        "Content-Security-Policy"
    ]
    assert "script-src 'self';" in policy
    assert "ws://*:6105" in policy and "unsafe-eval" not in policy


def test_a_missing_widget_names_the_command(monkeypatch, tmp_path):
    monkeypatch.setattr(chat_page, "WEBCHAT_BUNDLE", tmp_path / "missing.js")
    with pytest.raises(SystemExit, match="make setup"):
        chat_page.check_ready(settings_module.load())
