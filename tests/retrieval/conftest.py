"""One real retriever (model, FAISS index, curation) for the whole session."""

import pytest


@pytest.fixture(scope="session")
def retriever():
    """The configured corpus's retriever, built first if out of date."""
    from bot.retrieval import Retriever

    return Retriever.load()
