"""The graph runner that replays dask's schedule gives what Rasa's gives: the same
outputs, the nodes called in the same order with the same inputs, the same
errors. tests/patches/test_speed_patches.py runs the trained model both ways."""

from __future__ import annotations

from typing import Any, Dict, List

import pytest
from rasa.engine.graph import ExecutionContext, GraphComponent, GraphSchema, SchemaNode
from rasa.shared.exceptions import RasaException

from bot.patches import graph_runner

CALLS: List[tuple] = []


class Boom(RasaException, RuntimeError):
    """A Rasa error that is a RuntimeError: Rasa's runner wraps those."""


class Node(GraphComponent):
    """Records its call, then adds its inputs to its own number (or fails)."""

    def __init__(self, config: Dict[str, Any], name: str) -> None:
        self.config = config
        self.name = name

    @classmethod
    def create(cls, config, model_storage, resource, execution_context):
        return cls(config, execution_context.node_name)

    def run(self, **inputs: Any) -> Any:
        CALLS.append((self.name, tuple(sorted(inputs.items()))))
        if self.config.get("fails"):
            raise self.config["fails"]("failed on purpose")
        return self.config["number"] + sum(
            v for v in inputs.values() if isinstance(v, int)
        )


def _node(number: int, needs: Dict[str, str], **config: Any) -> SchemaNode:
    return SchemaNode(needs=needs, uses=Node, fn="run", constructor_name="create",
                      config={"number": number, **config}, eager=True)  # fmt: skip


SCHEMA = GraphSchema(
    {
        "a": _node(1, {"x": "__input__"}),
        "b": _node(10, {"x": "a"}),
        "c": _node(100, {"x": "a", "y": "__input__"}),
        "d": _node(1000, {"x": "b", "y": "c"}),
        "e": _node(5, {}),
        "unused": _node(7, {"x": "e"}),
        "fails": _node(0, {"x": "a"}, fails=Boom),
        "breaks": _node(0, {"x": "a"}, fails=ValueError),
    }
)


@pytest.fixture()
def runners(tmp_path):
    """Rasa's runner and the patched one, on the same schema."""
    from rasa.engine.runner.dask import DaskGraphRunner
    from rasa.engine.storage.local_model_storage import LocalModelStorage

    def make():
        return DaskGraphRunner(
            SCHEMA, LocalModelStorage(tmp_path), ExecutionContext(SCHEMA, "m")
        )

    rasa, ours = make(), make()
    rasa.run = _rasas_run().__get__(rasa)
    ours.run = graph_runner._replaying(_rasas_run()).__get__(ours)
    return rasa, ours


def _rasas_run():
    from rasa.engine.runner.dask import DaskGraphRunner

    run = DaskGraphRunner.__dict__["run"]
    return getattr(run, "__wrapped__", run)


def _both(runners, *args, **kwargs):
    results = []
    for runner in runners:
        CALLS.clear()
        results.append((runner.run(*args, **kwargs), list(CALLS)))
    return results


@pytest.mark.parametrize(
    "targets", [["d"], ["d", "e"], ["b", "c"], ["a"], ["__input__"], ["d", "a"]]
)
def test_outputs_and_calls_are_rasas(runners, targets):
    for _ in range(2):  # the second run replays the recorded schedule
        (theirs, their_calls), (ours, our_calls) = _both(
            runners, inputs={"__input__": 3}, targets=targets
        )
        assert ours == theirs
        assert our_calls == their_calls


def test_inputs_are_passed_as_given(runners):
    value = [1, 2]  # dask looks inside lists for keys; the node gets it whole
    (theirs, their_calls), (ours, our_calls) = _both(
        runners, inputs={"__input__": value}, targets=["a"]
    )
    assert our_calls == their_calls
    assert our_calls[0][1] == (("x", value),)


def test_a_failing_node_raises_what_rasas_runner_raises(runners):
    from rasa.engine.exceptions import GraphComponentException, GraphRunError

    for target, error, cause in (
        ("fails", GraphRunError, Boom),
        ("breaks", GraphComponentException, ValueError),
    ):
        for runner in runners:
            with pytest.raises(error) as raised:
                runner.run(inputs={"__input__": 1}, targets=[target])
            assert isinstance(raised.value.__cause__, cause)


def test_unusual_runs_go_to_rasas_runner(runners):
    from rasa.engine.exceptions import GraphRunError

    _, ours = runners
    with pytest.raises(GraphRunError, match="clashes with a node name"):
        ours.run(inputs={"__input__": "a"}, targets=["a"])
    # An input named like a node replaces it, in Rasa's runner.
    (theirs, _), (mine, _) = _both(runners, inputs={"a": 4}, targets=["b"])
    assert mine == theirs == {"b": 14}
