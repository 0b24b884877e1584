// Vitest for the pure domain layer only: no database set-up. Used by Stryker (`npm run
// test:mutation`) and handy for a quick run: `npx vitest run --config vitest.domain.config.ts`.
import tsconfigPaths from 'vite-tsconfig-paths'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ['tests/unit/domain/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
  },
})
