"""A health question over REST gets a cited answer from the real stack."""

import re
import uuid

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def _texts(messages):
    return "\n".join(m.get("text", "") for m in messages)


def test_health_question_gets_quoted_excerpts_with_sources(stack):
    sender = f"rest-{uuid.uuid4().hex[:8]}"
    stack.rest(sender, "hello")

    reply = _texts(stack.rest(sender, "how do I relieve a cramp?", timeout=120))

    assert re.search(r'^1\. "', reply, re.MULTILINE), reply
    assert re.search(r"^Source: .+ passage muscle-tension-[0-9a-f]{8}$", reply, re.M)
    assert "not a diagnosis" in reply


def test_question_the_sources_do_not_cover_is_declined_plainly(stack):
    sender = f"rest-{uuid.uuid4().hex[:8]}"
    stack.rest(sender, "hello")

    reply = _texts(stack.rest(sender, "how do I treat a sunburn?", timeout=120))

    assert "my sources don't cover that" in reply
    assert "Source:" not in reply
