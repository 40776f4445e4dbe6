"""Splitting follows the document's structure and keeps spans and ids honest."""

from pathlib import Path

from bot.corpus.sources import find_sources
from bot.corpus.split import _clean, split_document

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "corpus" / "000_4b07dd24fe9908c9.txt"

DOC = """Title of the article

A first forum post that is long enough to stand on its own as a passage, with
several sentences. It asks a question about cramps in the calves at night and
what to do.

A reply from a doctor that is also long enough to be a passage of its own,
separate from the post. It says to see a neurologist and not to wait too long.

How to relieve a cramp

A cramp is a sudden contraction of a muscle that hurts.
There are several ways to relieve it:

  • Warmth from a heating pad relaxes the muscle.
  • Gentle stretching helps too.

What is a spasm?

A spasm is a contraction that lasts, and it can happen in any muscle of the body.
"""


def split(text=DOC, **kwargs):
    return split_document(
        text, key="doc", title="Title of the article", source_file="doc.txt", **kwargs
    )


def test_short_unpunctuated_lines_and_short_questions_open_sections():
    sections = [p.section for p in split()]

    assert "How to relieve a cramp" in sections
    assert "What is a spasm?" in sections
    assert not any(s.startswith("A cramp is") for s in sections)


def test_bullets_stay_in_one_passage_with_their_lead_in_sentence():
    cramp = [p for p in split() if p.section == "How to relieve a cramp"]

    assert len(cramp) == 1
    assert "several ways to relieve it:" in cramp[0].text
    assert "Warmth from a heating pad" in cramp[0].text
    assert "Gentle stretching" in cramp[0].text


def test_forum_posts_before_the_first_heading_are_separate_passages():
    intro = [p for p in split(intro_section="Forum") if p.section == "Forum"]

    assert len(intro) == 2
    assert intro[0].text.startswith("A first forum post")
    assert intro[1].text.startswith("A reply from a doctor")


def test_a_sections_first_passage_opens_with_its_heading():
    spasm = next(p for p in split() if p.section == "What is a spasm?")

    assert spasm.text.splitlines()[0] == "What is a spasm?"


def test_every_passage_span_points_at_its_text_in_the_real_source():
    text = SOURCE.read_text(encoding="utf-8")
    passages = find_sources(ROOT / "corpus")[0].passages()

    assert len(passages) > 50
    for p in passages:
        assert _clean(text[p.start : p.end]) == p.text, p.passage_id


def test_real_source_keeps_its_forum_posts_apart_and_its_sections_named():
    source = find_sources(ROOT / "corpus")[0]
    passages = source.passages()
    forum = [p for p in passages if p.section == source.intro_section]

    assert len(forum) == 5  # two reader posts, two replies, one follow-up
    sections = {p.section for p in passages}
    assert {"How to relieve a cramp", "Calf muscle strain"} <= sections
    assert all(p.source == source.title for p in passages)


def test_ids_are_stable_and_survive_edits_elsewhere_in_the_document():
    before = {p.text: p.passage_id for p in split()}
    edited = DOC.replace("A spasm is a contraction", "A spasm is a long contraction")
    after = {p.text: p.passage_id for p in split(edited)}

    unchanged = set(before) & set(after)
    assert len(unchanged) == len(before) - 1
    assert all(before[t] == after[t] for t in unchanged)
    assert len(set(before.values())) == len(before)  # unique


def test_markdown_headings_name_sections():
    md = "# Guide\n\n## Night cramps\n\nCramps at night often hit the calf muscles.\n"
    passages = split(md, markdown=True)

    assert [p.section for p in passages] == ["Night cramps"]
    assert "##" not in passages[0].text
