#!/usr/bin/env bash
# Real components for the tests: Chromium (browser tests), PostgreSQL 15 (database tests) and
# poppler-utils (pdftoppm renders the meeting pack's PDF pages in the report tests).
# `system-deps.sh bench` (make bench-scale) also wants nginx, the load balancer it measures.
# Installed from Debian's packages when we are root; otherwise the tests that need them skip loudly.
set -uo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium fonts-noto-color-emoji)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
if [ "${1:-}" = bench ]; then
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx)
fi
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installerer til testene: ${need[*]}"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null \
    || echo "ADVARSEL: kunne ikke installere ${need[*]}; de tests der kræver dem springes over" >&2
else
  echo "ADVARSEL: ikke root; ${need[*]} mangler, og de tests der kræver dem springes over" >&2
fi
exit 0
