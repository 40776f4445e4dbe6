"""The repository stands alone and its comments say why, not when."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Code, configuration and data: what a change's history must not leak into.
CHECKED = re.compile(
    r"\.(py|ya?ml|json|jsonl|sh|js|css|html|toml|conf)$|Makefile$|Dockerfile$"
)
ISSUE_NUMBER = re.compile(r"\b[Ii]ssues? ?#?\d+|\(#\d+\)")
OUTSIDE = re.compile(r"\.\./shared|parents?(\[\d\])? */ *\"shared\"")


def _tracked_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    return [
        ROOT / name
        for name in listed
        if CHECKED.search(name) and not name.startswith(("docs/", "web/package"))
    ]


def _matches(pattern: re.Pattern, files: list[Path]) -> list[str]:
    found = []
    for path in files:
        if not path.is_file():
            continue
        for number, line in enumerate(path.read_text(errors="replace").splitlines()):
            if pattern.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number + 1}: {line.strip()}")
    return found


def test_no_issue_numbers_in_code_config_or_data():
    # A comment says why; when and for which ticket belong in commit messages.
    found = _matches(ISSUE_NUMBER, _tracked_files())
    assert not found, "\n".join(found)


def test_nothing_reads_outside_the_repository():
    # Code only: data files may note where they were copied from.
    code = [
        p
        for p in _tracked_files()
        if (p.suffix in (".py", ".sh") or p.name == "Makefile") and p != Path(__file__)
    ]
    found = _matches(OUTSIDE, code)
    assert not found, "\n".join(found)
