"""A hard-coded dialogue policy: intent red_flag is always answered by the takeover.

The rule in data/rules/safety.yml says the same thing, but a rule only matches
the states it was written for. When the action server is down, a new
conversation's failed `action_session_start` leaves a state no rule matches
(no `action_listen` before the user's message), and Rasa fell back to "Sorry, I
didn't understand" instead of the emergency message. This policy looks at
nothing but the last user intent and what the bot did since, and it outranks
every other policy, including an active form: after a red flag the bot sends
`utter_emergency`, runs `action_red_flag_takeover` and listens; from the next
user message on, the other policies decide again.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from bot.domain_names import Actions, Intents, Responses

RED_FLAG_INTENT = Intents.RED_FLAG
# Then listen: nothing may follow the emergency advice in the same turn (with the
# action server down, a core fallback here would even revert the red flag).
TAKEOVER = (Responses.EMERGENCY, Actions.RED_FLAG_TAKEOVER, Actions.LISTEN)
# Above RulePolicy (6), so a tie at confidence 1.0 goes to the takeover.
PRIORITY = 7


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class RedFlagPolicy(Policy):
    """Predicts utter_emergency, then action_red_flag_takeover, after a red flag."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        """Priority above every built-in policy."""
        return {"priority": PRIORITY}

    def train(
        self,
        training_trackers: List[TrackerWithCachedStates],
        domain: Domain,
        **kwargs: Any,
    ) -> Resource:
        """Nothing to learn: the behaviour is fixed."""
        return self._resource

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        """Full confidence in the next takeover step, or no opinion at all."""
        probabilities = self._default_predictions(domain)
        action = next_takeover_action(tracker)
        if action is not None and action in domain.action_names_or_texts:
            probabilities[domain.index_for_action(action)] = 1.0
        return self._prediction(probabilities)


def next_takeover_action(tracker: DialogueStateTracker) -> str | None:
    """The takeover step due now, if the last user message was a red flag."""
    done: List[str] = []
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            if event.intent_name != RED_FLAG_INTENT:
                return None
            break
        if isinstance(event, ActionExecuted) and event.action_name:
            done.insert(0, event.action_name)
    else:
        return None
    steps = len(done)
    if steps < len(TAKEOVER) and tuple(done) == TAKEOVER[:steps]:
        return TAKEOVER[steps]
    return None
