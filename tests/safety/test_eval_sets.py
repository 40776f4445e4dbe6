"""The detector's recall and specificity on the labelled sets, with thresholds.

Recall must be perfect: a missed emergency is far worse than a false alarm.
"""

from pathlib import Path

from tests.safety.scoring import load, score

HERE = Path(__file__).resolve().parent
MIN_SPECIFICITY = 0.95


def _check(path: Path, min_lines: int = 0):
    records = load(path)
    assert len(records) >= min_lines
    result = score(records)
    assert result.recall == 1.0, f"missed: {result.missed}"
    assert result.specificity >= MIN_SPECIFICITY, f"false alarms: {result.false_alarms}"
    assert not result.wrong_category, f"wrong category: {result.wrong_category}"


def test_dev_set_has_full_recall_and_high_specificity():
    _check(HERE / "safety_dev.jsonl", min_lines=40)


def test_own_case_set_covers_every_sign_with_full_recall():
    _check(HERE / "safety_cases.jsonl", min_lines=150)


def test_own_case_set_has_both_categories_and_hard_negatives():
    records = load(HERE / "safety_cases.jsonl")
    categories = {r.get("category") for r in records if r["red_flag"]}
    negatives = [r for r in records if not r["red_flag"]]
    assert categories == {"respiratory", "bulbar"}
    assert len(negatives) >= 60
