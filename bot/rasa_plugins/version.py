"""The one Rasa version the patches and plugins that reach into its internals
were written for and tested against."""

from __future__ import annotations

WRITTEN_FOR = "3.6.21"


class UnsupportedRasaVersion(RuntimeError):
    """Rasa is not the version these patches were written for."""


def installed_rasa() -> str:
    """The installed Rasa's version, read without importing Rasa."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("rasa")
    except PackageNotFoundError:
        return "not installed"


def require_rasa(what: str, found: str | None = None) -> None:
    """Raise, naming the fix, unless the installed Rasa is WRITTEN_FOR."""
    found = installed_rasa() if found is None else found
    if found != WRITTEN_FOR:
        raise UnsupportedRasaVersion(
            f"{what} replaces Rasa internals of Rasa {WRITTEN_FOR}, but Rasa "
            f"{found} is installed. Install rasa=={WRITTEN_FOR} (requirements.lock, "
            f"`make venv`), or port bot/patches/ and bot/rasa_plugins/tracker_store.py "
            f"to Rasa {found}: re-read the Rasa functions each one names, rerun "
            f"tests/patches/ and tests/rasa_plugins/, then change WRITTEN_FOR in "
            f"bot/rasa_plugins/version.py."
        )
