#!/usr/bin/env bash
# `npm test`: every check Faultline has, in the order that fails fastest:
# lint/format/unused → typecheck → unit → production build → integration (embedded PostgreSQL 18, Debian
# PostgreSQL 15, HAProxy, the built server) → Playwright e2e in Debian Chromium (the demo).
# System packages are installed by .ci/run; here we only check they are present.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v haproxy >/dev/null || missing+=(haproxy)
command -v promtool >/dev/null || missing+=(prometheus)
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  echo "npm test: missing system packages: ${missing[*]} — install with: sudo apt-get install -y ${missing[*]} (or run bash .ci/run)" >&2
  exit 1
fi

started=$(date +%s)
step() {
  echo
  echo "== $1 ($(($(date +%s) - started)) s)"
}

step "lint (eslint), format (prettier --check), unused files and exports (knip)"
npx eslint . --max-warnings 0
npx prettier --check . --log-level warn
npx knip --no-progress

step "typecheck (next typegen + tsc)"
npx next typegen >/dev/null
npx tsc --noEmit

step "unit tests (vitest)"
npx vitest run --project unit

step "production build (next build)"
npx next build

step "integration tests (vitest: PostgreSQL 18 embedded + 15, HAProxy, server)"
npx vitest run --project integration

step "e2e tests (Playwright, Debian Chromium, npm run demo)"
npx playwright test

echo
echo "== all checks passed in $(($(date +%s) - started)) s"
