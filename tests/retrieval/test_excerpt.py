"""Sentence choice: what of a passage is quoted, with a stand-in embedder."""

import numpy as np

from bot.retrieval.excerpt import (
    MARGIN,
    Unit,
    UnitVectors,
    choose,
    passage_units,
    quote,
    unit_scores,
)


def _units(*texts):
    return [Unit(t) for t in texts]


def test_abbreviations_do_not_end_a_sentence_and_short_list_items_stay_whole():
    units = passage_units(
        "Herbs\nFolk remedies help:\n"
        "• Herbal baths. A decoction is prepared: St. John's wort, pine needles.\n"
        "• Ginger. Add it to tea: for 1 tbsp. 1 tsp of ginger.",
        section="Herbs",
    )

    assert [u.text for u in units] == [
        "Folk remedies help:",
        "Herbal baths. A decoction is prepared: St. John's wort, pine needles.",
        "Ginger. Add it to tea: for 1 tbsp. 1 tsp of ginger.",
    ]
    assert [u.bullet for u in units] == [False, True, True]


def test_the_sentence_closest_in_meaning_wins_without_shared_words():
    units = _units("Calves swell at the desk.", "Heat is more desirable.", "Dogs bark.")
    closeness = np.array([0.3, 0.8, 0.0])  # the stand-in embedder's cosines
    shares = [1.0, 0.0, 0.0]  # the first one repeats the question's words

    scores = unit_scores(units, closeness, shares)
    chosen = choose(units, scores, budget=30)

    assert chosen == [1]
    assert quote(units, chosen) == "... Heat is more desirable. ..."


def test_near_best_sentences_join_in_passage_order_within_the_budget():
    units = _units("A" * 50, "B" * 50, "C" * 50, "D" * 50)
    scores = np.array([0.5, 0.1, 0.7, 0.7 - MARGIN / 2])

    assert choose(units, scores, budget=160) == [0, 2, 3]
    assert choose(units, scores, budget=110) == [2, 3]
    assert quote(units, [0, 2, 3]) == f"{'A' * 50} ... {'C' * 50} {'D' * 50}"


def test_a_sentence_that_announces_what_follows_brings_it():
    units = _units(
        "Here's an exercise to relax your thighs.",
        "Kneel on your left knee.",
        "Push your pelvis forward.",
        "Thighs ache from sitting.",
    )
    scores = np.array([0.9, 0.1, 0.1, 0.2])

    assert choose(units, scores, budget=95) == [0, 1, 2]


def test_a_short_list_item_brings_what_it_names():
    units = [Unit("Therapeutic baths.", True), Unit("Mechanical ones use water jets.")]

    assert choose(units, np.array([0.9, 0.1]), budget=200) == [0, 1]


def test_a_sentence_that_points_back_brings_the_one_before():
    units = _units(
        "Pain can be reduced by finding its cause.",
        "To do this, you need to visit a therapist.",
        "Cold narrows the vessels.",
    )
    scores = np.array([0.1, 0.9, 0.0])

    # Room for the sentence before, not for the one after as well.
    assert choose(units, scores, budget=90) == [0, 1]


def test_the_sentence_closest_to_the_question_brings_the_answer_after_it():
    units = _units(
        "Office workers' calves swell from sitting.",
        "Stand 50 cm from the wall.",
        "Rise on your toes.",
        "Swelling can also come from the veins.",
    )
    scores = np.array([0.9, 0.2, 0.1, 0.3])

    assert choose(units, scores, budget=200) == [0, 1, 2]
    assert choose(units, scores, budget=75) == [0, 1]


def test_a_list_announced_after_the_closest_sentence_is_quoted_whole():
    units = _units(
        "Gymnastics is prescribed for muscle tone.",
        "Their task is:",
        "immunity;",
        "strengthening the muscles;",
        "calm nerves.",
    )
    scores = np.array([0.9, 0.1, 0.1, 0.1, 0.1])

    assert choose(units, scores, budget=200) == [0, 1, 2, 3, 4]


def test_a_question_in_the_passage_is_never_quoted_as_its_answer():
    units = _units("Which doctor should I contact?", "Visit a therapist.")
    scores = unit_scores(units, np.array([0.9, 0.4]), [1.0, 0.0])

    assert choose(units, scores, budget=200) == [1]


def test_a_sentence_a_caution_is_about_gives_way_to_one_that_says_as_much():
    units = _units("Prick the muscle with a pin.", "Stretch the muscle gently.")
    scores = unit_scores(units, np.array([0.5, 0.45]), [0.5, 0.5], flagged=[1, 0])

    assert int(np.argmax(scores)) == 1


def test_the_cue_of_the_question_favours_the_kind_of_answer_it_asks_for():
    import re

    units = _units("Calves often cramp.", "Do it three times a day.")
    cue = re.compile(r"\b(times|day)\b")

    scores = unit_scores(units, np.array([0.5, 0.45]), [0.0, 0.0], cue)

    assert int(np.argmax(scores)) == 1


def test_unit_vectors_are_embedded_once_per_passage_with_the_queries():
    calls = []

    def embed(texts):
        calls.append(list(texts))
        return np.eye(8, dtype=np.float32)[: len(texts)]

    vectors = UnitVectors(embed)
    units = _units("one.", "two.")
    first_q, [first] = vectors(["q1"], [("p", units)])
    _, [again] = vectors(["q2"], [("p", units)])

    assert calls == [["q1", "one.", "two."], ["q2"]]
    assert first.shape == (2, 8) and np.array_equal(first, again)
    assert first_q.shape == (1, 8)
