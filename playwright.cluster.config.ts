// The learner journey against two web processes behind a round-robin proxy and two worker
// processes on one PostgreSQL and Redis (issue 10, point 9): rate limits, schedulers and caches
// must keep no state in one process's memory. Part of `npm test` (scripts/test.sh).
import { defineConfig } from '@playwright/test'
import base from './playwright.config'

const PORT = Number(process.env.E2E_PORT ?? 3150)

export default defineConfig({
  ...base,
  testDir: 'tests',
  testMatch: ['e2e/learning.spec.ts', 'cluster/*.spec.ts'],
  use: { ...base.use, baseURL: `http://localhost:${PORT}` },
  webServer: {
    command: `E2E_WEB=2 E2E_WORKERS=2 PORT=${PORT} bash scripts/e2e-server.sh`,
    url: `http://localhost:${PORT}/healthz`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
  },
})
