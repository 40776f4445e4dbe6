"""`python -m bot.safety evaluate FILE [--rest URL]`: score a labelled set.

Each line of FILE is `{"text": ..., "red_flag": true|false, "kind": ...}`
("kind" optional: sign / hard_negative / ordinary). Without --rest every line
goes through the CLI's own path (classify_line, as `classify --jsonl` reads
it); with --rest each message is sent to a running Rasa server's REST webhook
from a new sender, and it counts as flagged when a reply contains the
emergency message. Prints recall, specificity per kind and overall, and the
lines that went wrong (patient text: a developer's terminal, not a log).
"""

from __future__ import annotations

import json
import sys
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, TextIO

# The first words of utter_emergency in domain.yml.
EMERGENCY_MARKER = "can be a sign of an emergency"


class EvaluationError(ValueError):
    """The labelled file cannot be read."""


@dataclass
class Tally:
    """Counts for one kind of message, and the texts that went wrong."""

    right: int = 0
    wrong: List[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.right + len(self.wrong)

    @property
    def rate(self) -> float:
        return self.right / self.total if self.total else 1.0


def load_labelled(path: Path) -> List[dict]:
    """The records of a labelled JSON-lines file, checked."""
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvaluationError(f"{path}:{number}: not JSON ({exc.msg})") from exc
        if not isinstance(record.get("text"), str) or not isinstance(
            record.get("red_flag"), bool
        ):
            raise EvaluationError(
                f'{path}:{number}: expected {{"text": str, "red_flag": bool}}'
            )
        records.append(record)
    return records


def cli_flagger() -> Callable[[str], bool]:
    """Flags a text through the CLI's path (one JSON line in, one verdict out)."""
    from bot.safety.__main__ import classify_line

    def flagged(text: str) -> bool:
        record, _ = classify_line(json.dumps({"text": text}).encode("utf-8"))
        return bool(record["red_flag"])

    return flagged


def rest_flagger(url: str, timeout: float = 60.0) -> Callable[[str], bool]:
    """Flags a text by sending it to a Rasa REST webhook as a new conversation."""

    def flagged(text: str) -> bool:
        body = json.dumps({"sender": f"eval-{uuid.uuid4()}", "message": text})
        request = urllib.request.Request(
            url, body.encode("utf-8"), {"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            replies = json.load(response)
        return any(EMERGENCY_MARKER in (r.get("text") or "") for r in replies)

    return flagged


def evaluate(records: List[dict], flagged: Callable[[str], bool]) -> Dict[str, Tally]:
    """A tally per kind ("sign" counts recall; the others specificity)."""
    tallies: Dict[str, Tally] = {}
    for record in records:
        kind = record.get("kind") or ("sign" if record["red_flag"] else "negative")
        tally = tallies.setdefault(kind, Tally())
        if flagged(record["text"]) == record["red_flag"]:
            tally.right += 1
        else:
            tally.wrong.append(record["text"])
    return tallies


def report(tallies: Dict[str, Tally], out: TextIO) -> None:
    """Recall, specificity per kind and overall, then the errors."""
    signs = tallies.get("sign", Tally())
    negatives = [t for k, t in tallies.items() if k != "sign"]
    right = sum(t.right for t in negatives)
    total = sum(t.total for t in negatives)
    out.write(f"recall {signs.rate:.3f} ({signs.right}/{signs.total})\n")
    for kind, tally in sorted(tallies.items()):
        if kind != "sign":
            out.write(
                f"specificity {kind} {tally.rate:.3f} ({tally.right}/{tally.total})\n"
            )
    if total:
        out.write(f"specificity all {right / total:.3f} ({right}/{total})\n")
    for kind, tally in sorted(tallies.items()):
        label = "missed" if kind == "sign" else f"false alarm ({kind})"
        for text in tally.wrong:
            out.write(f"{label}: {text}\n")


def main(path: str, rest: str | None, out: TextIO | None = None) -> int:
    """Score the file; 0, or 2 when it cannot be read or the server fails."""
    out = out or sys.stdout
    try:
        records = load_labelled(Path(path))
    except (OSError, EvaluationError) as exc:
        print(f"bot.safety evaluate: {exc}", file=sys.stderr)
        return 2
    try:
        tallies = evaluate(records, rest_flagger(rest) if rest else cli_flagger())
    except OSError as exc:
        print(
            f"bot.safety evaluate: {rest} did not answer ({exc}); start the "
            "servers (make run) and pass the REST webhook URL, e.g. "
            "http://localhost:5005/webhooks/rest/webhook",
            file=sys.stderr,
        )
        return 2
    report(tallies, out)
    return 0
