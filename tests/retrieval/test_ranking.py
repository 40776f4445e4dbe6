"""Ranking with stand-in vectors: meaning, lay questions, keywords, curation
and several questions in one message, without the embedding model."""

import pytest

from bot.corpus.curation import Curation, Entry
from tests.retrieval import fakes


def test_the_passage_closest_in_meaning_ranks_first():
    result = fakes.retriever().search("what helps a cramp?", k=3)

    assert result.passages[0].section == "How to relieve a cramp"
    scores = [p.score for p in result.passages]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in scores)


def test_a_lay_question_points_a_query_at_its_passage():
    # The fake embedder knows no "knots": only the lay question, which points
    # at the tension passage, can bring that passage first.
    questions = [("doc-1", "knots in my back")]
    plain = fakes.retriever().search("my back is full of knots", k=1)
    with_questions = fakes.retriever(questions).search("my back is full of knots", k=1)

    assert plain.passages[0].section != "Muscle tension"
    assert with_questions.passages[0].section == "Muscle tension"


def test_excluded_passages_are_never_returned():
    curation = Curation(exclude=[Entry(phrase="Other articles of the site")])

    result = fakes.retriever(curation=curation).search("other articles", k=5)

    assert "Links" not in [p.section for p in result.passages]
    assert len(result.passages) == 4


def test_each_question_of_a_two_part_message_gets_its_passage():
    result = fakes.retriever().search(
        "My calves seize at night. What stops a cramp? And do insoles help flat feet?",
        k=3,
    )

    sections = [p.section for p in result.passages]
    assert "How to relieve a cramp" in sections
    assert "Flat feet" in sections


def test_a_plain_question_is_embedded_once():
    calls = []
    fakes.retriever(calls=calls).search("what helps a cramp?", k=3)

    # One encode: the message, then its asked words as written (abstention's
    # unsupported_related signal), not one call each.
    assert calls == [["what helps a cramp?", "helps", "cramp"]]


def test_a_question_the_corpus_does_not_cover_abstains_but_lists_passages():
    result = fakes.retriever().search("how do I fix a bicycle chain", k=3)

    assert result.abstained is True
    assert len(result.passages) == 3


def test_a_covered_question_is_answered():
    assert fakes.retriever().search("how do I relieve a cramp", k=3).abstained is False


@pytest.mark.parametrize("query", ["", "   "])
def test_an_empty_query_is_refused_with_a_clear_message(query):
    with pytest.raises(ValueError, match="empty"):
        fakes.retriever().search(query)


def test_k_below_one_is_refused():
    with pytest.raises(ValueError, match="k must be at least 1"):
        fakes.retriever().search("cramp", k=0)
