"""Scores the detector on a labelled JSON-lines set (used by the eval tests)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import List

from bot.safety import detect


@dataclass
class Score:
    """Confusion counts and the lines the detector got wrong."""

    tp: int = 0
    fn: int = 0
    tn: int = 0
    fp: int = 0
    wrong_category: List[str] = field(default_factory=list)
    missed: List[str] = field(default_factory=list)
    false_alarms: List[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def specificity(self) -> float:
        return self.tn / (self.tn + self.fp) if self.tn + self.fp else 1.0


def load(path: Path) -> List[dict]:
    """The labelled records of a JSON-lines file."""
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def score(records: List[dict]) -> Score:
    """Recall, specificity and category errors of detect() on the records."""
    result = Score()
    for record in records:
        verdict = detect(record["text"])
        if record["red_flag"]:
            if verdict.red_flag:
                result.tp += 1
                expected = record.get("category")
                if expected and verdict.category != expected:
                    result.wrong_category.append(record["text"])
            else:
                result.fn += 1
                result.missed.append(record["text"])
        elif verdict.red_flag:
            result.fp += 1
            result.false_alarms.append(f"{record['text']} -> {verdict.signs}")
        else:
            result.tn += 1
    return result
