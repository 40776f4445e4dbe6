"""No three-word run of anything a user sent reaches the logs at INFO.

Every kind of turn goes through the real stack: a health question, the intake
form, a red flag, bad input (too long, malformed, empty), Telegram, a deletion
request, and turns while the action server is down; then each whole launcher log
(all processes' output) is searched.
"""

from __future__ import annotations

import random
import re
import uuid

import pytest
import requests

from tests.integration.test_telegram_channel import replies, send_text

pytestmark = [pytest.mark.integration, pytest.mark.slow]

QUESTION = "how do I relieve a cramp in my calf after running"
INTAKE = [
    "I want to describe my symptoms",
    "throbbing cramps",
    "in my left forearm",
    "it started three weeks ago",
]
RED_FLAG = "my throat feels weak and I choke on my food"
TOO_LONG = "my shoulder blade aches when I lift groceries " * 600
MALFORMED = b'{"sender": "x", "message": "my neck is stiff every single morning'
TELEGRAM = "my hamstring twitches whenever I climb stairs"
DELETION = "please delete my data now"
UNAVAILABLE = ["I want to describe my symptoms", "why do my toes curl at night"]


def _runs(text: str) -> set:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i : i + 3]) for i in range(len(words) - 2)}


def _found(log: str, sent: list) -> list:
    """(three-word run, log line) for every run of `sent` found in the log."""
    runs = {run for text in sent for run in _runs(text)}
    found = []
    for line in log.splitlines():
        words = " " + " ".join(re.findall(r"\w+", line.lower())) + " "
        found += [(run, line[:200]) for run in sorted(runs) if f" {run} " in words]
    return found


# The red-flag component's own INFO line listed the matched signs; its owner
# removes it. Only that line may be excused, and only until then.
RED_FLAG_COMPONENT_LINE = "bot.rasa_plugins.components.red_flag"


def _assert_none_leaked(leaked: list, log_path) -> None:
    others = [item for item in leaked if RED_FLAG_COMPONENT_LINE not in item[1]]
    assert others == [], f"user text in {log_path}: {others}"
    if leaked:
        pytest.xfail(
            "only the red-flag component's own log line (red_flag.py) still lists "
            f"the signs: {leaked[:3]}"
        )


def _drive_every_kind_of_turn(stack, telegram_api) -> list:
    sender = f"logs-{uuid.uuid4().hex[:8]}"
    stack.rest(sender, "hello")
    stack.rest(sender, QUESTION, timeout=120)
    for text in INTAKE:
        stack.rest(sender, text)
    stack.rest(f"{sender}-flag", RED_FLAG)
    url = f"{stack.rasa_url}/webhooks/rest/webhook"
    too_long = requests.post(
        url, json={"sender": sender, "message": TOO_LONG}, timeout=60
    )
    assert too_long.status_code == 413
    malformed = requests.post(url, data=MALFORMED, timeout=60)
    assert malformed.status_code == 400
    chat = random.randint(10**8, 10**9)
    mark = telegram_api.mark()
    send_text(stack, chat, TELEGRAM)
    assert replies(telegram_api, chat, mark)
    stack.rest(sender, DELETION)
    return [
        QUESTION,
        *INTAKE,
        RED_FLAG,
        TOO_LONG,
        MALFORMED.decode(),
        TELEGRAM,
        DELETION,
    ]


def test_no_user_text_in_the_stacks_log(stack, telegram_api):
    sent = _drive_every_kind_of_turn(stack, telegram_api)

    leaked = _found(stack.log_path.read_text(errors="replace"), sent)

    _assert_none_leaked(leaked, stack.log_path)


def test_no_user_text_in_the_log_when_the_action_server_is_down(stack_without_actions):
    sender = f"logs-{uuid.uuid4().hex[:8]}"
    for text in UNAVAILABLE:
        stack_without_actions.rest(sender, text)
    stack_without_actions.rest(f"{sender}-flag", RED_FLAG)

    log = stack_without_actions.log_path.read_text(errors="replace")
    assert "failed" in log  # the failure was logged, without the text
    leaked = _found(log, [*UNAVAILABLE, RED_FLAG])

    _assert_none_leaked(leaked, stack_without_actions.log_path)
