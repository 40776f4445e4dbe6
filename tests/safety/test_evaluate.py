"""`python -m bot.safety evaluate`: recall and specificity per kind, CLI or REST."""

import io
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from bot.safety import evaluate
from bot.safety.__main__ import main


@pytest.fixture
def labelled(tmp_path):
    path = tmp_path / "set.jsonl"
    records = [
        {"text": "I can't breathe properly", "red_flag": True, "kind": "sign"},
        {"text": "my chest won't fill up at all", "red_flag": True, "kind": "sign"},
        {"text": "my calves cramp at night", "red_flag": False, "kind": "ordinary"},
        {
            "text": "bit my tongue, it's sore",
            "red_flag": False,
            "kind": "hard_negative",
        },
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    return path


def test_cli_path_scores_recall_and_specificity_per_kind(labelled, capsys):
    assert main(["evaluate", str(labelled)]) == 0

    out = capsys.readouterr().out
    assert "recall 1.000 (2/2)" in out
    assert "specificity ordinary 1.000 (1/1)" in out
    assert "specificity hard_negative 1.000 (1/1)" in out


def test_rest_path_sends_each_message_as_a_new_sender(labelled):
    senders, lock = [], threading.Lock()

    class Webhook(BaseHTTPRequestHandler):
        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            with lock:
                senders.append(body["sender"])
            emergency = "breathe" in body["message"] or "chest" in body["message"]
            text = (
                "What you describe can be a sign of an emergency."
                if emergency
                else "ok"
            )
            reply = json.dumps([{"recipient_id": body["sender"], "text": text}])
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(reply.encode())

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Webhook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/webhooks/rest/webhook"
    try:
        records = evaluate.load_labelled(labelled)
        tallies = evaluate.evaluate(records, evaluate.rest_flagger(url))
    finally:
        server.shutdown()

    assert tallies["sign"].rate == 1.0
    assert tallies["ordinary"].rate == 1.0
    assert len(set(senders)) == len(records)


def test_unreadable_set_names_the_line_and_exits_2(tmp_path, capsys):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "hi"}\n')

    assert evaluate.main(str(path), None, io.StringIO()) == 2
    assert "bad.jsonl:1" in capsys.readouterr().err


def test_server_that_does_not_answer_names_the_fix(labelled, capsys):
    assert evaluate.main(str(labelled), "http://127.0.0.1:9/x", io.StringIO()) == 2
    assert "make run" in capsys.readouterr().err
