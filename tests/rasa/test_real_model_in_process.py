"""The trained model inside Rasa's real processor, in this process, with the
action server down: the behaviour this issue adds, without starting servers."""

from __future__ import annotations

import pytest
import pytest_asyncio

from bot.patches import action_faults
from bot.settings import ROOT
from tools.ports import free_port

# One event loop for the module: the agent is loaded once and used by each test.
pytestmark = [pytest.mark.slow, pytest.mark.asyncio(loop_scope="module")]

MODEL = ROOT / "models" / "assistant.tar.gz"


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def agent():
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make model` (make test does it)")
    from rasa.core.actions.action import RemoteAction
    from rasa.core.agent import load_agent
    from rasa.core.utils import AvailableEndpoints
    from rasa.utils.endpoints import EndpointConfig

    original = RemoteAction.run
    action_faults.install()
    # Nothing listens on a just-freed port; the tracker store is in memory.
    dead = EndpointConfig(f"http://127.0.0.1:{free_port()}/webhook")
    yield await load_agent(
        model_path=str(MODEL), endpoints=AvailableEndpoints(action=dead)
    )
    RemoteAction.run = original


async def _user_texts(agent, sender):
    tracker = await agent.tracker_store.retrieve(sender)
    return [e.text for e in tracker.events if e.type_name == "user"]


async def test_conversation_starts_with_the_intro_while_actions_are_down(agent):
    replies = await agent.handle_text("hello", sender_id="down-1")
    texts = " ".join(m.get("text", "") for m in replies)

    assert "not a doctor" in texts  # the intro, from the fallback session start
    assert "Hello" in texts or "Hi there" in texts
    assert await _user_texts(agent, "down-1") == ["hello"]


async def test_a_100_kb_message_is_answered_and_stored_whole(agent):
    """Before the token limit, DIET asked TensorFlow for 12 GB and failed."""
    text = ("my calf cramps at night and the pain spreads up. " * 2100)[:100_000]

    replies = await agent.handle_text(text, sender_id="long-1")

    assert replies and replies[-1].get("text")
    assert await _user_texts(agent, "long-1") == [text]
