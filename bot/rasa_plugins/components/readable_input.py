"""NLU component: messages the classifiers cannot read get a fixed intent.

- Text mostly in a non-Latin script gets `non_english`; a rule answers that the
  bot reads English only.
- Text with no letters or digits at all (empty, blank, emoji or punctuation
  only) gets `nlu_fallback`, so the bot asks the user to say it another way.
  Left to DIET, such messages were classified as `goodbye` and the bot left.

Placed after the intent classifiers (and the FallbackClassifier) so it has the
final say over them, and before the safety component, which must have the last
word of all.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot import language
from bot.domain_names import Intents

NON_ENGLISH_INTENT = Intents.NON_ENGLISH
NO_WORDS_INTENT = Intents.NLU_FALLBACK


def forced_intent(text: str) -> str | None:
    """The intent to force for `text`, or None to keep the classifiers' answer."""
    guess = language.detect(text)
    if not guess.has_words:
        return NO_WORDS_INTENT
    if guess.non_english:
        return NON_ENGLISH_INTENT
    return None


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class ReadableInputClassifier(GraphComponent):
    """Forces an intent at confidence 1.0 for messages the NLU cannot read."""

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> ReadableInputClassifier:
        """Nothing to load: the check is a pure function of the text."""
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        """Relabel each message that is wordless or in another script."""
        for message in messages:
            intent = forced_intent(message.get(TEXT) or "")
            if intent:
                forced = {"name": intent, "confidence": 1.0}
                message.set(INTENT, forced, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [forced], add_to_output=True)
        return messages
