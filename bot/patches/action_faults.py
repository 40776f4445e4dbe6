"""When the action server fails, the user is told so instead of left in silence.

Rasa 3.6 logs a failed custom action and drops its events; the user gets no
reply at all (rasa/core/processor.py, `_run_action`). Rasa offers no hook for
this, so `install()` wraps `RemoteAction.run`, the one place every custom-action
call goes through, in the Rasa server process only (bot.serve.rasa_server). On a
failure the action's reply becomes a polite "temporarily unavailable" message,
stored in the tracker like any bot message, so nothing is lost. A rejected
action (a form's validation refusing a slot) is not a failure and passes through.

Two actions get more than an apology:
- `action_session_start`: Rasa's built-in session start runs instead, with the
  `utter_intro` response, so a new conversation still starts properly.
- `action_red_flag_takeover`: silent, because the emergency message is a domain
  response Rasa has already sent; an apology after it would only distract. Its
  events are made here instead (bot.safety.takeover): the form closes and the
  red-flag slots are set, so the reminder still follows every later turn.
"""

from __future__ import annotations

import functools
import logging
from typing import Any, List

from bot.patches import replace_once

logger = logging.getLogger(__name__)

TEMPORARILY_UNAVAILABLE = (
    "Sorry, I can't do that right now: part of my service is temporarily "
    "unavailable. Please try again in a minute."
)
TAKEOVER = "action_red_flag_takeover"
SESSION_START = "action_session_start"
INTRO_RESPONSE = "utter_intro"


async def replacement_events(
    action_name: str, output_channel: Any, nlg: Any, tracker: Any, domain: Any
) -> List[Any]:
    """The events to store (and bot messages to send) when `action_name` failed."""
    from rasa.core.actions.action import ActionBotResponse, ActionSessionStart
    from rasa.shared.core.events import ActiveLoop, BotUttered, SlotSet

    if action_name == TAKEOVER:
        from bot.safety.takeover import takeover_slots

        slots = takeover_slots(
            tracker.latest_message.entities if tracker.latest_message else [],
            tracker.get_slot("red_flag_signs"),
        )
        closing = [ActiveLoop(None)] if tracker.active_loop_name else []
        return closing + [SlotSet(name, value) for name, value in slots.items()]
    if action_name == SESSION_START:
        intro = await ActionBotResponse(INTRO_RESPONSE, silent_fail=True).run(
            output_channel, nlg, tracker, domain
        )
        started = await ActionSessionStart().run(output_channel, nlg, tracker, domain)
        return intro + started
    text = TEMPORARILY_UNAVAILABLE
    # This message bypasses the domain responses, so it must carry the red-flag
    # reminder itself, as every other bot turn does (bot.rasa_plugins.nlg).
    from bot.rasa_plugins.nlg import REMINDER_RESPONSE, reminder_due

    if reminder_due(tracker):
        line = await nlg.generate(REMINDER_RESPONSE, tracker, output_channel.name())
        if line and line.get("text"):
            text = f"{line['text']}\n\n{text}"
    return [BotUttered(text, metadata={"fault": "action_unavailable"})]


def _polite_on_failure(original):
    from rasa.core.actions.action import ActionExecutionRejection
    from rasa.shared.exceptions import RasaException

    @functools.wraps(original)
    async def run(self, output_channel, nlg, tracker, domain):
        try:
            return await original(self, output_channel, nlg, tracker, domain)
        except ActionExecutionRejection:
            raise
        except RasaException as exc:
            # The exception text names the action and the server, never the
            # user's message, so it is safe to log at ERROR.
            logger.error(
                "Custom action '%s' failed (%s); replying that the service is "
                "temporarily unavailable.",
                self.name(),
                exc,
            )
            return await replacement_events(
                self.name(), output_channel, nlg, tracker, domain
            )

    return run


def install() -> None:
    """Wrap Rasa's RemoteAction.run once; later calls do nothing."""
    from rasa.core.actions.action import RemoteAction

    replace_once(RemoteAction, "run", _polite_on_failure)
