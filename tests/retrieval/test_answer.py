"""The composed answer: quoted, trimmed, cited, cautioned, and plain text."""

from types import SimpleNamespace

import pytest

from bot.corpus.split import Passage
from bot.retrieval.abstention import Support
from bot.retrieval.answer import (
    DISCLAIMER,
    MAX_EXCERPT_CHARS,
    NO_ANSWER_TEXT,
    answer_cue,
    answer_question,
    compose_answer,
    for_audience,
    trim,
)
from bot.retrieval.text import content_terms


def _passage(text, section="Cramps", lead_in=""):
    return Passage("doc-1", "Doc", "doc.txt", section, text, 0, len(text), lead_in)


def test_trim_keeps_the_sentences_that_answer_and_marks_the_cuts():
    passage = _passage(
        "Cramps\nMuscles need water. Heat relieves a cramp quickly. "
        "Dogs like walks. Cats sleep a lot."
    )

    quote = trim(passage, set(content_terms("how to relieve a cramp")))

    assert quote == "... Heat relieves a cramp quickly. ..."


def test_trim_leaves_the_heading_to_the_citation_and_keeps_list_lead_ins():
    passage = _passage(
        "• Warmth from a heating pad relaxes the muscle.\n• Stretch gently.",
        lead_in="There are several ways to relieve it:",
    )

    quote = trim(passage, set(content_terms("heating pad")))

    assert quote.startswith("There are several ways to relieve it:\n• Warmth")


@pytest.mark.slow
def test_answer_quotes_cites_and_ends_with_the_reminder(retriever):
    answer = answer_question("How do I relieve a cramp?", retriever=retriever)
    blocks = answer.text.split("\n\n")

    assert not answer.abstained
    assert 1 <= len(answer.excerpts) <= 3
    assert blocks[-1] == DISCLAIMER
    for excerpt, block in zip(answer.excerpts, blocks[1:-1], strict=True):
        lines = block.splitlines()
        assert lines[0].startswith(f'{answer.excerpts.index(excerpt) + 1}. "')
        source = next(line for line in lines if line.startswith("Source: "))
        assert excerpt.source in source
        assert f'section "{excerpt.section}"' in source
        assert source.endswith(f"passage {excerpt.passage_id}")
        assert len(excerpt.quote) <= MAX_EXCERPT_CHARS + 200  # lead-in and "..."
    assert "|" not in answer.text and "**" not in answer.text  # no markdown


@pytest.mark.slow
def test_quoting_harmful_advice_shows_its_caution(retriever):
    answer = answer_question(
        "can I prick a cramped calf muscle with a pin", retriever=retriever
    )

    pin = [e for e in answer.excerpts if "pin" in e.quote]
    assert pin, answer.text
    assert all(e.cautions for e in pin)
    assert "Caution: Do not prick" in answer.text


@pytest.mark.slow
def test_uncovered_question_gets_the_plain_no_answer(retriever):
    assert compose_answer("how do I treat a sunburn", retriever=retriever) == (
        NO_ANSWER_TEXT
    )
    assert compose_answer("   ", retriever=retriever) == NO_ANSWER_TEXT


@pytest.mark.slow
def test_every_answer_fits_one_telegram_message(retriever):
    from pathlib import Path

    from bot.retrieval.evaluate import read_eval_set

    rows = read_eval_set(Path(__file__).parent / "data" / "retrieval_team.jsonl")
    longest = max(
        len(compose_answer(r["query"], retriever=retriever)) for r in rows[:40]
    )

    assert longest < 4096  # Telegram's limit for one message


CALF = (
    "Calf muscle strain\n"
    "Office workers often complain that their calves swell from prolonged sitting "
    "on a chair. Such swelling is accompanied by aching pain and sometimes sudden "
    "cramps. To overcome this disease, we recommend performing a simple exercise.\n"
    "Stand about 50–60 cm from the wall, with your feet shoulder-width apart. "
    "Place your hands on the wall. Take a wide step back with your left foot, then "
    "transfer your body weight to this leg. Stay in this position for 30 seconds, "
    "then change legs."
)


def test_how_to_question_is_shown_the_steps_not_the_opening():
    query = "How do I stretch my calf?"
    passage = _passage(CALF, section="Calf muscle strain")

    quote = trim(passage, content_terms(query), cue=answer_cue(query), budget=260)

    assert "Stand about 50–60 cm from the wall" in quote
    assert "Place your hands on the wall" in quote
    assert len(quote) < len(CALF)


def test_which_doctor_is_answered_by_the_sentence_not_the_heading_question():
    query = "Which doctor should I see?"
    passage = _passage(
        "Reducing leg pain\nPain in the leg muscles can be reduced by finding out "
        "the cause. To do this, you need to visit a therapist and identify a "
        "diagnosis. Regular ice is an effective anti-inflammatory agent. "
        "Which doctor should I contact if I have pain in my leg muscles?",
        section="Reducing leg pain",
    )

    quote = trim(passage, set(content_terms(query)), cue=answer_cue(query))

    assert "visit a therapist" in quote
    assert "Which doctor should I contact" not in quote


def _hit(pid, section, text, score):
    return SimpleNamespace(passage_id=pid, section=section, text=text, score=score)


def test_an_adults_question_gets_passages_about_children_after_near_equals():
    text = "Frequent cramps at night in children and adolescents..."
    child = _hit("c", "Pain in leg muscles, causes", text, 0.9)
    adult = _hit("a", "Causes of muscle pain in legs", "Leg cramps at night...", 0.8)

    adults = for_audience("why do I get leg cramps at night?", [child, adult])
    parents = for_audience("why does my son get leg cramps at night?", [child, adult])

    assert [p.passage_id for p in adults] == ["a", "c"]
    assert [p.passage_id for p in parents] == ["c", "a"]


class _Ranked:
    """A retriever stand-in that returns fixed results, and records k."""

    def __init__(self, hits):
        self.hits = hits
        self.asked_k = []

    def search(self, query, k=3):
        self.asked_k.append(k)
        return SimpleNamespace(abstained=False, passages=self.hits[:k])

    def support(self, text, passage_ids):
        return Support(1.0, 0)


def _ranked_hit(pid, text, score):
    return SimpleNamespace(
        passage_id=pid,
        source="Doc",
        section="Relieving tension",
        text=text,
        score=score,
        lead_in="",
        cautions=[],
    )


def test_a_follow_up_asking_what_if_it_fails_gets_the_passage_that_says_so():
    topic_hits = [
        _ranked_hit(f"t{n}", "A warm bath relaxes tense muscles at home.", 0.5)
        for n in range(5)
    ]
    next_step = _ranked_hit(
        "next",
        "If traditional methods do not help, you need drug treatment.",
        0.01,
    )
    retriever = _Ranked(topic_hits + [next_step])
    query = "what can i do at home for tension. what if that doesnt help?"

    answer = answer_question(
        query, retriever=retriever, focus="what if that doesnt help?"
    )
    plain = answer_question(query, retriever=retriever, focus="how long for?")

    assert answer.excerpts[0].passage_id == "next"
    assert "next" not in [e.passage_id for e in plain.excerpts]
