"""What the takeover records after the emergency message, on either server.

`action_red_flag_takeover` (actions/safety.py) applies it on the action server;
when the action server cannot be reached, the Rasa server applies the same
(bot/patches/action_faults.py), so the form still closes and the red-flag reminder
still follows every later turn. The screening question's "yes" needs this most:
it is not a red-flag message, so no slot mapping records it.
"""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Mapping

SIGN_ENTITY = "red_flag_sign"


def takeover_slots(
    entities: Iterable[Mapping[str, Any]], earlier_signs: List[str] | None
) -> Dict[str, Any]:
    """The slots to set: red flag on, the signs (this message's, else the earlier
    ones), and help not arranged yet, since a new sign needs help (again)."""
    signs = [e["value"] for e in entities if e.get("entity") == SIGN_ENTITY]
    return {
        "red_flag": True,
        "red_flag_signs": signs or earlier_signs,
        "help_arranged": False,
    }
