"""With the copies skipped, Memoization and Rule predict as Rasa's policies do;
with DEBUG on they log the same lines, and the copy is skipped only where Rasa's
structlog setup drops the line."""

from __future__ import annotations

import copy
import functools
import logging

import pytest
import structlog
from rasa.core.policies import memoization, rule_policy
from rasa.shared.core.trackers import DialogueStateTracker

from bot.patches import debug_copies
from tests.patches.test_prediction_states import _story_trackers
from tests.rasa_plugins import conversations as talk

MODULES = (memoization, rule_policy)


def _set_level(request, module, level):
    """The module's logger at `level` for one test, through setLevel both ways
    (it also empties logging's cache of isEnabledFor answers)."""
    logger = logging.getLogger(module.__name__)
    request.addfinalizer(functools.partial(logger.setLevel, logger.level))
    logger.setLevel(level)


@pytest.fixture
def rasas_structlog(monkeypatch, request):
    """Sets structlog up as the Rasa server does at a LOG_LEVEL, undone
    afterwards; each module gets a fresh logger, as on a server that has logged
    nothing, and the modules' loggers take that level."""
    from rasa.utils.log_utils import configure_structlog

    saved = structlog.get_config()
    root = logging.getLogger()
    handlers, root_level = list(root.handlers), root.level

    def at(level):
        configure_structlog(level)
        for module in MODULES:
            monkeypatch.setattr(module, "structlogger", structlog.get_logger())
            _set_level(request, module, level)

    yield at
    structlog.configure(**saved)
    root.handlers[:], root.level = handlers, root_level


@pytest.fixture
def policies(tmp_path, rasa_domain):
    """Memoization and Rule trained on the assistant's stories and rules."""
    from rasa.core.policies.memoization import MemoizationPolicy
    from rasa.core.policies.rule_policy import RulePolicy
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource

    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(GraphSchema({}), "test")
    trackers = _story_trackers(rasa_domain)
    trained = []
    for kind in (MemoizationPolicy, RulePolicy):
        policy = kind.create(
            kind.get_default_config(), storage, Resource(kind.__name__), context
        )
        policy.train(trackers, rasa_domain)
        trained.append(policy)
    return trained


def _trackers(domain):
    for seed in range(2):
        events = talk.long_conversation(6, seed=seed)
        for end in range(1, len(events) + 1, 3):
            yield DialogueStateTracker.from_events("s", events[:end], domain.slots)


def _predict(policies, domain, patched, monkeypatch):
    for module in MODULES:
        monkeypatch.setattr(
            module, "copy", debug_copies.DebugCopy(module.__name__) if patched else copy
        )
    found = []
    for tracker in _trackers(domain):
        for policy in policies:
            prediction = policy.predict_action_probabilities(tracker, domain)
            found.append((prediction.probabilities, prediction.events))
    return found


def _debug_lines(caplog):
    names = {module.__name__ for module in MODULES}
    return [r.getMessage() for r in caplog.records if r.name in names]


@pytest.mark.parametrize("level", [logging.INFO, logging.DEBUG])
def test_predictions_and_log_lines_are_rasas(
    rasas_structlog, policies, rasa_domain, caplog, monkeypatch, level
):
    rasas_structlog(level)
    caplog.set_level(level)
    caplog.clear()
    theirs = _predict(policies, rasa_domain, False, monkeypatch)
    their_lines = _debug_lines(caplog)
    caplog.clear()
    ours = _predict(policies, rasa_domain, True, monkeypatch)
    our_lines = _debug_lines(caplog)
    assert ours == theirs
    assert our_lines == their_lines
    if level == logging.DEBUG:
        assert any("memoization.predict.actions" in line for line in our_lines)
        assert any("rule_policy.actions.find" in line for line in our_lines)
    else:
        assert not any("states" in line for line in our_lines)


def test_the_copy_is_skipped_only_when_the_line_is_dropped(rasas_structlog, request):
    rasas_structlog(logging.INFO)
    states = [{"user": {"intent": "greet"}}, {"prev_action": {"action_name": "x"}}]
    copier = debug_copies.DebugCopy(memoization.__name__)
    assert copier.deepcopy(states) is states
    _set_level(request, memoization, logging.DEBUG)
    copied = copier.deepcopy(states)
    assert copied == states and copied is not states
    assert copied[0]["user"] is not states[0]["user"]


def test_without_rasas_structlog_setup_the_copy_is_made(request):
    saved = structlog.get_config()
    try:
        structlog.reset_defaults()  # prints every level, whatever logging says
        _set_level(request, memoization, logging.WARNING)
        states = [{"user": {"intent": "greet"}}]
        copied = debug_copies.DebugCopy(memoization.__name__).deepcopy(states)
        assert copied == states and copied is not states
    finally:
        structlog.configure(**saved)


def test_install_replaces_each_modules_copy_once(monkeypatch):
    for module in MODULES:
        monkeypatch.setattr(module, "copy", copy)
    debug_copies.install()
    installed = [module.copy for module in MODULES]
    assert all(isinstance(found, debug_copies.DebugCopy) for found in installed)
    debug_copies.install()
    assert [module.copy for module in MODULES] == installed
    assert installed[0].copy is copy.copy  # the rest of `copy` is the module's
