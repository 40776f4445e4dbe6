"""The scorer behind every retrieval figure."""

from bot.retrieval.evaluate import gold_rank


def test_a_gold_phrase_ending_in_punctuation_is_found():
    texts = ["Cramps hurt.", "• Badger fat. Used as an ointment (rubbing). Or eaten."]
    assert gold_rank(["Badger fat. Used as an ointment (rubbing)."], texts) == 2


def test_a_gold_phrase_matches_whole_words_only():
    assert gold_rank(["cramp"], ["Cramps at night."]) == 0
    assert gold_rank(["cramp"], ["A cramp at night."]) == 1
