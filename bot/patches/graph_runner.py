"""The model's graph is run without rebuilding its schedule for every message.

Rasa 3.6 runs the model (NLU once per message, the policies once per predicted
action) through `DaskGraphRunner.run`, which on every call works out the
targets' dependencies again (a walk over every path of the graph), builds a
dask graph, and lets dask's synchronous scheduler order and run it. The graph
is the same on every call; only the inputs (the message, the tracker) differ.
py-spy on the loaded Rasa server put that bookkeeping at about a tenth of its
time, besides the components' own work.

Here, for each set of targets and input names, dask's own scheduler runs once
on the same graph with stand-in tasks that only record the order they run in;
every later run calls the same nodes, with the same arguments, in that order,
in the calling thread as dask's synchronous scheduler does. An exception a node
raises reaches the caller as from dask (a RuntimeError becomes Rasa's
GraphRunError). Anything unusual (a target that is not in the graph, an input
named like a node or given as text) goes to Rasa's own `run`.

tests/patches/test_graph_runner.py compares outputs, calls and errors with
Rasa's runner on a small graph; tests/patches/test_speed_patches.py plays the
test stories through the trained model with and without it.
"""

from __future__ import annotations

import functools
import logging
from typing import Any, Dict, List, Tuple

from bot.patches import replace_once

# Rasa's own logger for this runner, so its debug line keeps its name.
logger = logging.getLogger("rasa.engine.runner.dask")
SCHEDULES = "_recorded_schedules"


def _schedule(runner: Any, targets: Tuple[str, ...], input_names: Tuple[str, ...]):
    """The nodes to call, in dask's order, each with the names of its inputs;
    None if the graph is not one this runner can replay."""
    import dask

    schema = runner._graph_schema.minimal_graph_schema(list(targets))
    if any(t not in schema.nodes and t not in input_names for t in targets):
        return None
    ran: List[str] = []

    def stand_in(name):
        def record(*_args):
            ran.append(name)
            return (name, None)

        return record

    graph: Dict[str, Any] = {
        name: (stand_in(name), *node.needs.values())
        for name, node in schema.nodes.items()
    }
    for name in input_names:
        graph[name] = (name, None)
    dask.get(graph, list(targets))
    return [
        (runner._instantiated_nodes[name], tuple(schema.nodes[name].needs.values()))
        for name in ran
    ]


def _replaying(original):
    @functools.wraps(original)
    def run(
        self,
        inputs: Dict[str, Any] | None = None,
        targets: List[str] | None = None,
    ) -> Dict[str, Any]:
        from rasa.engine.exceptions import GraphRunError

        run_targets = targets if targets else self._graph_schema.target_names
        inputs = inputs or {}
        key = (tuple(run_targets), tuple(inputs))
        schedules = self.__dict__.setdefault(SCHEDULES, {})
        if key not in schedules:
            clash = any(name in self._graph_schema.nodes for name in inputs)
            schedules[key] = None if clash else _schedule(self, *key)
        schedule = schedules[key]
        if schedule is None or any(isinstance(v, str) for v in inputs.values()):
            # Rasa's run refuses a text input that names a node.
            return original(self, inputs, targets)

        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                f"Running graph with inputs: {inputs}, targets: {targets} "
                f"and {self._execution_context}."
            )
        done: Dict[str, Any] = {name: (name, value) for name, value in inputs.items()}
        try:
            for node, needs in schedule:
                done[node._node_name] = node(*(done.get(n, n) for n in needs))
        except RuntimeError as e:
            raise GraphRunError("Error running runner.") from e
        return dict(done[t] for t in run_targets)

    return run


def install() -> None:
    """Replace DaskGraphRunner.run; later calls do nothing."""
    from rasa.engine.runner.dask import DaskGraphRunner

    replace_once(DaskGraphRunner, "run", _replaying)
