#!/usr/bin/env bash
# Prints the path of a Python 3.10 interpreter, which Rasa 3.6 needs.
set -u
candidates=("${PYTHON310:-}" "$(command -v python3.10 2>/dev/null)")
if command -v pyenv >/dev/null 2>&1; then
  for v in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.10(\.|$)' | sort -rV); do
    candidates+=("$(pyenv root)/versions/$v/bin/python")
  done
fi
for d in "$HOME"/.pyenv/versions/3.10*; do candidates+=("$d/bin/python"); done
for py in "${candidates[@]}"; do
  [ -n "$py" ] && [ -x "$py" ] || continue
  if "$py" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; then
    echo "$py"; exit 0
  fi
done
cat >&2 <<'MSG'
error: Python 3.10 not found (Rasa 3.6 supports Python 3.8-3.10 only).
Install it with one of:
  pyenv install 3.10            # then re-run make
  uv python install 3.10        # then: PYTHON310=$(uv python find 3.10) make ...
  apt-get install python3.10 python3.10-venv
or point PYTHON310 at an existing 3.10 interpreter.
MSG
exit 1
