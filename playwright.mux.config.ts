// The studio's Mux direct upload in the browser (issue 12, item 3): the portal with Mux configured
// and pointed at the fake Mux server (E2E_MUX=1 in scripts/e2e-server.sh), which takes the
// browser's PUT and sends Mux's signed webhooks back. Part of `npm test` (scripts/test.sh).
import { defineConfig } from '@playwright/test'
import base from './playwright.config'

const PORT = Number(process.env.E2E_PORT ?? 3160)

export default defineConfig({
  ...base,
  testDir: 'tests',
  testMatch: ['mux/*.spec.ts'],
  use: { ...base.use, baseURL: `http://localhost:${PORT}` },
  webServer: {
    command: `E2E_MUX=1 PORT=${PORT} bash scripts/e2e-server.sh`,
    url: `http://localhost:${PORT}/healthz`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
  },
})
