"""Debian's headless Chromium driven by Playwright (its own download is not used)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
# No background traffic: the machine has no network beyond package registries.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}


def require_chromium() -> None:
    """Skip, saying how to fix it, when the system browser is missing."""
    if not CHROMIUM.exists():
        pytest.skip(
            f"{CHROMIUM} is missing: run `make system-deps` as root "
            "(apt-get install chromium)"
        )


def launch(playwright, user_data_dir: Path, viewport=PHONE):
    """A fresh browser profile (no shared cookies or storage between tests)."""
    shutil.rmtree(user_data_dir, ignore_errors=True)
    return playwright.chromium.launch_persistent_context(
        str(user_data_dir),
        executable_path=str(CHROMIUM),
        args=CHROMIUM_ARGS,
        headless=True,
        viewport=viewport,
    )
