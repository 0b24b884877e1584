// Redis connections. Every key lives under env.REDIS_PREFIX so tests and deployments can share a
// server without touching each other's data.
import { Redis, type RedisOptions } from 'ioredis'
import { env } from './env.server'

export function createRedis(opts: RedisOptions = {}) {
  return new Redis(env.REDIS_URL, {
    // Commands fail fast instead of queueing forever when Redis is down.
    maxRetriesPerRequest: 1,
    enableOfflineQueue: true,
    lazyConnect: false,
    ...opts,
  })
}

declare global {
  var __binaRedis: Redis | undefined
}

/** Shared connection for plain commands (rate limits, health). */
export function redis(): Redis {
  return (globalThis.__binaRedis ??= createRedis())
}

export const keyPrefix = env.REDIS_PREFIX
