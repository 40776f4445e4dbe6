"""The context layer: signs that are not a current first-person report."""

import json

import pytest

from bot.safety import context, detect


@pytest.mark.parametrize(
    "text",
    [
        "last winter i couldnt breathe properly for weeks but its all cleared up now",
        "Two years ago I couldn't close my eye, it recovered completely",
        "my friend choked on a bit of steak last night, shes ok now",
        "my grandma drools a bit, is there a mouth exercise? asking for her",
        "my physio told me to breathe deeply when I stretch",
        "my boss is breathing down my neck and my shoulders are rock hard",
        "that bill was a hard pill to swallow, does massage help knots?",
        "bit my tongue last night during a cramp, its sore but fine",
        "lip still numb from the dentist, my jaw aches",
        "got a mouth ulcer on my tongue that stings, also my back is tense",
        "sore throat from a cold, stings a bit when i swallow",
        "what should i do if i ever get short of breath with cramps?",
        "can tight neck muscles make it harder to swallow?",
        "got totally tongue tied in my presentation, now my neck is stiff",
    ],
)
def test_signs_out_of_current_first_person_context_do_not_flag(text):
    assert not detect(text).red_flag, detect(text).signs


@pytest.mark.parametrize(
    "text",
    [
        "My mother can't breathe properly",
        "his lips went purple",
        "my husband says I'm slurring my words",
        "it went away last week but now I can't swallow again",
        "the dentist was last week and now I can't swallow",
        "what if this is serious? I can't breathe",
        "I bit my tongue and now I cannot swallow",
        "I never had problems swallowing before, but now I do",
        "a burning feeling on my tongue went away but the weakness is spreading",
    ],
)
def test_current_or_strong_signs_still_flag_despite_context_words(text):
    assert detect(text).red_flag


def test_every_context_rule_is_well_formed_data():
    raw = json.loads(context.RULES_PATH.read_text())["rules"]
    rules = context.load_rules()

    assert len(rules) == len(raw)
    assert {r.category for r in rules} >= {
        "NEGATED", "RESOLVED", "HYPOTHETICAL", "OTHER_PERSON", "INSTRUCTION", "IDIOM"
    }  # fmt: skip


def test_a_malformed_rule_names_its_number():
    with pytest.raises(context.ContextRuleError, match="rule 3"):
        context._rule(3, {"literal": "x", "category": "MAYBE"})
