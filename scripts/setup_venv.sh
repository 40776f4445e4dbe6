#!/usr/bin/env bash
# Creates or updates .venv from requirements.lock; takes a second when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv
lock=requirements.lock
stamp=$venv/.lock.sha256
want=$(sha256sum "$lock" | cut -d' ' -f1)
if [ -x "$venv/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  exit 0
fi
if ! "$venv/bin/python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; then
  py=$(scripts/find_python310.sh)
  echo "setup: creating $venv with $py"
  rm -rf "$venv"
  "$py" -m venv "$venv"
fi
echo "setup: installing the locked versions from $lock (first time: a few minutes, torch is large)"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "pip==24.0"
# --no-deps: the lock is complete, so pip installs exactly it and never backtracks.
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -r "$lock"
"$venv/bin/python" -m pip check
echo "$want" > "$stamp"
echo "setup: $venv is ready"
