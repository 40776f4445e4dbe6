"""NLU component: the classifiers read at most the first MAX_TOKENS words.

DIET's attention needs memory that grows with the square of a message's length:
a 100 KB message asked TensorFlow for 12 GB and the message was lost with an
error. Placed right after the tokenizer, this keeps the featurizers and DIET to
a bounded prefix. The tracker still stores the whole text, and the safety
component reads the whole text, not these tokens.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

# Far longer than any patient message in the corpus; bounded memory (≈10 MB).
MAX_TOKENS = 500


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False
)
class TokenLimit(GraphComponent):
    """Cuts each message's token list to `max_tokens` (config, default 500)."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        """The prefix length the classifiers see."""
        return {"max_tokens": MAX_TOKENS}

    def __init__(self, config: Dict[str, Any]) -> None:
        self.max_tokens = int(config["max_tokens"])

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> TokenLimit:
        """Nothing to load."""
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        """Cut the text tokens of messages at prediction time."""
        for message in messages:
            tokens = message.get(TOKENS_NAMES[TEXT])
            if tokens and len(tokens) > self.max_tokens:
                message.set(TOKENS_NAMES[TEXT], tokens[: self.max_tokens])
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Apply the same cut in training, so both see the same features."""
        self.process(training_data.training_examples)
        return training_data
