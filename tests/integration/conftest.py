"""One real stack (action server + Rasa server) for the whole test session."""

from __future__ import annotations

import pytest

from tests.integration.servers import Stack, start_stack


@pytest.fixture(scope="session")
def stack(tmp_path_factory) -> Stack:
    running = start_stack(tmp_path_factory.mktemp("stack"))
    yield running
    running.stop()
