"""The code base stays formatted and lint-clean (the same check as `make lint`)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUFF = str(Path(sys.executable).parent / "ruff")


def test_ruff_finds_no_lint_errors():
    result = subprocess.run(
        [RUFF, "check", "bot", "actions", "tools", "tests"], cwd=ROOT,
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-4000:]


def test_code_is_formatted():
    result = subprocess.run(
        [RUFF, "format", "--check", "bot", "actions", "tools", "tests"], cwd=ROOT,
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-4000:] + "\nrun: make format"
