"""Asks for an explicit request before a conversation is deleted.

An explicit "delete my data" is carried out by the Rasa server before any
action runs (bot.patches.data_deletion); an action could not delete, because the
server saves the tracker after it. This action answers wordings the NLU model
reads as a deletion request but the fixed pattern does not recognise: deleting
cannot be undone, so it asks for the explicit words instead of guessing.
"""

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from bot.domain_names import Actions
from bot.privacy.requests import CONFIRM_PROMPT


class ActionDeleteMyData(Action):
    """Asks the user to type "delete my data" if that is what they want."""

    def name(self) -> str:
        return Actions.DELETE_MY_DATA

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        dispatcher.utter_message(text=CONFIRM_PROMPT)
        return []
