"""Splitting long answers and fitting button data to Telegram's limits."""

import pytest

from bot.rasa_plugins.channels.limits import (
    TELEGRAM_MAX_CALLBACK_BYTES,
    TELEGRAM_MAX_TEXT,
    fit_callback_data,
    split_text,
)


def _words(text):
    return text.split()


def test_short_text_is_one_part():
    assert split_text("How do I relieve a cramp?") == ["How do I relieve a cramp?"]


def test_long_answer_splits_at_paragraphs_within_the_limit_and_loses_nothing():
    paragraphs = [
        f"Paragraph {i}. " + "stretch the calf gently " * 40 for i in range(12)
    ]
    text = "\n\n".join(paragraphs)
    assert len(text) > TELEGRAM_MAX_TEXT

    parts = split_text(text)

    assert len(parts) > 1
    assert all(len(part) <= TELEGRAM_MAX_TEXT for part in parts)
    assert all(part.startswith("Paragraph") for part in parts)  # cut at a paragraph
    assert _words(" ".join(parts)) == _words(text)


def test_one_long_paragraph_splits_at_lines_then_spaces():
    lines = "\n".join(f"line {i} " + "x" * 50 for i in range(200))
    parts = split_text(lines, limit=1000)
    assert all(len(p) <= 1000 for p in parts)
    assert all(p.startswith("line") for p in parts)
    assert _words(" ".join(parts)) == _words(lines)

    words = " ".join(["word"] * 600)
    parts = split_text(words, limit=500)
    assert all(len(p) <= 500 and not p.startswith(" ") for p in parts)
    assert _words(" ".join(parts)) == _words(words)


def test_a_word_longer_than_the_limit_is_cut_without_losing_characters():
    text = "a" * 10_000
    parts = split_text(text)
    assert [len(p) for p in parts] == [4096, 4096, 1808]
    assert "".join(parts) == text


def test_limit_must_be_positive():
    with pytest.raises(ValueError, match="limit"):
        split_text("x", limit=0)


def test_short_payload_is_kept_as_callback_data():
    assert fit_callback_data("/affirm") == "/affirm"


def test_long_or_multibyte_payload_is_replaced_by_a_stable_key_within_64_bytes():
    long_payload = (
        '/describe_symptoms{"body_part": "left calf", "symptom_kind": "cramp"}'
    )
    cyrillic = "/inform{" + '"x": "' + "ж" * 30 + '"}'  # 30 chars but > 64 bytes

    for payload in (long_payload, cyrillic):
        key = fit_callback_data(payload)
        assert len(key.encode("utf-8")) <= TELEGRAM_MAX_CALLBACK_BYTES
        assert key == fit_callback_data(payload)  # the same button, the same key
    assert fit_callback_data(long_payload) != fit_callback_data(cyrillic)
