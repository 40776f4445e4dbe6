"""Rasa's own checks on the project: data validation and conversation tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RASA = str(Path(sys.executable).parent / "rasa")
MODEL = ROOT / "models" / "assistant.tar.gz"

pytestmark = pytest.mark.slow


def _run(args, timeout=900):
    return subprocess.run(
        [RASA, *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )


def test_rasa_data_validate_finds_no_problems():
    result = _run(
        ["data", "validate", "--domain", "domain.yml", "--data", "data",
         "--config", "config.yml", "--fail-on-warnings"]
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]


def test_story_tests_pass_without_prediction_errors(tmp_path):
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make model` (make test does it)")
    result = _run(
        ["test", "core", "--model", str(MODEL), "--stories", "tests/stories",
         "--fail-on-prediction-errors", "--out", str(tmp_path / "core")]
    )  # fmt: skip
    failed = tmp_path / "core" / "failed_test_stories.yml"
    detail = failed.read_text() if failed.exists() else ""
    assert result.returncode == 0, (
        detail + result.stdout[-3000:] + result.stderr[-3000:]
    )
