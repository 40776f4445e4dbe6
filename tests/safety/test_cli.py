"""`python -m bot.safety classify --jsonl` over stdin, as other tools call it.

The tests call the command's `main` in this process, which has the detector
loaded already; a fresh process loads spaCy, TensorFlow (through thinc) and the
ONNX encoder again, 10-20 s on a busy machine, so the one test that classifies
in a real process is marked slow. The usage error runs as a process: it fails
before anything loads.
"""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.safety.__main__ import main

ROOT = Path(__file__).resolve().parents[2]


def _run(stdin: bytes, *args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "bot.safety", *(args or ("classify", "--jsonl"))]
    return subprocess.run(
        command, cwd=ROOT, input=stdin, capture_output=True, timeout=120
    )


def _classify(stdin: bytes, monkeypatch, capsys):
    """(exit status, output lines, stderr) of `classify --jsonl` on `stdin`."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    status = main(["classify", "--jsonl"])
    out, err = capsys.readouterr()
    return status, [json.loads(line) for line in out.splitlines()], err


EXPECTED = [
    {"red_flag": True, "category": "respiratory", "signs": ["can't breathe"]},
    {"red_flag": False, "category": None, "signs": []},
    {"red_flag": True, "category": "bulbar", "signs": ["drool"]},
]
THREE_LINES = b'{"text": "I can\'t breathe"}\n{"text": "hello"}\n{"text": "I drool"}\n'


def test_one_result_per_input_line_in_order(monkeypatch, capsys):
    status, lines, _ = _classify(THREE_LINES, monkeypatch, capsys)

    assert status == 0
    assert lines == EXPECTED


@pytest.mark.slow
def test_the_command_run_as_a_process_answers_each_line_in_order():
    result = _run(THREE_LINES)

    assert result.returncode == 0, result.stderr.decode()
    assert [json.loads(line) for line in result.stdout.decode().splitlines()] == (
        EXPECTED
    )


def test_bad_line_is_reported_and_later_lines_still_answered(monkeypatch, capsys):
    stdin = b'not json\n{"text": 3}\n\xff\xfe\n{"text": "trouble swallowing"}\n'

    status, lines, stderr = _classify(stdin, monkeypatch, capsys)

    assert status == 2
    assert [line.get("line") for line in lines] == [1, 2, 3, None]
    assert all(line["red_flag"] is None and line["error"] for line in lines[:3])
    assert lines[3]["red_flag"] is True
    assert "line 1: not valid JSON" in stderr and "line 3: not UTF-8" in stderr


def test_unreadable_line_that_shows_a_sign_is_still_flagged(monkeypatch, capsys):
    _, lines, _ = _classify(b'{"text": "I can not swallow"\n', monkeypatch, capsys)

    (line,) = lines
    assert line["red_flag"] is True and line["category"] == "bulbar"
    assert "not valid JSON" in line["error"]


def test_blank_lines_are_not_inputs(monkeypatch, capsys):
    _, lines, _ = _classify(b'\n{"text": "hi"}\n\n', monkeypatch, capsys)

    assert len(lines) == 1


def test_command_without_jsonl_flag_explains_usage():
    result = _run(b"", "classify")

    assert result.returncode != 0
    assert "--jsonl" in result.stderr.decode()
