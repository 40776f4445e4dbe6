""" "Delete my data" erases the conversation, in every channel and every state.

Deleting from a custom action cannot work: the Rasa server saves the tracker
after the actions run, and SQLTrackerStore.save writes back every event it finds
missing, so the conversation would reappear. Rasa 3.6 has no hook between
reading a message and predicting its actions, so `install()` wraps
`MessageProcessor.handle_message`, which the agent runs while it holds the
conversation's lock (also the Redis lock on the scale-out): no other message of
the conversation is handled meanwhile, on any server.

When the message is an explicit request (bot.privacy.requests: a fixed pattern,
checked before NLU, so no classifier doubt can delete or keep a conversation),
the wrapper deletes every stored event of the sender, saves nothing of this
turn, and sends the confirmation from a new, empty conversation, whatever form
was open. Vaguer wordings the model reads as the intent `delete_my_data` go by
rule to action_delete_my_data, which asks for the explicit words. Installed in
the Rasa server process by bot.serve.rasa_server.
"""

from __future__ import annotations

import functools
import logging
from typing import Any

from bot.patches import replace_once

logger = logging.getLogger(__name__)


def is_deletion_request(text: Any) -> bool:
    """An explicit request, and no warning sign in it: an emergency comes first."""
    from bot import safety
    from bot.privacy.requests import asks_to_delete

    return (
        isinstance(text, str)
        and asks_to_delete(text)
        and not safety.detect(text).red_flag
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
    """Delete the sender's conversation, then confirm; nothing new is stored."""
    from bot.privacy.requests import CONFIRMATION
    from bot.privacy.store import delete_conversation

    store = sql_store(processor.tracker_store)
    with store.engine.begin() as connection:
        rows = delete_conversation(connection, message.sender_id)
    logger.info("Deleted a conversation at its user's request (%d events)", rows)
    await message.output_channel.send_response(
        message.sender_id, {"text": CONFIRMATION}
    )


def _forgetting_on_request(original):
    from rasa.core.channels.channel import CollectingOutputChannel

    @functools.wraps(original)
    async def handle_message(self, message):
        if is_deletion_request(message.text):
            await forget(self, message)
            if isinstance(message.output_channel, CollectingOutputChannel):
                return message.output_channel.messages
            return None
        return await original(self, message)

    return handle_message


def install() -> None:
    """Wrap MessageProcessor.handle_message once; later calls do nothing."""
    from rasa.core.processor import MessageProcessor

    replace_once(MessageProcessor, "handle_message", _forgetting_on_request)
