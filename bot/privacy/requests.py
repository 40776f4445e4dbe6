"""Which messages ask for the conversation to be deleted.

A fixed pattern, not only the NLU model: a deletion request must never be missed
because a classifier was unsure, and a message about a symptom ("my calf cramps
erase my sleep") must never wipe a conversation. A request names an erasing verb
and what to erase (data, conversation, chat, history, messages, everything...),
in either order ("delete my data", "can you erase this chat", "my data,
delete it", "forget everything I told you").
"""

from __future__ import annotations

import re

_VERB = (
    r"(?:delete|deleting|erase|erasing|remove|removing|wipe|wiping|clear|clearing|"
    r"purge|destroy|forget|get\s+rid\s+of)"
)
_DONE = r"(?:deleted|erased|removed|wiped|cleared|purged|destroyed|forgotten)"
_NOUN = (
    r"(?:data|details|information|info|conversations?|chats?|history|messages?|"
    r"records?|transcripts?)"
)
# A noun needs "my", "this", "all"... in front ("I delete messages at work" is
# not a request; "delete all my messages" is).
_OWNED = rf"(?:my|this|our|the|all|these|those|any|your)\s+(?:\S+\s+){{0,2}}?{_NOUN}"
_WHOLE = (
    r"(?:everything(?:\s+(?:i|we)\s+(?:said|told\s+you|wrote|typed))?|"
    r"what\s+i\s+(?:said|told\s+you|wrote|typed)|(?:all\s+)?about\s+me|me)"
)
_REQUEST = re.compile(
    rf"\b{_VERB}\s+(?:\S+\s+){{0,3}}?(?:{_OWNED}|{_WHOLE})\b"
    rf"|\b(?:my|this|our|the)\s+{_NOUN}\b[\s,.;:!-]+(?:\S+\s+){{0,3}}?(?:{_VERB}|{_DONE})\b",
    re.IGNORECASE,
)
# "how do I remove a knot in my calf" or "clear my head" name no such object;
# questions about the policy are not requests either.
_ABOUT_POLICY = re.compile(
    r"\b(?:how\s+long|do\s+you\s+(?:keep|store|save)|what\s+data|when\s+do\s+you)\b",
    re.IGNORECASE,
)
# The slash command in chat apps (Telegram's /delete_my_data).
_COMMAND = re.compile(r"^\s*/(?:delete_?my_?data|forget_?me|delete)\b", re.IGNORECASE)
MAX_REQUEST_CHARS = 200

CONFIRMATION = (
    "Done: I have deleted this conversation and everything you told me in it. "
    "We are starting afresh; nothing from before is kept."
)
CONFIRM_PROMPT = (
    "Do you want me to delete this conversation and everything you told me in "
    "it? This cannot be undone. If so, type: delete my data"
)


def asks_to_delete(text: str) -> bool:
    """True when `text` asks to delete this conversation (short, explicit)."""
    if not isinstance(text, str) or len(text) > MAX_REQUEST_CHARS:
        return False
    if _COMMAND.match(text):
        return True
    return bool(_REQUEST.search(text)) and not _ABOUT_POLICY.search(text)
