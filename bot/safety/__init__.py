"""Safety: detects respiratory and bulbar warning signs in a message.

`detect(text)` returns a Detection with `red_flag`, `category` ("respiratory",
"bulbar" or None) and `signs` (the phrases that showed it).
"""

from bot.safety.detector import Detection, Sign, detect, warm_up

__all__ = ["Detection", "Sign", "detect", "warm_up"]
