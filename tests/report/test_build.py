"""The report from a small SQLite store: streamed, written privately, readable."""

import json
import sqlite3
import stat

import pytest

from bot.report.__main__ import main, parse_since
from bot.report.build import build_report, tally_store
from tests.report.events import Script
from tests.report.test_tally import fake_encoder

SCHEMA = """CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255)
NOT NULL, type_name VARCHAR(255) NOT NULL, timestamp FLOAT, intent_name
VARCHAR(255), action_name VARCHAR(255), data TEXT)"""


def write_store(path, scripts):
    """Rows as Rasa's SQL tracker store writes them (interleaved senders)."""
    rows = []
    for sender, script in scripts.items():
        for event in script.events:
            data = dict(event.data, event=event.type, timestamp=event.timestamp)
            if event.name and event.type == "action":
                data["name"] = event.name
            rows.append((sender, event.type, event.timestamp, event.intent, event.name,
                         json.dumps(data)))  # fmt: skip
    rows.sort(key=lambda row: row[2])
    with sqlite3.connect(path) as connection:
        connection.execute(SCHEMA)
        connection.executemany(
            "INSERT INTO events (sender_id, type_name, timestamp, intent_name,"
            " action_name, data) VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
    return f"sqlite:///{path}"


@pytest.fixture()
def store(tmp_path):
    a = Script(start=1_795_000_000).session().cited_answer("cramp?", "p1")
    a.bot("utter_ask_feedback").user("/answer_not_helped", "answer_not_helped")
    b = (
        Script(start=1_795_000_010)
        .session()
        .no_answer("how do I treat a <b>sunburn</b>")
    )
    b.takeover("I can't breathe", "can't breathe")
    old = Script(start=1_700_000_000).session().no_answer("an old question")
    return write_store(tmp_path / "tracker.db", {"a": a, "b": b, "old": old})


def test_the_store_is_read_per_sender_despite_interleaved_rows(store):
    tally = tally_store(store, since=1_795_000_000)
    assert (tally.conversations, tally.answered, tally.unanswered) == (2, 1, 1)
    assert tally.passages["p1"].not_helped == 1
    assert tally.takeovers == 1


def test_older_conversations_are_left_out(store):
    assert (
        "an old question"
        not in tally_store(store, since=1_795_000_000).unanswered_wording
    )


def test_report_is_private_self_contained_and_escapes_patient_text(store, tmp_path):
    out = tmp_path / "out" / "report.html"
    build_report(store, 1_795_000_000, 1_795_100_000, out, encode=fake_encoder)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    html = out.read_text()
    assert "&lt;b&gt;sunburn&lt;/b&gt;" in html and "<b>sunburn" not in html
    assert "<script" not in html and "http://" not in html.replace(
        "http://www.w3.org", ""
    )
    assert "default-src 'none'" in html
    assert html.count("<svg") >= 4


def test_an_existing_report_is_replaced_and_made_private(store, tmp_path):
    out = tmp_path / "report.html"
    out.write_text("old")
    out.chmod(0o644)
    build_report(store, 1_795_000_000, 1_795_100_000, out, encode=fake_encoder)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "old" != out.read_text()


def test_a_store_without_events_says_what_to_set(tmp_path):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    with pytest.raises(SystemExit, match="TRACKER_URL"):
        tally_store(url, 0)


def test_since_reads_spans_and_dates():
    assert parse_since("7d", 1_000_000) == 1_000_000 - 7 * 86400
    assert parse_since("24h", 100_000) == 100_000 - 86400
    assert parse_since("2026-11-01", 0) == 1793491200


def test_a_bad_since_is_refused_with_an_example(capsys):
    with pytest.raises(SystemExit):
        main(["--since", "last week"])
    assert "7d" in capsys.readouterr().err
