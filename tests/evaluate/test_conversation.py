"""The conversation evaluator scores the last reply of each item correctly."""

import json

import pytest

from bot.evaluate.conversation import Item, failures, load_items, run_item, score
from bot.evaluate.reply import read_reply

ANSWER = (
    'Here is what my sources say:\n\n1. "Use a warm heating pad."\n'
    'Source: Doc, section "Cramps", passage p-1\n\nThis is general information.'
)
PASSAGES = {"p-1": "You can relieve a cramp with a warm heating pad or cold."}


def _bot(text):
    return [{"recipient_id": "x", "text": text}]


def test_reply_names_the_passages_it_cites():
    reply = read_reply(_bot(ANSWER) + _bot("Would you like me to note your symptoms?"))

    assert reply.passage_ids == ["p-1"]
    assert reply.cited


def test_only_the_last_turn_is_scored_and_each_item_is_a_new_conversation():
    senders, said = set(), []

    def send(sender, message):
        senders.add(sender)
        said.append(message)
        return _bot(ANSWER if message == "and for a cramp?" else "Hello!")

    item = Item(["hi", "and for a cramp?"], ["heating pad"], ["warm heating"])
    first = run_item(item, send, PASSAGES)
    run_item(Item(["hi"]), send, PASSAGES)

    assert said == ["hi", "and for a cramp?", "hi"]
    assert len(senders) == 2
    assert first.reply.cited and first.gold_cited and first.key_shown


def test_figures_separate_single_questions_follow_ups_and_out_of_corpus():
    answers = {"q": ANSWER, "f": "Sorry, no idea.", "o": ANSWER}

    def send(sender, message):
        return _bot(answers[message])

    outcomes = [
        run_item(Item(["q"], ["heating pad"], ["nothing like this"]), send, PASSAGES),
        run_item(Item(["q", "f"], ["heating pad"]), send, PASSAGES),
        run_item(Item(["o"], in_corpus=False), send, PASSAGES),
    ]
    figures = score(outcomes)

    assert figures["answered_with_citation"] == 1.0
    assert figures["gold_in_cited_passage"] == 1.0
    assert figures["key_phrase_in_reply"] == 0.0
    assert figures["follow_up_answered"] == 0.0
    assert figures["out_of_corpus_without_citation"] == 0.0
    missed = [f["missed"] for f in failures(outcomes)]
    assert missed == [
        ["key phrase not shown"],
        ["no citation"],
        ["cited out of corpus"],
    ]


def test_a_malformed_line_names_its_file_and_line(tmp_path):
    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps({"turns": ["hi"]}) + "\n" + '{"gold": []}\n')

    with pytest.raises(ValueError, match=r"set.jsonl:2"):
        load_items([path])


def test_every_dev_item_has_gold_phrases_found_in_the_corpus():
    from pathlib import Path

    from bot.corpus.build import paths_from_settings, read_passages

    root = Path(__file__).resolve().parents[2]
    texts = " ".join(p.text for p in read_passages(paths_from_settings())).lower()
    items = load_items(sorted((root / "tests/evaluate/data").glob("*.jsonl")))
    multi = [i for i in items if i.multi_turn and i.in_corpus]
    assert len(multi) >= 20
    for item in items:
        if item.in_corpus:
            assert any(g.lower() in texts for g in item.gold), item.turns
