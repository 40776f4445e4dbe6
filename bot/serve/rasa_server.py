"""`rasa` itself, with the assistant's fault handling installed first.

`python -m bot.serve.rasa_server run ...` behaves like `rasa run ...` (and `shell`
like `rasa shell`), except that a failing action server gives the user a polite
"temporarily unavailable" reply (bot.patches.action_faults), "delete my data" erases
the conversation (bot.patches.data_deletion), and work Rasa repeats on every message
is done once (bot.patches.speedups). With RASA_PORT_LOCK set it binds the port only
once it holds that lock (bot.serve.standby). The launcher uses it.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Install the fault handling and speed-ups, then hand the command line to Rasa."""
    import bot.patches
    from bot.serve import standby

    bot.patches.install()
    standby.install()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
