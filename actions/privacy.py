"""The privacy action: says honestly that deletion is not available here.

"Delete my data" is carried out by the Rasa server before any action runs
(bot.patches.data_deletion); an action cannot delete, because the server saves
the tracker after it. This action runs only on a Rasa server started without
that patch (plain `rasa run`), and must not pretend the data is gone.
"""

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

NOT_DELETED = (
    "I can't delete conversations on this server. Nothing has been deleted. "
    "Please ask the clinic that runs this service to delete your data."
)


class ActionDeleteMyData(Action):
    """Tells the user nothing was deleted (see the module docstring)."""

    def name(self) -> str:
        return "action_delete_my_data"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        dispatcher.utter_message(text=NOT_DELETED)
        return []
