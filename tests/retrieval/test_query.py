"""Query understanding: the question part of a long message, several questions,
lay words and numbers."""

from pathlib import Path

import pytest

from bot.corpus.sources import CorpusError
from bot.retrieval.lexical import LexicalIndex, same_family
from bot.retrieval.query import analyse
from bot.retrieval.vocabulary import Vocabulary, load_vocabulary

ROOT = Path(__file__).resolve().parents[2]
INDEX = LexicalIndex(
    [
        (
            "How to relieve a cramp",
            "Warmth and stretching relieve a cramp in the calf.",
        ),
        ("Flat feet", "Orthopedic insoles reduce pain from flat feet."),
    ]
)


def test_context_before_the_question_is_not_what_is_scored():
    q = analyse(
        "I'm 45, desk job, and I sit a lot. How do I relieve a calf cramp?", INDEX
    )

    assert q.parts == ["how do i relieve a calf cramp?"]
    assert q.texts[0].startswith("i'm 45")  # the whole message is kept too


def test_a_short_question_keeps_the_sentence_before_it():
    q = analyse("At night my calves cramp badly. What can I do?", INDEX)

    assert q.parts == ["at night my calves cramp badly. what can i do?"]


def test_a_question_short_in_its_own_words_keeps_the_sentence_before_it():
    # The vocabulary adds "drug" and "medicine" to "medication": the question
    # still names only one thing, and the statin is in the sentence before.
    vocabulary = Vocabulary(terms={"medication": "drug medicine"})
    q = analyse(
        "Started a statin last month and my thighs ache. Is that the medication?",
        INDEX,
        vocabulary,
    )

    assert q.parts == [q.corrected]
    assert "statin" in q.asked_terms


def test_a_short_question_pointing_back_keeps_the_sentence_before_it():
    q = analyse(
        "My doctor thinks it is a cramp in the calf. What is the one danger "
        "with it that doctors fear missing most?",
        INDEX,
    )

    assert q.parts == [q.corrected]
    assert "calf" in q.asked_terms


def test_two_questions_are_scored_separately():
    q = analyse("What relieves a cramp? And do insoles help flat feet?", INDEX)

    assert q.parts == ["what relieves a cramp?", "and do insoles help flat feet?"]
    assert "insol" in q.part_terms[1] and "insol" not in q.part_terms[0]


def test_also_inside_a_question_does_not_split_it():
    q = analyse("Can the cold also do it?", INDEX)

    assert q.parts == [q.corrected]


def test_a_single_plain_question_is_one_part():
    q = analyse("how do I relieve a cramp", INDEX)

    assert q.parts == [q.corrected] and q.texts == [q.corrected]


def test_ages_and_durations_are_not_unknown_words():
    q = analyse("my 8yo has a cramp for 45 minutes", INDEX, Vocabulary())

    assert not any(c.isdigit() for t in q.asked_terms for c in t)


def test_a_name_with_a_number_is_asked_about_and_unknown():
    q = analyse("could B12 relieve a cramp? vegan for 3 yrs", INDEX, Vocabulary())

    assert "b12" in q.asked_terms and q.unknown == 1


def test_an_unknown_name_is_told_from_an_unknown_everyday_word():
    named = analyse("does a statin relieve a calf cramp", INDEX, Vocabulary())
    everyday = analyse("restless calf cramp", INDEX, Vocabulary())

    assert named.unknown == 1 and named.unknown_names == 1
    assert everyday.unknown == 1 and everyday.unknown_names == 0


def test_typos_are_fixed_towards_corpus_words():
    assert "cramp" in analyse("how to releive a crmap", INDEX).corrected


def test_the_shipped_vocabulary_maps_folk_names_to_the_sources_words():
    vocabulary = load_vocabulary(ROOT / "corpus")

    assert "cramp" in vocabulary.expand("charley horse in my calf")
    assert "cramp" in vocabulary.expand("my leg locks up at night")
    assert "tingling" in vocabulary.replace("pins and needles")
    assert "insoles" in vocabulary.expand("do arch supports help")
    assert "prevention" in vocabulary.expand("how do I prevent it")


def test_a_supplement_the_sources_never_name_stays_unknown():
    vocabulary = load_vocabulary(ROOT / "corpus")
    q = analyse("does magnesium stop a cramp", INDEX, vocabulary)

    assert "magnesium" in q.asked_terms
    assert q.unknown >= 1 and q.coverage < 0.5


def test_a_corpus_without_a_vocabulary_file_still_maps_everyday_words(tmp_path):
    vocabulary = load_vocabulary(tmp_path)

    assert "cramp" in vocabulary.expand("charley horse")


def test_a_term_given_twice_in_the_vocabulary_names_both_lines(tmp_path):
    (tmp_path / "vocabulary.yml").write_text(
        "terms:\n  jab: prick\n  knot: spasm\n  jab: injection\n"
    )

    with pytest.raises(CorpusError, match=r"'jab' is given twice \(lines 2 and 4\)"):
        load_vocabulary(tmp_path)


def test_an_english_word_is_corrected_only_into_a_form_of_itself():
    index = LexicalIndex(
        [("Heart and cramps", "The heart beats; a cramp grabs the calf muscles.")]
    )

    assert same_family("climb", "climbs") and same_family("loosen", "loose")
    assert not same_family("grams", "grabs") and not same_family("heard", "heart")
    # "heard" is an English word: not the corpus's "heart", one letter away
    assert "heard" in analyse("i heard a cramp grabs", index).corrected
    # a typo that is no English word is still fixed
    assert "cramp" in analyse("a crmap in the calf", index).corrected


def test_a_word_beside_an_unknown_name_is_part_of_it_and_left_as_written():
    index = LexicalIndex(
        [("Fibromyalgia", "Fibromyalgia is a rheumatic disease of the soft tissues.")]
    )
    q = analyse("what is polymyalgia rheumatica", index, Vocabulary())

    assert "rheumatica" in q.corrected
    assert "rheumatica" not in analyse("rheumatica", index, Vocabulary()).corrected
