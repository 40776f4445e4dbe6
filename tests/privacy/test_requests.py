"""Deletion requests are recognised in their usual forms; symptoms never are."""

import pytest

from bot.privacy.requests import asks_to_delete


@pytest.mark.parametrize(
    "text",
    [
        "delete my data",
        "Delete my data please",
        "please erase this conversation",
        "can you delete all of my data?",
        "forget everything I told you",
        "remove my messages",
        "wipe my chat history",
        "my data, delete it",
        "I want my data deleted",
        "I want you to delete everything",
        "/delete_my_data",
        "clear my history",
        "forget me",
        "Please forget about me",
        "DELETE MY DATA!",
    ],
)
def test_a_deletion_request_is_recognised(text):
    assert asks_to_delete(text)


@pytest.mark.parametrize(
    "text",
    [
        "how do I remove a knot in my calf",
        "my calf cramps at night",
        "how long do you keep my data?",
        "what data do you store",
        "clear my head",
        "I delete messages at work and my thumb hurts",
        "it hurts when I remove the lid",
        "forget it",
        "the pain comes and goes, I forget when",
        "",
        "delete my data " + "and more " * 40,  # a long narrative is not a request
    ],
)
def test_health_talk_and_policy_questions_are_not_requests(text):
    assert not asks_to_delete(text)
