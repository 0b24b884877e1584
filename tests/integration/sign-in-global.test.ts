// The global circuit breaker: a burst of failures spread over many addresses and accounts slows
// every further sign-in down for the rest of the minute (issue 10, point 2).
import { afterAll, expect, it } from 'vitest'

process.env.SIGNIN_GLOBAL_FAILURES_PER_MINUTE = '12'
// Its own key prefix: the global counter must not count other test files' failed sign-ins.
process.env.REDIS_PREFIX = `${process.env.REDIS_PREFIX}-global-${process.pid}`
const { signIn } = await import('~/models/sign-in.server')
const { redis } = await import('~/utils/redis.server')
const { createTestUser, TEST_PASSWORD } = await import('../support/factories')

afterAll(() => redis().disconnect())

it('slows everyone down once failures across all accounts pass the global limit', async () => {
  const u = await createTestUser()
  for (let i = 0; i < 11; i++)
    await signIn({ identifier: `orang.${i}@contoh.go.id`, password: 'x', ip: `10.77.0.${i}` })
  // Eleven failures: still below the limit, a fresh account from a fresh address gets in.
  expect((await signIn({ identifier: u.nip, password: TEST_PASSWORD, ip: '10.78.0.1' })).ok).toBe(
    true,
  )
  await signIn({ identifier: 'orang.12@contoh.go.id', password: 'x', ip: '10.77.0.12' })
  const r = await signIn({ identifier: u.nip, password: TEST_PASSWORD, ip: '10.78.0.2' })
  expect(r).toMatchObject({ ok: false, field: 'form' })
  if (!r.ok) {
    expect(r.retryAfterS).toBeGreaterThan(0)
    expect(r.retryAfterS).toBeLessThanOrEqual(60)
  }
})
