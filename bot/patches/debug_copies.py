"""The policies deep-copy their dialogue states for a debug line only when
that line can be printed.

MemoizationPolicy and RulePolicy pass `copy.deepcopy(states)` to a structlog
debug call on every prediction (rasa/core/policies/memoization.py, `predict_
action_probabilities` and `_recall_using_truncation`; rule_policy.py,
`_find_action_from_rules`). Python evaluates the copy before the call, and the
call then drops the line when DEBUG is off: py-spy on the loaded Rasa server put
these copies at about 2.5% of its time, for nothing printed.

The copy is the only use of `copy` in those two modules, so here each module's
`copy` becomes an object whose `deepcopy` is the standard one unless the line
would be dropped, in which case it hands back the value itself (never read).
A line is dropped when Rasa's structlog setup filters by the standard logging
level (`structlog.stdlib.filter_by_level`, installed by
`rasa.utils.log_utils.configure_structlog`) and the module's logger, the one
structlog logs through, is not enabled for DEBUG. With DEBUG on, or with
structlog set up any other way, the copy is made as before and the line prints
the same text. tests/patches/test_debug_copies.py checks both.
"""

from __future__ import annotations

import copy
import logging
from typing import Any

MODULES = ("rasa.core.policies.memoization", "rasa.core.policies.rule_policy")


def debug_dropped(logger_name: str) -> bool:
    """Whether structlog drops a debug line logged from `logger_name`."""
    import structlog

    if logging.getLogger(logger_name).isEnabledFor(logging.DEBUG):
        return False
    processors = structlog.get_config()["processors"]
    return structlog.stdlib.filter_by_level in processors


class DebugCopy:
    """Stands for the `copy` module in a module that deep-copies only to log."""

    def __init__(self, logger_name: str) -> None:
        self.logger_name = logger_name

    def deepcopy(self, value: Any, memo: Any = None) -> Any:
        if debug_dropped(self.logger_name):
            return value
        return copy.deepcopy(value, memo)

    def __getattr__(self, name: str) -> Any:
        return getattr(copy, name)


def install() -> None:
    """Give each module its DebugCopy; idempotent."""
    import importlib

    for name in MODULES:
        module = importlib.import_module(name)
        if not isinstance(module.copy, DebugCopy):
            module.copy = DebugCopy(name)
