"""The report quotes patients: it stays a local, git-ignored file, never served."""

import subprocess

from bot import settings
from bot.serve import chat_page


def test_the_default_report_file_is_git_ignored():
    path = settings.load().report_path
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", str(path)], cwd=settings.ROOT, check=False
    )
    assert ignored.returncode == 0


def test_the_chat_page_serves_none_of_the_run_directory():
    report = settings.load().report_path.resolve()
    served = [path.resolve() for path, _ in chat_page.STATIC.values()]
    assert report not in served
    assert all(report.parent not in path.parents for path in served)
