"""Runs a probe script (tests/patches/*_probe.py) in a fresh process against the
trained model, and returns the JSON it printed: a patch is compared with Rasa's
own code by running the same probe with and without it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from bot.settings import ROOT

MODEL = ROOT / "models" / "assistant.tar.gz"
MARK = "PROBE "


def run_probe(script: str, way: str, *args: str, stdin: str = "", timeout=900):
    """`python tests/patches/<script> <way> <model> <args...>`, its PROBE line."""
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make model` (make test does it)")
    done = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "patches" / script), way, str(MODEL),
         *args],
        input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=timeout,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    lines = [line for line in done.stdout.splitlines() if line.startswith(MARK)]
    assert done.returncode == 0 and lines, done.stderr[-3000:]
    return json.loads(lines[-1][len(MARK) :])
