"""Curation entries attach to the passages they are about, and stay attached."""

from pathlib import Path

import pytest

from bot.corpus.curation import Entry, load_curation
from bot.corpus.sources import CorpusError, find_sources

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def passages():
    return [p for s in find_sources(ROOT / "corpus") for p in s.passages()]


@pytest.fixture(scope="module")
def curation():
    return load_curation(ROOT / "corpus")


def test_every_shipped_entry_matches_a_passage(curation, passages):
    assert curation.unmatched(passages) == []


@pytest.mark.parametrize(
    "harmful",
    [
        "in the form of an injection with a needle or pin",
        "You can prick the muscle with a pin",
        "Bear fat (internal)",
        "The plant is infused with vodka",
        "An intense massage will relax the muscle",
        "Spasmalgon",
        "Efferalgan, Nimesil, Nise",
    ],
)
def test_harmful_advice_in_the_source_carries_a_caution(curation, passages, harmful):
    passage = next(p for p in passages if harmful in p.text)

    notes = curation.cautions_for_excerpt(passage, harmful)

    assert notes, f"no caution for {harmful!r}"
    assert all(len(n) > 40 for n in notes)


def test_a_phrase_keeps_an_entry_attached_when_the_id_went_stale(passages):
    entry = Entry(passage_id="muscle-tension-00000000", phrase="Bear  FAT (internal)")

    assert [p for p in passages if entry.matches(p)]


def test_a_phrase_caution_shows_only_when_its_sentence_is_quoted(curation, passages):
    passage = next(p for p in passages if "Bear fat (internal)" in p.text)

    assert curation.cautions_for_excerpt(passage, "Ginger. The root vegetable") == []


def test_the_forum_readers_posts_are_excluded(curation, passages):
    excluded = [passages[i].text for i in curation.excluded_ids(passages)]

    assert len(excluded) == 3
    readers = [
        "two months ago I felt",
        "my tendon reflexes are normal",
        "regional neurologist",
    ]
    assert all(any(r in text for text in excluded) for r in readers)


def test_the_forum_doctors_replies_stay_quotable(curation, passages):
    excluded = curation.excluded_ids(passages)
    replies = [
        i
        for i, p in enumerate(passages)
        if "Presumable diagnosis" in p.text or "With GBS, you cannot miss" in p.text
    ]

    assert len(replies) == 2
    assert not excluded & set(replies)


def test_an_entry_without_id_or_phrase_is_refused_with_the_fix(tmp_path):
    (tmp_path / "curation.yml").write_text("cautions:\n  - note: be careful\n")

    with pytest.raises(CorpusError, match="needs a passage_id or a phrase"):
        load_curation(tmp_path)


def test_a_caution_without_a_note_is_refused(tmp_path):
    (tmp_path / "curation.yml").write_text("cautions:\n  - phrase: pin\n")

    with pytest.raises(CorpusError, match="needs a `note`"):
        load_curation(tmp_path)
