"""The detector's recall and specificity on the labelled sets, with thresholds.

Recall must be perfect: a missed emergency is far worse than a false alarm.
"""

from pathlib import Path

from tests.safety.scoring import load, score

HERE = Path(__file__).resolve().parent
# Patients' own styles (kind: sign / hard_negative / ordinary): the large dev set
# and every blind set, each of which joined it after its first measurement.
PATIENT_SETS = sorted((HERE / "data").glob("*.jsonl"))
MIN_SPECIFICITY = 0.95
MIN_SPECIFICITY_HARD_NEGATIVES = 0.95
MIN_SPECIFICITY_ORDINARY = 0.99


def _check(path: Path, min_lines: int = 0):
    records = load(path)
    assert len(records) >= min_lines
    result = score(records)
    assert result.recall == 1.0, f"missed: {result.missed}"
    assert result.specificity >= MIN_SPECIFICITY, f"false alarms: {result.false_alarms}"
    assert not result.wrong_category, f"wrong category: {result.wrong_category}"


def _patient_records():
    return [record for path in PATIENT_SETS for record in load(path)]


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


def test_patient_dev_set_is_large_and_mixed():
    records = _patient_records()
    kinds = [r["kind"] for r in records]
    assert len(records) >= 500
    assert kinds.count("sign") >= 250
    assert kinds.count("ordinary") >= 150
    assert kinds.count("hard_negative") >= 50
    assert all(r["red_flag"] == (r["kind"] == "sign") for r in records)


def test_patient_dev_set_has_full_recall_and_high_specificity_per_kind():
    records = _patient_records()
    signs = score([r for r in records if r["kind"] == "sign"])
    hard = score([r for r in records if r["kind"] == "hard_negative"])
    ordinary = score([r for r in records if r["kind"] == "ordinary"])

    assert signs.recall == 1.0, f"missed: {signs.missed}"
    assert hard.specificity >= MIN_SPECIFICITY_HARD_NEGATIVES, hard.false_alarms
    assert ordinary.specificity >= MIN_SPECIFICITY_ORDINARY, ordinary.false_alarms
