#!/usr/bin/env bash
# Set up kg from scratch: a Python 3.12+ virtual environment in .venv with kg and its
# test dependencies installed (editable). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

find_python() {
  for cand in "${KG_PYTHON:-}" python3.12 "$HOME"/.pyenv/versions/3.12*/bin/python3.12 \
              /usr/local/bin/python3.12 /usr/bin/python3.12 python3.13 "$HOME"/.pyenv/versions/3.13*/bin/python3 \
              python3; do
    [ -n "$cand" ] || continue
    if "$cand" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; then
      echo "$cand"; return 0
    fi
  done
  return 1
}

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)'; then
  PY=$(find_python) || { echo "setup: Python 3.12 or newer is needed (set KG_PYTHON=/path/to/python3.12)" >&2; exit 1; }
  echo "setup: creating .venv with $PY ($("$PY" --version))"
  rm -rf .venv
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'
echo "setup: ready ($(.venv/bin/kg --version))"
