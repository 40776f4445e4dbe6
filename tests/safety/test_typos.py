"""Typo correction maps near misses of key words, and leaves real words alone."""

import pytest

from bot.safety.typos import correct, distance


@pytest.mark.parametrize(
    "typo, word",
    [("breathin", "breathing"), ("swalowing", "swallowing"), ("chocking", "choking"),
     ("shortnes", "shortness"), ("breth", "breath"), ("swolowing", "swallowing"),
     ("breahting", "breathing"), ("tounge", "tongue"), ("sallow", "swallow")],
)  # fmt: skip
def test_typos_of_key_words_are_corrected(typo, word):
    assert correct(typo) == word


@pytest.mark.parametrize(
    "word",
    ["chose", "plate", "breadth", "double", "cooking", "following", "breaking",
     "dropping", "walking", "choice", "bread"],
)  # fmt: skip
def test_ordinary_words_near_key_words_stay_themselves(word):
    assert correct(word) == word


def test_transposition_counts_as_one_edit():
    assert distance("breath", "braeth") == 1
    assert distance("abc", "abc") == 0
