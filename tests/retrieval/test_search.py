"""The search API other tools depend on: shape, ranking, abstention, bad input."""

import pytest

from bot.retrieval import Retriever

pytestmark = pytest.mark.slow


def test_search_returns_k_cited_passages_best_first(retriever):
    result = retriever.search("how do I relieve a cramp?", k=3)

    assert result.abstained is False
    assert len(result.passages) == 3
    for p in result.passages:
        assert p.passage_id.startswith("muscle-tension-")
        assert p.source.startswith("How to relieve muscle tension")
        assert p.section and p.text
        assert isinstance(p.score, float)
    scores = [p.score for p in result.passages]
    assert scores == sorted(scores, reverse=True)
    assert result.passages[0].section == "How to relieve a cramp"


def test_out_of_corpus_question_abstains_but_still_lists_passages(retriever):
    result = retriever.search("how do I treat a sunburn", k=3)

    assert result.abstained is True
    assert len(result.passages) == 3


def test_a_remedy_no_source_names_abstains_though_its_topic_is_close(retriever):
    result = retriever.search("do compression socks help night calf cramps?", k=3)

    assert result.abstained is True
    assert "socks" in result.reason


def test_typos_and_lay_words_still_find_the_section(retriever):
    typo = retriever.search("how to releive a crmap", k=3)
    lay = retriever.search("charley horse in my calf", k=3)

    assert not typo.abstained and "cramp" in typo.passages[0].text.lower()
    assert not lay.abstained
    assert any("cramp" in p.text.lower() for p in lay.passages)


def test_capitalised_names_are_not_spell_corrected_into_corpus_words(retriever):
    assert retriever.search("what is the capital of Spain").abstained


def test_load_is_cached(retriever):
    assert Retriever.load() is retriever


@pytest.mark.parametrize("query", ["", "   "])
def test_empty_query_is_refused_with_a_clear_message(retriever, query):
    with pytest.raises(ValueError, match="empty"):
        retriever.search(query)


def test_k_below_one_is_refused(retriever):
    with pytest.raises(ValueError, match="k must be at least 1"):
        retriever.search("cramp", k=0)


def test_excluded_passages_are_never_returned(retriever):
    result = retriever.search(
        "hello, two months ago I felt a pulling sensation in my arms and legs", k=10
    )

    assert not any("two months ago I felt" in p.text for p in result.passages)


def test_support_is_the_share_of_asked_words_the_passages_use(retriever):
    result = retriever.search("how do i relieve a calf cramp?")
    ids = [p.passage_id for p in result.passages]

    held = retriever.support("relieve a calf cramp", ids)
    foreign = retriever.support("does creatine with kinesio tape work?", ids)

    assert held.share > 0.8 and held.unknown == 0
    assert foreign.share < held.share and foreign.unknown >= 2
