"""Text sent with parse_mode=HTML arrives exactly as the bot wrote it."""

import html

from bot.rasa_plugins.channels.telegram_text import to_telegram_html


def _visible(telegram_html: str) -> str:
    """What a Telegram client shows: tags removed, entities decoded."""
    import re

    return html.unescape(re.sub(r"</?(b|i|blockquote)>", "", telegram_html))


def test_html_special_characters_are_escaped():
    text = "Use <b>heat</b> & rest; 5 < 7 > 3 <script>alert(1)</script>"
    out = to_telegram_html(text)
    assert "<script>" not in out and "<b>heat</b>" not in out
    assert "&lt;script&gt;" in out and "&amp;" in out
    assert _visible(out) == text


def test_bold_italic_and_quotes_render_and_nothing_else_changes():
    text = (
        '> "Gently stretch the affected muscle."\n'
        "**Source:** _Muscle cramps_ (NHS), section Treatment"
    )
    out = to_telegram_html(text)
    assert out == (
        '<blockquote>"Gently stretch the affected muscle."</blockquote>\n'
        "<b>Source:</b> <i>Muscle cramps</i> (NHS), section Treatment"
    )


def test_unpaired_markers_and_snake_case_stay_literal():
    text = "2 * 3 ** 4, file_name_here, a lone _ and **"
    assert _visible(to_telegram_html(text)) == text
    assert "<" not in to_telegram_html(text)


def test_emoji_rtl_and_cyrillic_pass_through():
    text = "💪 مرحبا судорога"
    assert to_telegram_html(text) == text
