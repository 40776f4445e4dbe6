"""Cited-answer retrieval: `Retriever.load().search(query, k=3)`.

Importing this package loads nothing heavy; the model and index load on the
first `Retriever.load()`.
"""

from bot.retrieval.retriever import Passage, Retriever, SearchResult

__all__ = ["Passage", "Retriever", "SearchResult"]
