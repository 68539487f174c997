#!/usr/bin/env bash
# Builds the production app and runs the Playwright suite against `next start`
# on a fresh embedded database (seeded with the demo data on first start).
set -euo pipefail
cd "$(dirname "$0")/.."

CHROMIUM_PATH=$(bash scripts/ensure-chromium.sh)
export CHROMIUM_PATH
echo "Using Chromium at $CHROMIUM_PATH"

export DATA_DIR="${E2E_DATA_DIR:-.data/e2e}"
rm -rf "$DATA_DIR"
# A fixed secret for the throwaway test server only; production must set its own.
export AUTH_SECRET="e2e-only-secret-not-for-production-0123456789"
export NODE_ENV=production
export APP_URL="http://127.0.0.1:${E2E_PORT:-3100}"
# Lets the email tests feed raw messages to POST /api/inbound/mime.
export INBOUND_SECRET="e2e-only-inbound-secret-0123456789"
# SLA breaches are noticed within seconds rather than a minute.
export TIMED_JOBS_INTERVAL_SECONDS=2
# Every spec signs up its own customers from 127.0.0.1: more than the default 20 an hour.
export SIGN_UPS_PER_ADDRESS_PER_HOUR=1000

# E2E_SKIP_BUILD=1 reuses the last build while iterating on the tests themselves.
if [ -z "${E2E_SKIP_BUILD:-}" ]; then npx next build; fi
npx playwright test "$@"
