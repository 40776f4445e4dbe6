"""Typo correction maps near misses of key words, and leaves real words alone."""

import pytest

from bot.safety.lexicon import FUZZY_VOCABULARY, MISSPELLINGS, NOT_TYPOS
from bot.safety.typos import MIN_LENGTH, correct, distance, max_distance


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


def _near_misses(word: str):
    """Every deletion and adjacent transposition of `word`, and two-edit ones."""
    out = set()
    for i in range(len(word)):
        out.add(word[:i] + word[i + 1 :])
        out.add(word[:i] + "x" + word[i + 1 :])
        if i + 1 < len(word):
            swapped = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
            out.add(swapped)
            out.add(swapped[:-1] if i + 2 < len(word) else swapped[1:])
    return out


def _nearest_key_word(token: str) -> str:
    """The rule spelt out by brute force over the whole closed vocabulary."""
    if token in MISSPELLINGS:
        return MISSPELLINGS[token]
    if len(token) < MIN_LENGTH or token in FUZZY_VOCABULARY or token in NOT_TYPOS:
        return token
    if not token.isalpha():
        return token
    fits = [
        (distance(token, word), word)
        for word in FUZZY_VOCABULARY
        if not (len(token) == MIN_LENGTH and len(word) <= MIN_LENGTH)
        and distance(token, word) <= min(max_distance(token), max_distance(word))
    ]
    return min(fits)[1] if fits else token


def test_correction_is_the_nearest_key_word_within_the_allowed_edits():
    # SymSpell's candidate search must miss no key word: the brute-force rule,
    # nearest first and alphabetical on ties, decides every near miss alike.
    tokens = sorted({m for w in FUZZY_VOCABULARY | NOT_TYPOS for m in _near_misses(w)})
    wrong = [(t, correct(t), _nearest_key_word(t)) for t in tokens]
    wrong = [case for case in wrong if case[1] != case[2]]
    assert len(tokens) > 1000 and not wrong
