#!/usr/bin/env bash
# `npm test`: every tier in order, stopping at the first failure.
#   1. Vitest: unit tests beside the code, integration tests in test/ against a real Postgres
#   2. the production bundle (e2e runs against what `npm start` serves)
#   3. the Vitest files that start the production server (`npm run cluster`)
#   4. Playwright in Debian's Chromium against real servers
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

echo "== unit and integration tests (Vitest, real PostgreSQL)"
npx vitest run --exclude test/cluster.test.ts

echo "== production build"
npx next build

echo "== tests that need the production bundle (Vitest)"
npx vitest run test/cluster.test.ts

echo "== end-to-end tests (Playwright, Chromium)"
npx playwright test
