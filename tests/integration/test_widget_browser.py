"""The chat page in a real browser at phone width, against the shared stack."""

from __future__ import annotations

import pytest

from tests.integration.browser import (
    ARTIFACTS,
    launch,
    require_chromium,
)

pytestmark = [pytest.mark.integration, pytest.mark.slow]

ANSWER_TIMEOUT_MS = 60_000


@pytest.fixture
def page(stack, tmp_path):
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = launch(playwright, tmp_path / "profile")
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(stack.web_url + "/")
        page.errors = errors
        yield page
        context.close()


def bot_texts(page) -> list:
    return [t.strip() for t in page.locator(".rw-response").all_inner_texts()]


# The page's CSP forbids eval, so waits use locators, not wait_for_function.
def wait_for_bot(page, text: str, nth: int = 0) -> None:
    """Wait until the `nth` bot bubble containing `text` is on the page."""
    bubble = page.locator(".rw-response", has_text=text).nth(nth)
    bubble.wait_for(timeout=ANSWER_TIMEOUT_MS)


def say(page, text: str, expect: str) -> None:
    """Type `text`, send it, and wait for a new bot bubble containing `expect`."""
    seen = page.locator(".rw-response", has_text=expect).count()
    page.fill(".rw-new-message", text)
    page.keyboard.press("Enter")
    wait_for_bot(page, expect, nth=seen)


def test_page_greets_answers_and_keeps_the_conversation_on_reload(page):
    wait_for_bot(page, "not a doctor")

    say(page, "are you a human?", "I'm a bot")
    page.reload()

    page.locator(".rw-client", has_text="are you a human?").wait_for(
        timeout=ANSWER_TIMEOUT_MS
    )
    wait_for_bot(page, "I'm a bot")
    # Still connected to the same conversation after the reload.
    say(page, "thanks!", "welcome")
    assert page.errors == []


def test_markup_in_a_message_is_shown_as_text_never_run(page):
    page.wait_for_selector(".rw-response", timeout=ANSWER_TIMEOUT_MS)
    attack = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>'

    page.fill(".rw-new-message", attack)
    page.keyboard.press("Enter")
    page.locator(".rw-client", has_text="<script>").wait_for(timeout=ANSWER_TIMEOUT_MS)
    page.wait_for_timeout(1000)

    assert page.evaluate("window.pwned") is None


def test_the_page_fits_a_phone_screen(page):
    page.wait_for_selector(".rw-response", timeout=ANSWER_TIMEOUT_MS)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # no sideways scrolling at phone width
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "widget-phone.png"))


def test_intake_question_offers_buttons_and_a_tap_answers_it(page):
    wait_for_bot(page, "not a doctor")
    say(page, "I want to describe my symptoms", "What do you feel?")
    say(page, "cramps", "Where do you feel it?")
    say(page, "my left calf", "When did it start")
    say(page, "since yesterday", "getting better, worse")

    buttons = page.locator(".rw-replies .rw-reply")
    assert buttons.all_inner_texts()[:3] == ["Worse", "Better", "The same"]
    buttons.first.click()

    wait_for_bot(page, "How strong is it")


def test_cited_answer_then_emergency_takeover_survive_a_reload(page):
    page.set_viewport_size({"width": 390, "height": 1100})
    wait_for_bot(page, "not a doctor")

    say(page, "how do I relieve a calf cramp?", "Source:")
    answer = page.locator(".rw-response", has_text="Source:").first.inner_text()
    assert "section" in answer
    # The citation is on its own line under the quote, not run into it.
    assert any(line.startswith("Source:") for line in answer.splitlines())

    say(page, "I can't breathe properly and my legs are weak", "sign of an emergency")
    emergency = page.locator(".rw-response.rw-emergency")
    assert "Call " in emergency.first.inner_text()
    colour = emergency.first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour == "rgb(176, 0, 32)"  # the red of web/chat.css

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "widget-answer-emergency.png"))
    page.reload()
    page.locator(".rw-response.rw-emergency").first.wait_for(timeout=ANSWER_TIMEOUT_MS)
    assert page.locator(".rw-response", has_text="Source:").count() >= 1


def test_emergency_bubble_appears_at_once_after_enter(page):
    """rasa-webchat's typing delay once held the emergency back about 3 s."""
    wait_for_bot(page, "not a doctor")
    # Warm the path (first model call, first action) so the figure is the widget's.
    say(page, "how do I relieve a calf cramp?", "Source:")

    page.fill(".rw-new-message", "I suddenly can't swallow and my arms are weak")
    started = page.evaluate("performance.now()")
    page.keyboard.press("Enter")
    page.locator(".rw-response.rw-emergency").first.wait_for(timeout=ANSWER_TIMEOUT_MS)
    elapsed = page.evaluate("performance.now()") - started

    assert elapsed <= 1500, f"emergency shown {elapsed:.0f} ms after Enter"
