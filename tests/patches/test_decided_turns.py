"""TED skips only the actions it cannot change: every conversation of the test
stories goes exactly as without the patch."""

from __future__ import annotations

import pytest

from tests.patches.probe import assert_same_conversations, probe_stories

PROBE = "decided_turns_probe.py"


@pytest.mark.slow
def test_every_story_conversation_goes_as_without_the_patch():
    stock, patched = probe_stories(PROBE, "stock"), probe_stories(PROBE, "patched")
    assert_same_conversations(patched, stock)
    # And it does skip: most actions in these conversations are a rule's.
    assert patched["ted_forward_passes"] < stock["ted_forward_passes"] / 2


def test_rewire_feeds_ted_the_other_policies_and_leaves_the_rest():
    from rasa.core.policies.ensemble import DefaultPolicyPredictionEnsemble
    from rasa.core.policies.rule_policy import RulePolicy
    from rasa.core.policies.ted_policy import TEDPolicy
    from rasa.engine.graph import GraphSchema, SchemaNode
    from rasa.graph_components.providers.domain_provider import DomainProvider

    from bot.patches import decided_turns

    def node(uses, fn, needs):
        return SchemaNode(needs=needs, uses=uses, fn=fn, constructor_name="load",
                          config={})  # fmt: skip

    schema = GraphSchema(
        {
            "rules": node(RulePolicy, "predict_action_probabilities", {"t": "x"}),
            "domain": node(DomainProvider, "provide_inference", {}),
            "ted": node(TEDPolicy, "predict_action_probabilities", {"t": "x"}),
            "pick": node(
                DefaultPolicyPredictionEnsemble,
                "combine_predictions_from_kwargs",
                {"policy0": "rules", "policy1": "ted", "domain": "domain"},
            ),
        }
    )
    rewired = decided_turns.rewire(schema)
    assert rewired.nodes["ted"].needs == {"t": "x", "decided_by_rules": "rules"}
    assert rewired.nodes["rules"] == schema.nodes["rules"]
    assert rewired.nodes["pick"] == schema.nodes["pick"]


def _prediction(confidence, priority, **flags):
    from rasa.core.policies.policy import PolicyPrediction

    return PolicyPrediction([0.0, confidence], "p", priority, **flags)


def _ted(**config):
    from types import SimpleNamespace

    return SimpleNamespace(
        config={"model_confidence": "softmax", **config},
        priority=1,
        fake_features={},
        only_e2e=False,
    )


def _tracker(*events):
    from types import SimpleNamespace

    from rasa.shared.core.events import ActionExecuted

    return SimpleNamespace(events=[ActionExecuted("action_listen"), *events])


@pytest.mark.parametrize(
    ("decided", "skips"),
    [
        ([_prediction(1.0, 6)], True),  # a rule is certain
        ([_prediction(0.3, 6)], False),  # RulePolicy's fallback: TED may win
        ([_prediction(1.0, 0)], False),  # certain, but TED outranks it
        ([_prediction(0.3, 6, is_no_user_prediction=True)], True),
        ([_prediction(0.9, 3), _prediction(1.0, 6)], True),
    ],
)
def test_ted_is_skipped_only_when_it_cannot_change_the_choice(decided, skips):
    from bot.patches.decided_turns import _ted_can_be_outranked

    assert _ted_can_be_outranked(_ted(), _tracker(), decided) is skips


def test_ted_runs_after_a_rejected_action_or_when_it_could_win_otherwise():
    from rasa.shared.core.events import ActionExecutionRejected

    from bot.patches.decided_turns import _ted_can_be_outranked

    certain = [_prediction(1.0, 6)]
    rejected = _tracker(ActionExecutionRejected("action_answer_question"))
    assert not _ted_can_be_outranked(_ted(), rejected, certain)
    assert not _ted_can_be_outranked(
        _ted(model_confidence="linear_norm"), _tracker(), certain
    )
    end_to_end = _ted()
    end_to_end.fake_features = {"text": []}
    assert not _ted_can_be_outranked(end_to_end, _tracker(), certain)
