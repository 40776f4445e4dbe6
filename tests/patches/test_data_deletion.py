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

from bot.patches.data_deletion import is_deletion_request, sql_store


def test_an_explicit_request_is_carried_out():
    assert is_deletion_request("please delete my data")
    assert is_deletion_request("/delete_my_data")


def test_a_warning_sign_wins_over_a_deletion_request():
    assert not is_deletion_request("delete my data, I can't breathe")


def test_anything_else_is_not_a_request():
    assert not is_deletion_request("my calf cramps")
    assert not is_deletion_request(None)


def test_the_sql_store_is_found_inside_rasas_wrappers(tmp_path):
    sql = SQLTrackerStore(Domain.empty(), db=str(tmp_path / "t.db"))
    wrapped = AwaitableTrackerStore(FailSafeTrackerStore(sql))
    assert sql_store(wrapped) is sql


def test_another_store_is_refused_naming_the_fix():
    with pytest.raises(RuntimeError, match="tracker_store: type: SQL"):
        sql_store(AwaitableTrackerStore(InMemoryTrackerStore(Domain.empty())))
    with pytest.raises(RuntimeError):
        sql_store(SimpleNamespace())
