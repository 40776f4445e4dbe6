"""TED is not run for an action that a rule has already decided.

Rasa 3.6 runs every policy for every action it predicts, then the ensemble
(`DefaultPolicyPredictionEnsemble._pick_best_policy`) keeps the most confident
prediction, ties going to the higher priority. A rule's prediction has
confidence 1.0, and RulePolicy (like the red-flag policy) outranks TED, so when
one of them is certain, TED's forward pass cannot change the outcome: TED's
softmax confidences are at most 1.0, and its priority is lower. py-spy on the
loaded Rasa server put TensorFlow at about half of each message's time, most of
it TED, run two or three times per message.

The prediction graph is rewired at load so that TED's node also receives the
predictions of the policies that the ensemble weighs with it; TED then returns
its empty prediction (what it returns untrained) when one of them has decided.
It still runs whenever its prediction could matter:

- no other policy is certain, or only policies below TED's priority are;
- the last action was rejected (the ensemble then zeroes that action in every
  prediction, so a certain rule may no longer be);
- TED was trained end to end (on user text), since the ensemble prefers an
  end-to-end prediction to any other;
- its confidences are not a softmax (they could exceed 1.0).

tests/patches/test_decided_turns.py drives multi-turn conversations through the
trained model with and without it and compares every action and reply.
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Any, List

from bot.patches import replace_once

# TED's extra inputs, one per other policy: `decided_by_<node name>`.
PREFIX = "decided_by_"


def _ted_can_be_outranked(policy, tracker, decided: List[Any]) -> bool:
    from rasa.shared.core.events import ActionExecuted, ActionExecutionRejected
    from rasa.shared.nlu.constants import TEXT
    from rasa.utils.tensorflow.constants import MODEL_CONFIDENCE, SOFTMAX

    if policy.config.get(MODEL_CONFIDENCE) != SOFTMAX:
        return False
    if getattr(policy, "only_e2e", False) or TEXT in getattr(
        policy, "fake_features", {}
    ):
        return False
    last = next(
        (
            e
            for e in reversed(tracker.events)
            if isinstance(e, (ActionExecuted, ActionExecutionRejected))
        ),
        None,
    )
    if isinstance(last, ActionExecutionRejected):
        return False
    if any(p.is_no_user_prediction for p in decided):
        return True  # the ensemble leaves TED out anyway
    return any(
        p.max_confidence >= 1.0
        and p.policy_priority > policy.priority
        and not p.is_end_to_end_prediction
        for p in decided
    )


def _skipping(original):
    @functools.wraps(original)
    def predict_action_probabilities(self, tracker, domain, *args, **kwargs):
        decided = [kwargs.pop(k) for k in [k for k in kwargs if k.startswith(PREFIX)]]
        if decided and _ted_can_be_outranked(self, tracker, decided):
            return self._prediction(self._default_predictions(domain))
        return original(self, tracker, domain, *args, **kwargs)

    return predict_action_probabilities


def rewire(schema):
    """The predict schema with each TED node also fed the predictions the
    ensemble weighs it against."""
    from rasa.core.policies.ensemble import PolicyPredictionEnsemble
    from rasa.core.policies.policy import Policy
    from rasa.core.policies.ted_policy import TEDPolicy
    from rasa.engine.graph import GraphSchema

    nodes = dict(schema.nodes)
    for ensemble in schema.nodes.values():
        if not issubclass(ensemble.uses, PolicyPredictionEnsemble):
            continue
        policies = [
            n
            for n in ensemble.needs.values()
            if n in nodes and issubclass(nodes[n].uses, Policy)
        ]
        for name in policies:
            node = nodes[name]
            if not issubclass(node.uses, TEDPolicy):
                continue
            if node.fn != "predict_action_probabilities":
                continue
            extra = {f"{PREFIX}{other}": other for other in policies if other != name}
            nodes[name] = dataclasses.replace(node, needs={**node.needs, **extra})
    return GraphSchema(nodes)


class _Rewiring:
    """Stands in for the graph runner class: rewires, then creates the runner."""

    def __init__(self, runner_class) -> None:
        self.runner_class = runner_class

    def create(self, graph_schema, model_storage, execution_context):
        return self.runner_class.create(
            rewire(graph_schema), model_storage, execution_context
        )


def _loading_rewired(original):
    @functools.wraps(original)
    def load_predict_graph_runner(
        storage_path, model_archive_path, model_storage_class, graph_runner_class
    ):
        return original(
            storage_path,
            model_archive_path,
            model_storage_class,
            _Rewiring(graph_runner_class),
        )

    return load_predict_graph_runner


def install() -> None:
    """Rewire loaded models and let TED skip decided actions; idempotent."""
    import rasa.engine.loader
    from rasa.core.policies.ted_policy import TEDPolicy

    replace_once(rasa.engine.loader, "load_predict_graph_runner", _loading_rewired)
    replace_once(TEDPolicy, "predict_action_probabilities", _skipping)
