"""Query normalisation: stemming, lay terms and spelling against the corpus."""

from bot.retrieval.lexical import LexicalIndex
from bot.retrieval.text import content_terms, expand_lay_terms, stem


def test_inflections_share_a_stem():
    assert stem("cramps") == stem("cramping") == stem("cramp")
    assert stem("muscles") == stem("muscle")
    assert stem("calves") == stem("calf")
    assert stem("prevention") == stem("preventive") == stem("prevent")


def test_question_filler_is_not_a_content_term():
    assert content_terms("How can I get rid of it, please?") == ["rid"]


def test_lay_terms_add_the_sources_word_and_keep_the_users():
    assert expand_lay_terms("Charley horse, sore calves") == (
        "charley horse cramp, sore pain calves"
    )


def test_spelling_is_corrected_only_towards_corpus_words():
    index = LexicalIndex([("How to relieve a cramp", "Fibromyalgia and cramps.")])

    assert index.correct("fibromialgia") == "fibromyalgia"
    assert index.correct("crampss") == "cramps"
    assert index.correct("sunburn") == "sunburn"  # nothing near: left alone
    assert index.correct("spain") == "spain"  # "pain" is too short to aim at


def test_two_edits_never_turn_an_english_word_into_a_corpus_word():
    index = LexicalIndex([("How to relieve a cramp", "Cramping and exercise.")])

    assert index.correct("exersize") == "exercise"  # a double typo: fixed
    assert index.correct("creeping") == "creeping"  # a word, not "cramping"
