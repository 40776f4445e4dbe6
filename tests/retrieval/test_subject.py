"""The thing a question asks about, and a refusal when no source names it."""

import pytest

from bot.retrieval.subject import asked_things, begun_things, unnamed_thing
from bot.retrieval.vocabulary import Vocabulary


@pytest.mark.parametrize(
    "question, things",
    [
        ("do compression socks help my calf cramps at night", ["compression socks"]),
        ("does a tens machine actually work for knots", ["tens machine"]),
        ("is it safe to use a tens machine on my neck?", ["tens machine"]),
        ("what about creatine?", ["creatine"]),
        ("is cbd oil any good for tension", ["cbd oil"]),
        ("is creatine the reason", ["creatine"]),
        ("can the caffeine be why my eyelid twitches", ["caffeine"]),
        (
            "how is restless legs syndrome different from cramps",
            ["restless legs syndrome"],
        ),
        ("should i wear compression socks on a long flight", ["compression socks"]),
        ("what meds are used for restless legs?", ["restless legs"]),
        ("can the cold alone make muscles tense", ["cold"]),
        (
            "can i drink a beer while taking cyclobenzaprine?",
            ["cyclobenzaprine", "beer"],
        ),
        ("is it safe to mix tizanidine with wine", ["tizanidine"]),
        ("is it ok to take baclofen and have a glass of wine", ["baclofen"]),
        ("what is an emg test, does it hurt", ["emg"]),
        ("how do i put kinesio tape on a strained calf", ["kinesio tape"]),
        ("how to put kinesio tape on a calf strain?", ["kinesio tape"]),
        ("what is the difference between the two?", []),
        ("which herbs do you put in the bath water", []),
        # a predicate, a pronoun or a guess is no thing asked about
        ("is that related?", []),
        ("does massage help or is that a myth", ["massage"]),
        ("could it be a disc issue?", []),
        ("can that alone give muscle neurosis?", []),
        ("does it help?", []),
        # a statement is no question: "i do assembly line work"
        ("i do assembly line work and my arms ache", []),
    ],
)
def test_the_thing_a_question_asks_about(question, things):
    assert asked_things(question) == things


def test_a_thing_begun_counts_only_when_the_question_asks_about_it():
    assert begun_things("started creatine 2 weeks ago, can it give me cramps?") == [
        "creatine"
    ]
    assert begun_things("started creatine 2 weeks ago, how do i stretch my calf?") == []
    assert begun_things("been on baclofen a year, is it safe to stop it?") == [
        "baclofen"
    ]
    # a trade is no thing begun
    assert begun_things("im a roofer, what can i do to stop it?") == []


NAMED = {"massag", "cramp", "warm", "heat", "pad", "sock"}


def _unnamed(text, vocabulary=None):
    return unnamed_thing(
        text,
        [text],
        vocabulary or Vocabulary(terms={}),
        correct=lambda w: {"masage": "massage"}.get(w, w),
        named=lambda term: term in NAMED or term.startswith("massag"),
    )


def test_a_thing_no_source_names_is_reported_as_written():
    assert _unnamed("do compression socks help cramps?") == "compression"
    assert _unnamed("does massage help cramps?") == ""


def test_typos_are_fixed_and_lay_words_count_as_named():
    assert _unnamed("does masage help cramps?") == ""
    vocabulary = Vocabulary(terms={"hot water bottle": "warm heating pad"})
    assert _unnamed("does a hot water bottle help cramps?", vocabulary) == ""
    assert _unnamed("does a hot water bottle help cramps?") == "hot"


def test_a_word_that_only_says_what_kind_of_thing_names_nothing():
    assert _unnamed("is it ok to do the massage program at home?") == ""
    assert _unnamed("is it ok to do the massage socks program at home?") == ""
    assert _unnamed("is it ok to do the acupuncture program at home?") == "acupuncture"
    assert _unnamed("does barely massaging help cramps?") == ""
    assert _unnamed("can a muscle get infected? what are the signs?") == ""
