"""Messages the NLU cannot read get a fixed intent instead of a wild guess."""

from __future__ import annotations

import pytest

from bot import language
from bot.rasa_plugins.components.readable_input import (
    NO_WORDS_INTENT,
    NON_ENGLISH_INTENT,
    ReadableInputClassifier,
    forced_intent,
)
from bot.rasa_plugins.components.token_limit import TokenLimit


@pytest.mark.parametrize(
    "text, script",
    [
        ("У меня болит икра по ночам", "CYRILLIC"),
        ("Γεια σας, πονάει ο μυς μου", "GREEK"),
        ("أشعر بألم في عضلة الساق", "ARABIC"),
        ("הרגל שלי כואבת", "HEBREW"),
        ("我的小腿抽筋了", "CJK"),
        ("다리에 쥐가 났어요", "HANGUL"),
        ("मेरी पिंडली में दर्द है", "DEVANAGARI"),
        ("Привет! 😣 calf", "CYRILLIC"),  # mostly Cyrillic, one English word
    ],
)
def test_other_scripts_are_not_english(text, script):
    guess = language.detect(text)

    assert guess.non_english and guess.script == script
    assert forced_intent(text) == NON_ENGLISH_INTENT


@pytest.mark.parametrize(
    "text",
    [
        "my calf cramps at night",
        "Mi pierna duele",  # Latin script: left to the NLU's own fallback
        "my calf 😣 hurts, спасибо",  # mostly Latin
        "\u202ehello\u202c",  # right-to-left override around English
        "\x00\x07hi\x1b[31m there\x7f",
        "ＦＵＬＬＷＩＤＴＨ calf",
        "<script>alert(1)</script>",
    ],
)
def test_english_and_latin_text_keeps_the_classifiers_answer(text):
    assert not language.detect(text).non_english
    assert forced_intent(text) is None


@pytest.mark.parametrize("text", ["", "   \n\t ", "💪😣🦵", "?!...", "\x00\x1b"])
def test_wordless_messages_go_to_the_fallback(text):
    assert not language.detect(text).has_words
    assert forced_intent(text) == NO_WORDS_INTENT


def _message(text):
    from rasa.shared.nlu.training_data.message import Message

    message = Message(data={"text": text})
    message.set("intent", {"name": "goodbye", "confidence": 0.9}, add_to_output=True)
    return message


def test_component_overrides_the_classifier_at_full_confidence():
    russian, english = _message("привет"), _message("bye")

    ReadableInputClassifier().process([russian, english])

    assert russian.get("intent") == {"name": "non_english", "confidence": 1.0}
    assert russian.get("intent_ranking") == [russian.get("intent")]
    assert english.get("intent")["name"] == "goodbye"


def test_token_limit_cuts_only_the_tokens_not_the_text():
    from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer

    text = "calf " * 2000
    message = _message(text)
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    tokenizer.process([message])

    TokenLimit({"max_tokens": 500}).process([message])

    assert len(message.get("text_tokens")) == 500
    assert message.get("text") == text  # the safety detector still reads it all
