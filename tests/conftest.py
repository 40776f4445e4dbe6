"""Fixtures shared by the whole suite: domain, dispatcher and tracker factories."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def rasa_domain():
    """The real domain (domain.yml) as Rasa loads it, read once per session."""
    from rasa.shared.core.domain import Domain

    return Domain.load(str(ROOT / "domain.yml"))


@pytest.fixture(scope="session")
def domain(rasa_domain) -> Dict[str, Any]:
    """The real domain (domain.yml), as actions receive it."""
    return rasa_domain.as_dict()


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


@pytest.fixture
def make_tracker():
    """Builds an SDK tracker from the parts a test cares about."""

    def build(
        text: str = "",
        intent: str = "",
        slots: Dict[str, Any] | None = None,
        entities: List[Dict[str, Any]] | None = None,
        events: List[Dict[str, Any]] | None = None,
        active_loop: Dict[str, Any] | None = None,
        sender_id: str = "test-user",
    ) -> Tracker:
        latest_message = {
            "text": text,
            "intent": {"name": intent, "confidence": 1.0},
            "entities": entities or [],
        }
        return Tracker(
            sender_id=sender_id,
            slots=slots or {},
            latest_message=latest_message,
            events=events or [],
            paused=False,
            followup_action=None,
            active_loop=active_loop or {},
            latest_action_name="action_listen",
        )

    return build


@pytest.fixture(scope="session")
def nlu_agent():
    """The trained model, loaded in-process once, for tests that parse text."""
    from rasa.core.agent import Agent

    model = ROOT / "models" / "assistant.tar.gz"
    if not model.exists():
        pytest.fail(f"{model} is missing: run `make model` (make test does it)")
    return Agent.load(str(model))
