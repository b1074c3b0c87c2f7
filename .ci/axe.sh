#!/usr/bin/env bash
# axe-core for the browser tests' accessibility check (tests/support/axe/package-lock.json pins it).
# npm ci installs it into tests/support/axe/node_modules; without node/npm the check skips loudly.
set -uo pipefail
cd "$(dirname "$0")/../tests/support/axe"
if [ -f node_modules/axe-core/axe.min.js ] && [ node_modules/axe-core/package.json -nt package-lock.json ]; then
  exit 0
fi
if ! command -v npm >/dev/null; then
  echo "ADVARSEL: npm mangler; axe-core installeres ikke, og tilgængelighedstesten springes over" >&2
  exit 0
fi
echo "installerer axe-core til browsertestene (npm ci)"
npm ci --no-audit --no-fund --loglevel=error || echo "ADVARSEL: npm ci fejlede; tilgængelighedstesten springes over" >&2
exit 0
