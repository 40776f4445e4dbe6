"""The whole conversation measured over REST: `python -m bot.evaluate conversation`
against the shared test stack, on the dev sets in tests/evaluate/data/."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
SETS = sorted((ROOT / "tests" / "evaluate" / "data").glob("*.jsonl"))
# The acceptance bars of the conversation, not tuned to the dev sets.
THRESHOLDS = {
    "answered_with_citation": 0.97,
    "gold_in_cited_passage": 0.92,
    "key_phrase_in_reply": 0.85,
    "follow_up_answered": 0.90,
    "out_of_corpus_without_citation": 0.90,
}


@pytest.fixture(scope="module")
def figures(stack):
    result = subprocess.run(
        [sys.executable, "-m", "bot.evaluate", "conversation", *map(str, SETS),
         "--url", stack.rasa_url, "--failures"],
        cwd=ROOT, capture_output=True, text=True, timeout=1800,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


@pytest.mark.parametrize("figure", sorted(THRESHOLDS))
def test_conversation_figure_meets_its_bar(figures, figure):
    assert figures[figure] >= THRESHOLDS[figure], json.dumps(
        {figure: figures[figure], "failures": figures["failures"]}, indent=1
    )[:4000]


def test_evaluator_refuses_a_stack_that_is_not_running():
    result = subprocess.run(
        [sys.executable, "-m", "bot.evaluate", "conversation", str(SETS[0]),
         "--url", "http://127.0.0.1:9"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert "start the stack" in result.stderr
