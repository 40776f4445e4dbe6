"""The report from conversations held with the real stack, checked against what
was sent and what the bot replied; then opened in Chromium."""

from __future__ import annotations

import re
import stat
import time
from unittest import mock

import pytest

from bot.report.build import build_report, tally_store
from tests.integration import servers
from tests.integration.browser import ARTIFACTS, launch, require_chromium
from tests.report.test_tally import fake_encoder

pytestmark = [pytest.mark.integration, pytest.mark.slow]

ANSWERED = "how do I relieve a cramp?"
UNANSWERED = [
    "how do I treat a sunburn?",
    "what helps with sunburn",
    "toothache remedy",
]
INTAKE = [
    "I want to describe my symptoms",
    "cramps",
    "my left calf",
    "two months ago",
    '/describe_symptoms{"course":"worse"}',
    "7/10",
    "mostly at night",
    "/deny",
]


def texts(replies) -> str:
    return "\n".join(m.get("text", "") for m in replies)


def buttons(replies):
    return [b["payload"] for m in replies for b in m.get("buttons", [])]


@pytest.fixture(scope="module")
def held(tmp_path_factory):
    """A stack of its own (its own tracker store), the conversations held, and
    the counts read off the bot's replies."""
    workdir = tmp_path_factory.mktemp("report-stack")
    # A stack of its own starts while the session's may be busy: on two shared
    # cores the model load alone has taken over five minutes.
    with mock.patch.object(servers, "READY_TIMEOUT", 900):
        stack = servers.start_stack(workdir, name="report")
    seen = {"answered": 0, "unanswered": 0, "offers": 0, "emergencies": 0, "sent": 0}
    try:

        def say(sender, text):
            replies = stack.rest(sender, text)
            seen["sent"] += 1
            body = texts(replies)
            seen["answered"] += body.count("Source:") and "Here is what" in body
            seen["unanswered"] += "my sources don't cover that" in body
            seen["offers"] += "/answer_helped" in buttons(replies)
            seen["emergencies"] += "sign of an emergency" in body
            return replies

        for n, vote in enumerate(["/answer_helped", "/answer_not_helped", "yes"]):
            say(f"answer-{n}", "hi")
            assert "/answer_helped" in buttons(say(f"answer-{n}", ANSWERED))
            say(f"answer-{n}", vote)
        # Not in the way: another question straight after the offer is answered.
        say("answer-2", UNANSWERED[0])
        for n, question in enumerate(UNANSWERED[1:]):
            say(f"unanswered-{n}", question)
        say("takeover-0", "I can't breathe properly")
        say("takeover-0", "sorry, that's not an emergency, I was just asking")
        say("takeover-1", "it's really hard to swallow since this morning")
        say("takeover-2", "I can't breathe")
        say("takeover-2", "the ambulance is coming")
        summary = ""
        for text in INTAKE:
            summary = texts(say("intake-0", text))
        say("intake-1", INTAKE[0])
        say("intake-1", "stop")
        say("fallback-0", "?? !!")
        time.sleep(1)  # the tracker store is written after the reply is sent
        url = f"sqlite:///{workdir / 'report-tracker.db'}"
        yield {"url": url, "seen": seen, "summary": summary, "workdir": workdir}
    finally:
        stack.stop()


def test_figures_match_the_conversations_held(held):
    tally = tally_store(held["url"], 0)
    seen = held["seen"]
    assert tally.conversations == 11
    assert tally.by_channel == {"rest": 11}
    assert tally.answered == seen["answered"] == 3
    # Whether each uncovered question abstains is retrieval's business: the
    # report must count what the bot said.
    assert tally.unanswered == seen["unanswered"] >= 2
    assert seen["offers"] == 3
    assert (tally.feedback_helped, tally.feedback_not_helped) == (2, 1)
    assert sum(p.votes for p in tally.passages.values()) >= 3
    assert tally.takeovers == seen["emergencies"] == 3
    assert tally.takeover_replies["said it is not an emergency"] == 1
    assert tally.takeover_replies["no reply"] == 1
    assert tally.review_total == 2
    assert {t.text for t in tally.review} == {
        "I can't breathe properly",
        "it's really hard to swallow since this morning",
    }
    assert sum(tally.takeover_kinds[k] for k in ("breathing", "swallowing")) >= 3
    assert "Here is a summary" in held["summary"]
    assert tally.stages["accepted"] == 2
    assert tally.stages["summary delivered"] == 1
    assert sum(tally.messages_by_day.values()) == seen["sent"]
    assert sum(tally.fallbacks_by_day.values()) >= 1  # the wordless message


def test_report_opens_in_chromium_without_console_errors(held):
    require_chromium()
    from playwright.sync_api import sync_playwright

    out = held["workdir"] / "report.html"
    build_report(held["url"], 0, time.time(), out, encode=fake_encoder)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    problems = []
    with sync_playwright() as playwright:
        browser = launch(
            playwright, ARTIFACTS / "report-profile", {"width": 1100, "height": 900}
        )
        page = browser.new_page()
        page.on(
            "console",
            lambda m: m.type in ("error", "warning") and problems.append(m.text),
        )
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on(
            "request", lambda r: r.url.startswith("file:") or problems.append(r.url)
        )
        page.goto(out.as_uri())
        headings = page.locator("h2").all_inner_texts()
        charts = page.locator("svg").count()
        unanswered = page.locator("text=sunburn").count()
        browser.close()
    assert problems == []
    assert headings[:2] == ["Conversations", "Questions"]
    assert any(re.match("Emergency takeovers", h) for h in headings)
    assert charts >= 6
    assert unanswered >= 1
