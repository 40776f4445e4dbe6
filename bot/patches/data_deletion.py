""" "Delete my data" erases the conversation, in every channel and every state.

Deleting from a custom action cannot work: the Rasa server saves the tracker
after the actions run, and SQLTrackerStore.save writes back every event it finds
missing, so the conversation would reappear. Rasa 3.6 has no hook between
reading a message and predicting its actions, so `install()` wraps
`MessageProcessor.handle_message`, which the agent runs while it holds the
conversation's lock (also the Redis lock on the scale-out): no other message of
the conversation is handled meanwhile, on any server.

When the message asks for deletion (bot.privacy.requests, or the NLU intent
`delete_my_data` with high confidence), the wrapper deletes every stored event of
the sender, saves nothing of this turn, and sends the confirmation
(`utter_data_deleted`) from a new, empty conversation, whatever form was open.
Installed in the Rasa server process by bot.serve.rasa_server.
"""

from __future__ import annotations

import functools
import logging
from typing import Any

logger = logging.getLogger(__name__)

INTENT = "delete_my_data"
CONFIRMATION = "utter_data_deleted"
# Deletion cannot be undone: the classifier alone must be very sure.
MIN_INTENT_CONFIDENCE = 0.95


def asks_to_delete(text: Any, intent: dict | None) -> bool:
    """The fixed pattern, or the NLU intent with high confidence."""
    from bot.privacy.requests import asks_to_delete as pattern_matches

    if isinstance(text, str) and pattern_matches(text):
        return True
    intent = intent or {}
    return (
        intent.get("name") == INTENT
        and (intent.get("confidence") or 0) >= MIN_INTENT_CONFIDENCE
    )


def sql_store(store: Any) -> Any:
    """The SQLTrackerStore inside Rasa's wrappers (awaitable, fail-safe)."""
    from rasa.core.tracker_store import SQLTrackerStore

    seen = 0
    while not isinstance(store, SQLTrackerStore) and seen < 5:
        store = getattr(store, "_tracker_store", None)
        seen += 1
    if not isinstance(store, SQLTrackerStore):
        raise RuntimeError(
            "deleting a conversation needs the SQL tracker store (endpoints.yml, "
            "tracker_store: type: SQL)"
        )
    return store


async def forget(processor: Any, message: Any) -> None:
    """Delete the sender's conversation, then confirm in a new, empty one."""
    from rasa.core.actions.action import ActionBotResponse
    from rasa.shared.core.events import BotUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.privacy.store import delete_conversation

    store = sql_store(processor.tracker_store)
    with store.engine.begin() as connection:
        rows = delete_conversation(connection, message.sender_id)
    logger.info("Deleted a conversation at its user's request (%d events)", rows)
    domain = processor.domain
    fresh = DialogueStateTracker(message.sender_id, domain.slots)
    events = await ActionBotResponse(CONFIRMATION).run(
        message.output_channel, processor.nlg, fresh, domain
    )
    for event in events:
        if isinstance(event, BotUttered):
            await message.output_channel.send_response(
                message.sender_id, event.message()
            )


async def forget_and_reply(processor: Any, message: Any) -> Any:
    """Forget, then answer as handle_message would (REST collects the messages)."""
    from rasa.core.channels.channel import CollectingOutputChannel

    await forget(processor, message)
    if isinstance(message.output_channel, CollectingOutputChannel):
        return message.output_channel.messages
    return None


def install() -> None:
    """Wrap MessageProcessor.handle_message once; later calls do nothing."""
    from rasa.core.channels.channel import CollectingOutputChannel
    from rasa.core.processor import MessageProcessor
    from rasa.shared.data import TrainingType

    original = MessageProcessor.handle_message
    if getattr(original, "_forgets_on_request", False):
        return

    @functools.wraps(original)
    async def handle_message(self, message):
        text = message.text if isinstance(message.text, str) else ""
        if self.model_metadata.training_type == TrainingType.NLU:
            return await original(self, message)
        if asks_to_delete(text, None):
            return await forget_and_reply(self, message)
        # The rest is Rasa 3.6's handle_message, with one check after NLU (the
        # message is parsed once, with its tracker, as Rasa does).
        tracker = await self.log_message(message, should_save_tracker=False)
        latest = tracker.latest_message
        if latest is not None and asks_to_delete("", latest.intent):
            return await forget_and_reply(self, message)
        tracker = await self.run_action_extract_slots(message.output_channel, tracker)
        await self._run_prediction_loop(message.output_channel, tracker)
        await self.run_anonymization_pipeline(tracker)
        await self.save_tracker(tracker)
        if isinstance(message.output_channel, CollectingOutputChannel):
            return message.output_channel.messages
        return None

    handle_message._forgets_on_request = True
    MessageProcessor.handle_message = handle_message
