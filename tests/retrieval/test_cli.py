"""`python -m bot.retrieval search -k 3 --jsonl`: one line out per good line in."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def test_jsonl_search_answers_in_order_and_reports_bad_lines_without_losing_others():
    stdin = "\n".join(
        [
            json.dumps({"query": "how do I relieve a cramp?"}),
            "this is not json",
            json.dumps({"question": "wrong key"}),
            "",
            json.dumps({"query": "how do I treat a sunburn"}),
        ]
    )
    run = subprocess.run(
        [sys.executable, "-m", "bot.retrieval", "search", "-k", "3", "--jsonl"],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )

    lines = [json.loads(line) for line in run.stdout.splitlines()]
    assert [r["query"] for r in lines] == [
        "how do I relieve a cramp?",
        "how do I treat a sunburn",
    ]
    assert [r["abstained"] for r in lines] == [False, True]
    for record in lines:
        assert set(record) == {"query", "abstained", "results"}
        assert len(record["results"]) == 3  # listed even when abstained
        for result in record["results"]:
            assert set(result) == {"passage_id", "source", "section", "text", "score"}
    assert "line 2: not JSON" in run.stderr
    assert "line 3: no `query` field" in run.stderr
    assert run.returncode == 1
