"""The action server loads the retriever before serving, or says why it can't."""

from __future__ import annotations

import gc
import logging

import pytest

from bot.serve import action_server


def test_warm_up_loads_the_retriever_once_and_freezes_it(monkeypatch):
    # The model and index stand in at the edge: loading them for real is the
    # slow test below and the retrieval tests' business.
    from bot.retrieval import Retriever

    opened = []
    monkeypatch.setattr(Retriever, "_cache", {})
    monkeypatch.setattr(
        Retriever, "_open", classmethod(lambda cls, *args: opened.append(args))
    )
    try:
        action_server.warm_up()
        assert len(opened) == 1 and len(Retriever._cache) == 1
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


@pytest.mark.slow
def test_warm_up_loads_the_real_retriever_and_freezes_it(monkeypatch):
    from bot.retrieval import Retriever

    monkeypatch.setattr(Retriever, "_cache", {})
    try:
        action_server.warm_up()
        assert len(Retriever._cache) == 1
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_warm_up_without_an_index_exits_naming_the_fix(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("CORPUS_BUILD_DIR", str(tmp_path / "no-build"))
    with pytest.raises(SystemExit) as exited:
        action_server.warm_up()
    assert exited.value.code == 1
    assert "make index" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv, env, level",
    [
        ([], None, logging.INFO),
        ([], "DEBUG", logging.DEBUG),
        ([], "warning", logging.WARNING),
        ([], "nonsense", logging.INFO),
        (["--quiet"], "DEBUG", logging.WARNING),  # a flag wins
    ],
)
def test_log_level_comes_from_the_flags_then_log_level(monkeypatch, argv, env, level):
    import rasa_sdk.__main__

    seen = {}
    monkeypatch.setattr(action_server, "warm_up", lambda: None)
    monkeypatch.setattr(
        rasa_sdk.__main__, "main_from_args", lambda args: seen.update(vars(args))
    )
    if env is None:
        monkeypatch.delenv("LOG_LEVEL", raising=False)
    else:
        monkeypatch.setenv("LOG_LEVEL", env)
    action_server.main(["--actions", "actions", "--port", "5055", *argv])
    assert seen["loglevel"] == level
    assert seen["actions"] == "actions" and seen["port"] == 5055
