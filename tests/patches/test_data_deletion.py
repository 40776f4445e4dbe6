"""What makes the Rasa server delete a conversation, and where it deletes."""

from types import SimpleNamespace

import pytest
from rasa.core.tracker_store import (
    AwaitableTrackerStore,
    FailSafeTrackerStore,
    InMemoryTrackerStore,
    SQLTrackerStore,
)
from rasa.shared.core.domain import Domain

from bot.patches.data_deletion import asks_to_delete, sql_store


def test_the_fixed_pattern_decides_without_the_classifier():
    assert asks_to_delete("please delete my data", None)
    assert asks_to_delete("please delete my data", {"name": "greet", "confidence": 1})


def test_the_intent_alone_must_be_very_confident():
    assert asks_to_delete("", {"name": "delete_my_data", "confidence": 0.97})
    assert not asks_to_delete("", {"name": "delete_my_data", "confidence": 0.8})
    assert not asks_to_delete("my calf cramps", {"name": "describe_symptoms"})


def test_the_sql_store_is_found_inside_rasas_wrappers(tmp_path):
    sql = SQLTrackerStore(Domain.empty(), db=str(tmp_path / "t.db"))
    wrapped = AwaitableTrackerStore(FailSafeTrackerStore(sql))
    assert sql_store(wrapped) is sql


def test_another_store_is_refused_naming_the_fix():
    with pytest.raises(RuntimeError, match="tracker_store: type: SQL"):
        sql_store(AwaitableTrackerStore(InMemoryTrackerStore(Domain.empty())))
    with pytest.raises(RuntimeError):
        sql_store(SimpleNamespace())
