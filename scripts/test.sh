#!/usr/bin/env bash
# The whole test suite: typecheck, lint, unit + integration (real PostgreSQL and Redis),
# production build, Playwright e2e in Debian's Chromium. Same command in the README and .ci/run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export NODE_ENV=test
bash scripts/setup.sh
set -a; . .local/services.env; set +a
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ]; then
    echo "[test] installing Debian's chromium"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
  else
    echo "[test] ERROR: Chromium is missing. Install it with: sudo apt-get install -y chromium" >&2; exit 1
  fi
fi
if ! command -v pdfsig >/dev/null || ! command -v pdftotext >/dev/null; then
  if [ "$(id -u)" = "0" ]; then
    echo "[test] installing Debian's poppler-utils (pdfsig, pdftotext, pdftoppm for certificate tests)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null; }
  else
    echo "[test] ERROR: poppler-utils is missing. Install it with: sudo apt-get install -y poppler-utils" >&2; exit 1
  fi
fi
t0=$SECONDS
echo "[test] typecheck"; npx tsc --noEmit
echo "[test] lint"; npx eslint . --max-warnings 0 && npx prettier --check app tests workers server bench prisma/*.ts prisma/seed-data scripts/*.ts >/dev/null
echo "[test] build"; NODE_ENV=production npx remix vite:build >/dev/null
echo "[test] unit + integration"; npx vitest run
echo "[test] e2e"; npx playwright test
# The learner journey again, against two web processes behind a round-robin and two workers.
echo "[test] e2e on two web and two worker processes"; E2E_PORT=3150 npx playwright test -c playwright.cluster.config.ts
# The studio's Mux direct upload in the browser, against the fake Mux server (E2E_MUX=1).
echo "[test] e2e with Mux configured (fake Mux server)"; E2E_PORT=3160 npx playwright test -c playwright.mux.config.ts
echo "[test] all green in $((SECONDS - t0)) s"
