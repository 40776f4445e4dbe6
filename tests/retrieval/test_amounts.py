"""Doses and prices asked for count as asked words a passage must state."""

import numpy as np
import pytest

from bot.retrieval.abstention import term_presence, unstated_amount
from bot.retrieval.amounts import DOSE, PRICE, asked_amounts, stated_amounts


@pytest.mark.parametrize(
    "question, kinds",
    [
        ("voltaren gel how many times a day max and how many grams", [DOSE]),
        ("ibuprofen 800 mg three times a day too much??", [DOSE]),
        ("what dose of magnesium helps cramps", [DOSE]),
        ("kalina for spasms, how to prepare it, what proportion?", [DOSE]),
        ("how much is an mri of the lower back if i pay myself", [PRICE]),
        ("how much does a physio session cost", [PRICE]),
        ("a massage gun for 40 bucks, worth it?", [PRICE]),
        ("what causes cramps at night", []),
        ("i'm 45 and it's been 3 weeks, how much is too much stretching", []),
        ("cant afford a chiropractor, what can i do myself", []),
        ("you need to pay attention to your weight?", []),
        # the most one may take, and how often to put a remedy on
        ("whats the max ibuprofen i can take in a day", [DOSE]),
        ("diazepam for back spasm, max how many days is safe", [DOSE]),
        ("how many time in day i can put it on", [DOSE]),
        ("stressed to the max, which herbs calm the muscles", []),
        ("which stretch and how many times a day", []),
        ("how often should i do the wall exercise", []),
    ],
)
def test_the_amount_a_question_asks_for(question, kinds):
    assert asked_amounts(question) == kinds


def test_a_passage_states_an_amount_only_with_a_number_and_a_unit():
    assert stated_amounts("For 1 tbsp. of dried herb, 100 ml of water.") == {DOSE}
    assert stated_amounts("Observe the dosage your doctor gives.") == frozenset()
    assert stated_amounts("A session costs $40.") == {PRICE}


def test_an_amount_counts_only_in_a_quoted_passage_about_the_thing_asked():
    idf = {"voltaren": 4.0, "gel": 3.0, "skullcap": 4.0, DOSE: 5.0}.get
    passages = [
        {"voltaren", "gel"},  # names the drug, gives no dose
        {"skullcap", DOSE},  # a recipe: "1 tbsp" of skullcap
        {"gel"},
    ]
    voltaren = ["voltaren", "gel", DOSE]
    weights, presence = term_presence(voltaren, idf, passages)
    # The recipe's amount is quoted beside the Voltaren passage: not a dose
    # of Voltaren.
    assert unstated_amount(voltaren, weights, presence, [0, 1, 2]) == 1.0

    skullcap = ["skullcap", DOSE]
    weights, presence = term_presence(skullcap, idf, passages)
    assert unstated_amount(skullcap, weights, presence, [1, 0]) == 0.0
    assert unstated_amount(skullcap, weights, presence, [0, 2]) == 1.0

    plain = ["voltaren", "gel"]
    weights, presence = term_presence(plain, idf, passages)
    assert unstated_amount(plain, weights, presence, [0]) == 0.0


def test_a_question_asking_a_dose_carries_it_as_an_asked_term():
    from tests.retrieval.fakes import retriever

    fake = retriever()
    q = fake.analyse("how many mg for a cramp?")

    assert DOSE in q.asked_terms
    # No passage of the fake corpus states a dose: an unknown asked thing.
    assert not fake.knows(DOSE)
    assert q.unknown == fake.analyse("how many for a cramp mg?").unknown + 1
    result = fake.search("how many mg for a cramp?")
    assert "asks an amount no passage states" in result.reason
    assert np.isfinite(result.passages[0].score)
