"""Forces the `red_flag` intent whenever a message shows a warning sign.

Runs after the intent classifiers and the FallbackClassifier, on every message,
so its verdict overrides whatever was learned (including `nlu_fallback`). The
decision is bot.safety.detect's alone: a learned `red_flag` prediction that the
detector does not confirm is taken back, so nothing learned starts a takeover.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_CONFIDENCE,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    EXTRACTOR,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from bot import safety
from bot.domain_names import Intents
from bot.safety.takeover import SIGN_ENTITY

logger = logging.getLogger(__name__)

RED_FLAG_INTENT = Intents.RED_FLAG


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class RedFlagDetector(GraphComponent, IntentClassifier):
    """Sets intent `red_flag` (confidence 1.0) and `red_flag_sign` entities."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        """`fallback_threshold`: below it, a taken-back prediction becomes fallback."""
        return {"fallback_threshold": 0.45}

    def __init__(self, config: Dict[str, Any]) -> None:
        self.component_config = config

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> RedFlagDetector:
        """Builds the component and the detector's spaCy pipeline once."""
        safety.warm_up()
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        """Runs the detector on each message and overrides the intent if it fires."""
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str) or not text.strip():
                continue
            verdict = safety.detect(text)
            if verdict.red_flag:
                self._force_red_flag(message, verdict)
            elif _intent_name(message.get(INTENT)) == RED_FLAG_INTENT:
                self._take_back_learned_red_flag(message)
        return messages

    @staticmethod
    def _force_red_flag(message: Message, verdict: safety.Detection) -> None:
        forced = {INTENT_NAME_KEY: RED_FLAG_INTENT, PREDICTED_CONFIDENCE_KEY: 1.0}
        others = [
            {**entry, PREDICTED_CONFIDENCE_KEY: 0.0}
            for entry in message.get(INTENT_RANKING_KEY) or []
            if _intent_name(entry) != RED_FLAG_INTENT
        ]
        message.set(INTENT, forced, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [forced, *others], add_to_output=True)
        entities = list(message.get(ENTITIES) or [])
        entities += [
            {
                ENTITY_ATTRIBUTE_TYPE: SIGN_ENTITY,
                ENTITY_ATTRIBUTE_VALUE: sign.text,
                ENTITY_ATTRIBUTE_START: sign.start,
                ENTITY_ATTRIBUTE_END: sign.end,
                ENTITY_ATTRIBUTE_CONFIDENCE: 1.0,
                EXTRACTOR: RedFlagDetector.__name__,
            }
            for sign in verdict.spans
        ]
        message.set(ENTITIES, entities, add_to_output=True)
        # The signs are the patient's own words: only their kind and number.
        logger.info("Red flag (%s): %d sign(s)", verdict.category, len(verdict.signs))

    def _take_back_learned_red_flag(self, message: Message) -> None:
        ranking = [
            entry
            for entry in message.get(INTENT_RANKING_KEY) or []
            if _intent_name(entry) != RED_FLAG_INTENT
        ]
        best = ranking[0] if ranking else None
        threshold = self.component_config["fallback_threshold"]
        if best is None or best.get(PREDICTED_CONFIDENCE_KEY, 0.0) < threshold:
            best = {
                INTENT_NAME_KEY: DEFAULT_NLU_FALLBACK_INTENT_NAME,
                PREDICTED_CONFIDENCE_KEY: threshold,
            }
            ranking.insert(0, best)
        message.set(INTENT, dict(best), add_to_output=True)
        message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        # The detector decides; a learned guess it does not share is worth a look.
        logger.info("Learned red_flag not confirmed by the detector; using %s", best)


def _intent_name(intent: Any) -> Any:
    return intent.get(INTENT_NAME_KEY) if isinstance(intent, dict) else None
