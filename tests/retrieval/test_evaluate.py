"""The scorer behind every retrieval figure."""

from bot.retrieval.evaluate import gold_rank


def test_a_gold_phrase_ending_in_punctuation_is_found():
    texts = ["Cramps hurt.", "• Badger fat. Used as an ointment (rubbing). Or eaten."]
    assert gold_rank(["Badger fat. Used as an ointment (rubbing)."], texts) == 2


def test_a_gold_phrase_matches_whole_words_only():
    assert gold_rank(["cramp"], ["Cramps at night."]) == 0
    assert gold_rank(["cramp"], ["A cramp at night."]) == 1


def test_a_conversation_sets_single_message_is_read_as_a_question(tmp_path):
    from bot.retrieval.evaluate import read_eval_set

    path = tmp_path / "set.jsonl"
    path.write_text(
        '{"turns": ["how do i stop a cramp"], "gold": ["x"], "in_corpus": true}\n'
        '{"query": "what is fibromyalgia", "gold": [], "in_corpus": false}\n'
    )
    rows = read_eval_set(path)

    assert [r["query"] for r in rows] == [
        "how do i stop a cramp",
        "what is fibromyalgia",
    ]


def test_a_two_turn_conversation_is_no_retrieval_question(tmp_path):
    import pytest

    from bot.retrieval.evaluate import read_eval_set

    path = tmp_path / "set.jsonl"
    path.write_text('{"turns": ["a", "b"], "gold": [], "in_corpus": true}\n')
    with pytest.raises(ValueError, match="set.jsonl:1"):
        read_eval_set(path)
