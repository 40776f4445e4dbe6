"""Takes docs/report.png: the review report on generated conversations (never
real patients' words), photographed by headless Chromium.

    python -m tools.report_screenshot [--out docs/report.png]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bot.settings import ROOT

CHROMIUM = "/usr/bin/chromium"
WIDTH, HEIGHT = 1100, 1700


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.report_screenshot")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "report.png")
    parser.add_argument("-n", type=int, default=2000, help="conversations to generate")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    from bot.report.build import build_report
    from tools.seed_tracker import seed

    with tempfile.TemporaryDirectory(prefix="report-shot-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'tracker.db'}"
        seed(url, args.n, days=7, seed_value=1)
        html = Path(tmp) / "report.html"
        now = time.time()
        build_report(url, now - 8 * 86400, now, html)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
            page.goto(html.as_uri())
            page.screenshot(path=str(args.out))
            browser.close()
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
