// Mutation testing of the domain rules (issue 9): `npm run test:mutation`. Not part of `npm test`
// (it takes minutes on a small machine). Reports: reports/mutation/index.html.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.domain.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    'app/domain/scoring.ts',
    'app/domain/grading-method.ts',
    'app/domain/rating.ts',
    'app/domain/deadline.ts',
    'app/domain/jp.ts',
    'app/domain/nip.ts',
    'app/domain/numbers.ts',
    'app/domain/time.ts',
    'app/domain/layout.ts',
    'app/domain/recommendation.ts',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 20_000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 85, break: 85 },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
}
