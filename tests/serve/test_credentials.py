"""Telegram is on only when configured; the launcher says so and checks it."""

import yaml

from bot import settings as settings_module
from bot.serve import channels as launch
from bot.serve.credentials import (
    TELEGRAM_CHANNEL,
    effective_credentials,
    telegram_problems,
    write_effective_credentials,
)

TELEGRAM = {
    "TELEGRAM_TOKEN": "123456:ABC-def",
    "TELEGRAM_BOT_NAME": "@muscle_helper_bot",
    "TELEGRAM_WEBHOOK_URL": "https://bot.example.org/webhooks/telegram/webhook",
    "TELEGRAM_WEBHOOK_SECRET": "s3cret_-Token",
}


def _settings(monkeypatch, **env):
    for name in [*TELEGRAM, "TELEGRAM_API_URL"]:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return settings_module.load()


def test_without_telegram_variables_the_base_channels_only(monkeypatch, capsys):
    settings = _settings(monkeypatch)
    channels = effective_credentials(settings)

    assert TELEGRAM_CHANNEL not in channels
    assert "bot.rasa_plugins.channels.rest.RestInput" in channels
    assert channels["bot.rasa_plugins.channels.socketio.SocketIOInput"][
        "session_persistence"
    ]
    assert telegram_problems(settings) == []


def test_launcher_says_telegram_is_off(monkeypatch, tmp_path, capsys):
    settings = _settings(monkeypatch, RASA_PORT="6105")
    monkeypatch.setattr(launch, "write_effective_credentials", lambda s: tmp_path)
    launch.prepare(settings)
    assert "Telegram is off: set TELEGRAM_TOKEN" in capsys.readouterr().out


def test_with_telegram_configured_the_token_stays_out_of_the_file(
    monkeypatch, tmp_path
):
    settings = _settings(monkeypatch, RASA_PORT="6105", **TELEGRAM)
    path = write_effective_credentials(settings, run_dir=tmp_path)

    assert path.name == "credentials-6105.yml"
    written = path.read_text()
    assert "ABC-def" not in written
    assert "s3cret_-Token" not in written
    telegram = yaml.safe_load(written)[TELEGRAM_CHANNEL]
    assert telegram == {
        "access_token": "${TELEGRAM_TOKEN}",
        "verify": "muscle_helper_bot",
        "webhook_url": TELEGRAM["TELEGRAM_WEBHOOK_URL"],
        "api_url": "https://api.telegram.org",
        "secret_token": "${TELEGRAM_WEBHOOK_SECRET}",
    }


def test_half_configured_or_malformed_telegram_is_named(monkeypatch):
    half = _settings(monkeypatch, TELEGRAM_TOKEN="123456:ABC")
    assert (
        "set TELEGRAM_BOT_NAME, TELEGRAM_WEBHOOK_URL too" in telegram_problems(half)[0]
    )

    bad = _settings(
        monkeypatch,
        **{
            **TELEGRAM,
            "TELEGRAM_TOKEN": "nonsense",
            "TELEGRAM_WEBHOOK_URL": "http://x",
        },
    )
    problems = " ".join(telegram_problems(bad))
    assert "@BotFather" in problems and "https://" in problems


def test_a_self_hosted_bot_api_may_use_an_http_webhook(monkeypatch):
    settings = _settings(
        monkeypatch,
        **{**TELEGRAM, "TELEGRAM_WEBHOOK_URL": "http://10.0.0.5:5005/webhooks/x"},
        TELEGRAM_API_URL="http://10.0.0.2:8081",
    )
    assert telegram_problems(settings) == []
    assert effective_credentials(settings)[TELEGRAM_CHANNEL]["api_url"] == (
        "http://10.0.0.2:8081"
    )


def test_telegram_without_a_webhook_secret_is_refused_with_the_fix(monkeypatch):
    missing = _settings(monkeypatch, **{**TELEGRAM, "TELEGRAM_WEBHOOK_SECRET": ""})
    (problem,) = telegram_problems(missing)
    assert "TELEGRAM_WEBHOOK_SECRET is not set" in problem
    assert "secrets.token_urlsafe" in problem


def test_a_webhook_secret_outside_telegrams_alphabet_or_length_is_refused(
    monkeypatch,
):
    for bad in ("has space", "semi;colon", "x" * 257, "ünïcode"):
        settings = _settings(
            monkeypatch, **{**TELEGRAM, "TELEGRAM_WEBHOOK_SECRET": bad}
        )
        (problem,) = telegram_problems(settings)
        assert "1-256 characters of A-Z, a-z, 0-9, _ and -" in problem
        assert bad not in problem  # a secret is never echoed
    for good in ("a", "x" * 256, "A-z_09"):
        settings = _settings(
            monkeypatch, **{**TELEGRAM, "TELEGRAM_WEBHOOK_SECRET": good}
        )
        assert telegram_problems(settings) == []
