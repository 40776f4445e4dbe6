"""`python -m bot.privacy purge`: delete conversations idle for RETENTION_DAYS.

`make purge` runs it; the launcher runs the same purge once a day.
"""

from __future__ import annotations

import argparse
import sys
from typing import List

from bot import settings as settings_module
from bot.privacy import retention


def main(argv: List[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.privacy")
    parser.add_argument("command", choices=["purge"])
    parser.parse_args(argv)
    settings = settings_module.load()
    try:
        count = retention.purge(settings)
    except Exception as error:  # noqa: BLE001 - name the fix, not a traceback
        print(f"purge: failed: {retention.describe(error)}", file=sys.stderr)
        return 1
    print(
        f"purge: deleted {count} conversation(s) with nothing newer than "
        f"{settings.retention_days} day(s) (RETENTION_DAYS)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
