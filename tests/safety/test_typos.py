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


# A hang here would stall the Rasa server for every user; the timeout turns it
# into a failure instead of a stuck suite.
@pytest.mark.timeout(30)
def test_a_huge_token_is_taken_as_written_without_stalling():
    from bot.safety import detect

    huge = "x" * 100_000
    assert correct(huge) == huge
    assert not detect(f"{huge} my calves ache").red_flag
    assert detect(f"{huge} and it is hard to breathe").red_flag
