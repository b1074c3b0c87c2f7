#!/usr/bin/env bash
# Create .venv with the pinned packages of the given lock file (runtime or dev).
# On a bare Debian/Ubuntu machine python3 may lack the venv module: install it when we are root.
set -euo pipefail
lock="$1"
if [ ! -x .venv/bin/python ]; then
  if ! python3 -m venv .venv 2>/dev/null; then
    rm -rf .venv
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "python3 mangler venv-modulet: installerer python3-venv" >&2
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv python3-pip >/dev/null
      python3 -m venv .venv
    else
      echo "python3 -m venv virker ikke; installer pakken python3-venv (som root)" >&2
      exit 1
    fi
  fi
fi
pip_quiet() {  # pip's output only when it fails
  local log; log=$(mktemp)
  if ! .venv/bin/python -m pip install -q "$@" >"$log" 2>&1; then
    grep -v '^WARNING: Location' "$log" >&2; rm -f "$log"; exit 1
  fi
  rm -f "$log"
}
pip_quiet -r "requirements/$lock.lock"
pip_quiet --no-deps -e .
.venv/bin/python -c "import streamlit, sqlmodel, dataio" # fail loudly if the install did not work
