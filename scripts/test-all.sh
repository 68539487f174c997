#!/usr/bin/env bash
# `npm test`: everything, in the order that fails fastest.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s ==\033[0m\n' "$1"; }

step "Lint"
npm run --silent lint
step "Typecheck"
npm run --silent typecheck
step "Integration tests ($([ -n "${TEST_DATABASE_URL:-}" ] && echo PostgreSQL || echo embedded PGlite))"
# The IMAP tests run against a real Dovecot: installed here when missing.
bash scripts/ensure-dovecot.sh
npm run --silent test:integration
step "End-to-end tests (production build, Chromium)"
npm run --silent test:e2e
