import js from '@eslint/js'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import importX from 'eslint-plugin-import-x'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** Routes talk to models, never to the database, Redis or the queues themselves. */
const ROUTE_FORBIDDEN = [
  {
    group: ['~/utils/db.server', '**/utils/db.server', '~/utils/redis.server', '**/redis.server'],
    message: 'Routes do not use the database or Redis client: call a model (app/models).',
  },
  {
    group: ['~/jobs/queue.server', '**/jobs/queue.server', 'bullmq', 'ioredis'],
    message: 'Routes do not use the queues: call a model that records the job.',
  },
]
/** The domain layer is pure: no server modules, database, HTTP framework or UI library. */
const DOMAIN_FORBIDDEN = [
  {
    group: ['*.server', '**/*.server', '~/utils/*', '~/models/*', '~/jobs/*'],
    message: 'app/domain imports no server module, model or job: pass values in.',
  },
  {
    group: ['@prisma/*', 'prisma', '~/generated/*', '**/generated/prisma/*'],
    message: 'app/domain does not know Prisma: declare the types it needs.',
  },
  {
    group: ['@remix-run/*', 'react', 'react-dom', 'react-*', 'i18next', '~/locales/*'],
    message: 'app/domain returns codes and values; Remix, React and text belong to routes.',
  },
]
/** Models are called by routes and workers; they do not speak HTTP through Remix. */
const MODEL_FORBIDDEN = [
  { group: ['@remix-run/*'], message: 'Models do not import Remix: throw typed errors instead.' },
]

export default tseslint.config(
  {
    ignores: [
      'build/**',
      'app/generated/**',
      'node_modules/**',
      '.local/**',
      'test-results/**',
      'playwright-report/**',
      'storage/**',
      '.stryker-tmp/**',
      'reports/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'jsx-a11y/no-autofocus': 'off',
    },
  },
  // ---------------------------------------------------------------------------------------------
  // Layer rules (docs/domain.md). Each list of existing offenders names files explicitly, so a
  // new file that breaks a rule fails lint; shrink the lists as the files are fixed.
  {
    files: ['app/**/*.{ts,tsx}', 'workers/**/*.ts', 'server/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': importX.flatConfigs.typescript.settings['import-x/extensions'],
      'import-x/parsers': importX.flatConfigs.typescript.settings['import-x/parsers'],
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-cycle': [
        'error',
        { ignoreExternal: true, allowUnsafeDynamicCyclicDependency: true },
      ],
    },
  },
  {
    files: ['app/routes/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: ROUTE_FORBIDDEN }] },
  },
  {
    files: ['app/domain/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: DOMAIN_FORBIDDEN }] },
  },
  {
    files: ['app/models/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: MODEL_FORBIDDEN }] },
  },
)
