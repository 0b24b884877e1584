// Runs in each test worker before any test module: points the app's env at this worker's own
// database clone and Redis key prefix (see global-setup.ts).
const pool = process.env.VITEST_POOL_ID ?? '1'
const base = new URL(
  process.env.BINA_TEST_DATABASE_BASE ?? 'postgresql://postgres@127.0.0.1:5432/bina',
)
base.pathname = `/${process.env.BINA_TEST_DB_NAME ?? 'bina'}_${pool}`
process.env.DATABASE_URL = base.toString()
process.env.REDIS_URL = process.env.BINA_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
process.env.REDIS_PREFIX = `${process.env.BINA_TEST_REDIS_PREFIX ?? 'bina-test'}-${pool}`
process.env.SESSION_SECRET = 'test-secret-0123456789abcdef'
process.env.MEDIA_DIR = process.env.MEDIA_DIR ?? 'storage/test-media'
process.env.FILE_STORAGE_DIR = process.env.FILE_STORAGE_DIR ?? 'storage/test-files'
