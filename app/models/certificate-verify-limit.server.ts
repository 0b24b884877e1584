// Rate limit of the public verification page, per client address (Redis, shared by processes).
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible'
import { env } from '~/utils/env.server'
import { redis } from '~/utils/redis.server'

/** Look-ups allowed per address per minute: plenty for people, a wall for enumeration. */
export const VERIFY_LIMIT_PER_MINUTE = 30

let limiter: RateLimiterRedis | undefined

/** Consumes one look-up; returns the seconds to wait when the address is over its limit. */
export async function consumeVerification(address: string): Promise<number | null> {
  limiter ??= new RateLimiterRedis({
    storeClient: redis(),
    keyPrefix: `${env.REDIS_PREFIX}:rl:verify`,
    points: VERIFY_LIMIT_PER_MINUTE,
    duration: 60,
  })
  try {
    await limiter.consume(address)
    return null
  } catch (e) {
    if (e instanceof RateLimiterRes) return Math.max(1, Math.ceil(e.msBeforeNext / 1000))
    throw e
  }
}
