"""One install() applies every patch, and only on the Rasa it was written for."""

from __future__ import annotations

import functools
import importlib
import re

import pytest

import bot.patches
from bot.rasa_plugins import version
from bot.settings import ROOT

# Every (patch, owner, attribute) whose install() goes through replace_once; an
# owner is a module, or "module:Class".
REPLACED = [
    ("action_faults", "rasa.core.actions.action:RemoteAction", "run"),
    ("data_deletion", "rasa.core.processor:MessageProcessor", "handle_message"),
    ("speedups", "rasa.core.run", "load_agent_on_start"),
    ("speedups", "rasa.shared.core.events:Event", "resolve_by_type"),
    ("model_loading", "rasa.utils.tensorflow.models:RasaModel", "load"),
    ("decided_turns", "rasa.engine.loader", "load_predict_graph_runner"),
    (
        "decided_turns",
        "rasa.core.policies.ted_policy:TEDPolicy",
        "predict_action_probabilities",
    ),
    ("graph_runner", "rasa.engine.runner.dask:DaskGraphRunner", "run"),
    (
        "prediction_states",
        "rasa.shared.core.domain:Domain",
        "states_for_tracker_history",
    ),
    (
        "feature_stacking",
        "rasa.shared.nlu.training_data.features:Features",
        "_combine_sparse_features",
    ),
    ("predict_function", "rasa.utils.tensorflow.models:RasaModel", "_rasa_predict"),
    ("action_payload", "rasa.utils.endpoints:EndpointConfig", "session"),
    ("action_connections", "rasa.core.run", "close_resources"),
]


def _owner(path: str):
    module, _, attribute = path.partition(":")
    found = importlib.import_module(module)
    return getattr(found, attribute) if attribute else found


def _patched_places():
    """Every (owner, attribute) a patch replaces."""
    from rasa.core.actions.action import RemoteAction

    return [(_owner(owner), name) for _, owner, name in REPLACED] + [
        (RemoteAction, "_validate_action_result")
    ]


def _shimmed_modules():
    """Every (module, name, shim class) where a patch stands in for a module."""
    import rasa.utils.endpoints
    from rasa.core.policies import memoization, rule_policy

    from bot.patches.action_connections import SharedPoolAiohttp
    from bot.patches.debug_copies import DebugCopy

    return [
        (memoization, "copy", DebugCopy),
        (rule_policy, "copy", DebugCopy),
        (rasa.utils.endpoints, "aiohttp", SharedPoolAiohttp),
    ]


@pytest.fixture()
def rasa_originals():
    """Rasa's functions before the test, put back after it."""
    from rasa.core.actions.action import RemoteAction

    places = _patched_places() + [(m, name) for m, name, _ in _shimmed_modules()]
    saved = [(owner, name, vars(owner)[name]) for owner, name in places]
    yield (
        RemoteAction.__dict__["run"],
        RemoteAction.__dict__["_validate_action_result"],
    )
    for owner, name, value in saved:
        setattr(owner, name, value)


def test_another_rasa_version_is_refused_with_the_fix_and_nothing_is_patched(
    rasa_originals,
):
    from rasa.core.actions.action import RemoteAction

    with pytest.raises(version.UnsupportedRasaVersion) as refused:
        bot.patches.install(found="3.6.20")
    message = str(refused.value)
    assert "Rasa 3.6.20 is installed" in message
    assert f"rasa=={version.WRITTEN_FOR}" in message  # the fix
    assert "bot/rasa_plugins/version.py" in message  # or where to port them
    assert RemoteAction.__dict__["run"] is rasa_originals[0]


def test_the_written_for_version_installs_every_patch(rasa_originals):
    from rasa.core.actions.action import RemoteAction

    bot.patches.install(found=version.WRITTEN_FOR)
    assert RemoteAction._validate_action_result is not rasa_originals[1]
    for owner, name in _patched_places():
        replaced = vars(owner)[name]
        replaced = getattr(replaced, "__func__", replaced)
        assert hasattr(replaced, "__wrapped__") or name == "_validate_action_result"
    for module, name, shim in _shimmed_modules():
        assert isinstance(vars(module)[name], shim), (module.__name__, name)


@pytest.mark.parametrize(
    ("patch", "owner", "name"),
    REPLACED,
    ids=[f"{patch}:{name}" for patch, _, name in REPLACED],
)
def test_install_wraps_its_place_once(rasa_originals, patch, owner, name):
    owner = _owner(owner)
    found = vars(owner)[name]
    kind = type(found) if isinstance(found, (staticmethod, classmethod)) else None

    def stand_in(*args, **kwargs):
        """Rasa's function, as far as install() can tell."""

    setattr(owner, name, kind(stand_in) if kind else stand_in)
    module = importlib.import_module(f"bot.patches.{patch}")
    module.install()
    installed = vars(owner)[name]
    module.install()
    assert vars(owner)[name] is installed
    assert type(installed) is type(found)  # a staticmethod stays one
    assert getattr(installed, "__func__", installed).__wrapped__ is stand_in


def test_replace_once_applies_each_wrap_once_in_order():
    def outer(original):
        return functools.wraps(original)(lambda *args: ["outer", *original(*args)])

    def inner(original):
        return functools.wraps(original)(lambda *args: ["inner", *original(*args)])

    class Owner:
        @staticmethod
        def work():
            return ["rasa"]

    for wrap in (inner, outer, inner, outer):
        bot.patches.replace_once(Owner, "work", wrap)
    assert Owner.work() == ["outer", "inner", "rasa"]
    assert isinstance(vars(Owner)["work"], staticmethod)


def test_replace_once_refuses_an_inherited_name():
    class Base:
        def work(self):
            pass

    class Owner(Base):
        pass

    with pytest.raises(KeyError):
        bot.patches.replace_once(Owner, "work", lambda original: original)
    assert "work" not in vars(Owner)


def test_the_guard_names_the_rasa_pinned_in_requirements_lock():
    pinned = re.search(r"^rasa==(\S+)$", (ROOT / "requirements.lock").read_text(), re.M)
    assert pinned and pinned.group(1) == version.WRITTEN_FOR
    assert version.installed_rasa() == version.WRITTEN_FOR


def test_the_windowed_tracker_store_refuses_another_rasa(monkeypatch, tmp_path):
    from bot.rasa_plugins.tracker_store import WindowedSQLTrackerStore

    monkeypatch.setattr(version, "installed_rasa", lambda: "3.7.0")
    with pytest.raises(version.UnsupportedRasaVersion, match="WindowedSQLTrackerStore"):
        WindowedSQLTrackerStore(None, dialect="sqlite", db=str(tmp_path / "x.db"))


def test_the_rasa_server_installs_through_the_one_entry_point():
    source = (ROOT / "bot" / "serve" / "rasa_server.py").read_text()
    assert "bot.patches.install()" in source
    assert "action_faults.install" not in source and "speedups.install" not in source
