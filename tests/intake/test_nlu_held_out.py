"""The held-out NLU test set shares no example with the training data."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ANNOTATION = re.compile(r"\[([^\]]+)\]\([^)]*\)")


def _examples(path: Path) -> set:
    found = set()
    for line in path.read_text().splitlines():
        match = re.match(r"^\s{4}- (.*)$", line)
        if match:
            found.add(ANNOTATION.sub(r"\1", match.group(1)).strip().lower())
    return found


def test_no_held_out_example_is_in_the_training_data():
    training = set().union(
        *(_examples(p) for p in (ROOT / "data" / "nlu").glob("*.yml"))
    )
    held_out = _examples(ROOT / "tests" / "nlu" / "intake_test.yml")
    assert len(held_out) > 100
    assert not held_out & training
