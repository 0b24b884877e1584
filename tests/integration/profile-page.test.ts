// The profile page's charts run to the time the request arrived (not to whenever each side renders
// them), so the server's markup and the browser's hydration draw the same path.
import { afterAll, describe, expect, it } from 'vitest'
import * as profile from '~/routes/profile'
import { createSession } from '~/utils/auth.server'
import { redis } from '~/utils/redis.server'
import { createTestUser } from '../support/factories'

afterAll(() => redis().disconnect())

describe('profile loader', () => {
  it("gives the page the request's arrival time, not the time it ran", async () => {
    const learner = await createTestUser()
    const cookie = (await createSession(learner.id, {})).split(';')[0]!
    const arrived = Date.now() - 40_000
    const data = (await profile.loader({
      request: new Request('http://localhost/profile', {
        headers: { Cookie: cookie, 'x-bina-received-at': String(arrived) },
      }),
      params: {},
      context: {},
    })) as { now: number }
    expect(data.now).toBe(arrived)
  })
})
