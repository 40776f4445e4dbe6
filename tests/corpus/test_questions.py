"""The lay questions in corpus/questions.yml attach to the passages they
answer, and a corpus without them still builds its question list."""

from pathlib import Path

import pytest

from bot.corpus.questions import load_questions, resolve, unmatched
from bot.corpus.sources import CorpusError, find_sources

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def passages():
    return [p for s in find_sources(ROOT / "corpus") for p in s.passages()]


def test_every_shipped_entry_matches_a_passage(passages):
    assert unmatched(load_questions(ROOT / "corpus"), passages) == []


def test_every_shipped_entry_matches_exactly_one_passage(passages):
    for entry in load_questions(ROOT / "corpus"):
        assert sum(entry.matches(p) for p in passages) == 1, entry.phrase


def test_most_passages_have_lay_questions(passages):
    pairs = resolve(load_questions(ROOT / "corpus"), passages)

    covered = {pid for pid, _ in pairs}
    assert len(covered) >= 0.9 * len(passages)


def test_a_corpus_without_the_file_has_no_questions(tmp_path):
    assert load_questions(tmp_path) == []


def test_an_entry_without_questions_is_refused_with_its_phrase(tmp_path):
    (tmp_path / "questions.yml").write_text("passages:\n  - phrase: cramp\n")

    with pytest.raises(CorpusError, match="'cramp' needs `questions`"):
        load_questions(tmp_path)
