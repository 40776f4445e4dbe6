"""The detector's behaviour: signs, typos, case, negation, non-symptom mentions."""

import pytest

from bot.safety import detect


@pytest.mark.parametrize(
    "text, category",
    [
        ("I have difficulty breathing", "respiratory"),
        ("I can't get enough air", "respiratory"),
        ("I have to sit up to breathe", "respiratory"),
        ("my cough is too weak to clear my throat", "respiratory"),
        ("I'm gasping for air", "respiratory"),
        ("my lips are blue", "respiratory"),
        ("I can only count to five on one breath", "respiratory"),
        ("I have trouble swallowing", "bulbar"),
        ("I choke on my saliva", "bulbar"),
        ("water comes out of my nose when I drink", "bulbar"),
        ("my speech is slurred", "bulbar"),
        ("my face is drooping", "bulbar"),
        ("my tongue feels weak", "bulbar"),
        ("my jaw is weak", "bulbar"),
        ("I keep drooling", "bulbar"),
    ],
)
def test_each_listed_sign_is_flagged_with_its_category(text, category):
    verdict = detect(text)

    assert verdict.red_flag
    assert verdict.category == category
    assert verdict.signs


@pytest.mark.parametrize(
    "text",
    ["breathin is hard", "trouble swalowing", "I keep chocking", "shortnes of breath",
     "my tounge is numb", "slured speech", "I can barley breathe"],
)  # fmt: skip
def test_typos_in_key_words_are_still_flagged(text):
    assert detect(text).red_flag


@pytest.mark.parametrize(
    "text", ["CAN'T BREATHE", "I Can\u2019t Swallow", "cant breath"]
)
def test_case_and_apostrophe_variants_are_flagged(text):
    assert detect(text).red_flag


@pytest.mark.parametrize(
    "text",
    [
        "no trouble breathing",
        "I can swallow fine",
        "breathing is fine",
        "my voice is fine, just my arms ache",
        "I don't have any difficulty speaking",
        "I'm not short of breath",
        "there's nothing wrong with my breathing",
    ],
)
def test_negated_signs_do_not_trigger(text):
    assert not detect(text).red_flag


@pytest.mark.parametrize(
    "text",
    [
        "a breathing exercise for stress",
        "take a deep breath",
        "I swallowed a pill",
        "I had a long-winded chat with my physio",
        "I got water in my nose while swimming",
    ],
)
def test_mentions_that_are_not_symptoms_do_not_trigger(text):
    assert not detect(text).red_flag


@pytest.mark.parametrize(
    "text",
    [
        "I'm not sure why, but I'm short of breath",
        "I don't know what is happening and I can barely swallow",
        "I can no longer swallow properly",
        "I never had trouble swallowing before, but now I do",
        "no pain, but I can't breathe",
        "I can breathe, but it's hard",
    ],
)
def test_negation_does_not_reach_past_its_clause_or_inability(text):
    assert detect(text).red_flag


def test_a_tight_throat_with_eating_and_talking_said_to_be_fine_is_tension():
    # The globus of nerves: the writer has checked what a bulbar sign would
    # stop; a throat that is closing stays a sign whatever else is fine.
    assert not detect(
        "whenever im nervous my neck and throat muscles go tight, like a lump "
        "sits there, but i can eat and talk fine. is that a nerves thing?"
    ).red_flag
    assert detect("my throat is tight like its closing, i can eat fine though").red_flag


def test_sign_buried_in_a_long_narrative_is_found():
    text = (
        "For months my calves cramped at night and my shoulders were tense. "
        "I tried massage, stretching and magnesium, and my GP said it was stress. "
        "Last week my thighs felt weak on the stairs. Since yesterday, when I eat, "
        "food goes down the wrong way and I cough. My neck is stiff too."
    )
    verdict = detect(text)

    assert verdict.red_flag and verdict.category == "bulbar"


def test_signs_quote_the_message_as_written():
    verdict = detect("Since Monday I have TROUBLE Breathing at night")

    assert verdict.signs == ["TROUBLE Breathing"]
    (span,) = verdict.spans
    assert span.category == "respiratory"
    assert "Since Monday I have TROUBLE Breathing at night"[span.start : span.end] == (
        "TROUBLE Breathing"
    )


def test_a_sign_with_a_gap_quotes_its_own_words_not_the_gap():
    verdict = detect("I talk like a cartoon duck, all honky and through my nose today")

    assert verdict.signs == ["talk ... through my nose"]


def test_respiratory_wins_the_category_when_both_kinds_appear():
    verdict = detect("I choke on water and I can't breathe")

    assert verdict.category == "respiratory"
    assert len(verdict.signs) == 2


def test_empty_message_is_no_red_flag():
    verdict = detect("   ")

    assert (verdict.red_flag, verdict.category, verdict.signs) == (False, None, [])


def test_non_string_input_is_refused_clearly():
    with pytest.raises(TypeError, match="needs a str"):
        detect(None)


def test_same_text_gives_the_same_verdict():
    text = "my tongue feels heavy and I slur my words"
    assert detect(text) == detect(text)
