#!/usr/bin/env bash
# Create .venv with the pinned packages of the given lock file (runtime or dev).
# On a bare Debian/Ubuntu machine python3 may lack the venv module: install it when we are root.
set -euo pipefail
lock="$1"
say() { echo "==> $*" >&2; }
if [ ! -x .venv/bin/python ]; then
  say "Opretter Python-miljøet i .venv"
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
# pip's own lines (what it downloads and installs), without the noise of what is already there,
# and a line of ours as pip starts its long silent step;
# a failure stops here with pip's own message above it.
pip_install() {
  if ! .venv/bin/python -m pip install --disable-pip-version-check --progress-bar on "$@" 2>&1 \
    | sed -u -e '/^Requirement already satisfied/d' -e '/^WARNING: Location/d' \
      -e '/^Installing collected packages/a ==> pip pakker nu ud og installerer (ingen linjer undervejs; op til et par minutter)'; then
    say "pip kunne ikke installere pakkerne (se ovenfor)"
    exit 1
  fi
}
say "Installerer de låste pakker fra requirements/$lock.lock i .venv (første gang: et par minutter)"
pip_install -r "requirements/$lock.lock"
say "Installerer appen selv (botrygt) i .venv"
pip_install --no-deps -e .
say "Tjekker at installationen virker"
.venv/bin/python -c "import streamlit, sqlmodel, dataio" # fail loudly if the install did not work
say "Python-miljøet er klar"
