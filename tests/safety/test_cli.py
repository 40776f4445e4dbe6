"""`python -m bot.safety classify --jsonl` over stdin, as other tools call it."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(stdin: bytes, *args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "bot.safety", *(args or ("classify", "--jsonl"))]
    return subprocess.run(
        command, cwd=ROOT, input=stdin, capture_output=True, timeout=120
    )


def _lines(result):
    return [json.loads(line) for line in result.stdout.decode().splitlines()]


def test_one_result_per_input_line_in_order():
    stdin = b'{"text": "I can\'t breathe"}\n{"text": "hello"}\n{"text": "I drool"}\n'

    result = _run(stdin)

    assert result.returncode == 0, result.stderr.decode()
    assert _lines(result) == [
        {"red_flag": True, "category": "respiratory", "signs": ["can't breathe"]},
        {"red_flag": False, "category": None, "signs": []},
        {"red_flag": True, "category": "bulbar", "signs": ["drool"]},
    ]


def test_bad_line_is_reported_and_later_lines_still_answered():
    stdin = b'not json\n{"text": 3}\n\xff\xfe\n{"text": "trouble swallowing"}\n'

    result = _run(stdin)
    lines = _lines(result)

    assert result.returncode == 2
    assert [line.get("line") for line in lines] == [1, 2, 3, None]
    assert all(line["red_flag"] is None and line["error"] for line in lines[:3])
    assert lines[3]["red_flag"] is True
    stderr = result.stderr.decode()
    assert "line 1: not valid JSON" in stderr and "line 3: not UTF-8" in stderr


def test_unreadable_line_that_shows_a_sign_is_still_flagged():
    result = _run(b'{"text": "I can not swallow"\n')

    (line,) = _lines(result)
    assert line["red_flag"] is True and line["category"] == "bulbar"
    assert "not valid JSON" in line["error"]


def test_blank_lines_are_not_inputs():
    result = _run(b'\n{"text": "hi"}\n\n')

    assert len(_lines(result)) == 1


def test_command_without_jsonl_flag_explains_usage():
    result = _run(b"", "classify")

    assert result.returncode != 0
    assert "--jsonl" in result.stderr.decode()
