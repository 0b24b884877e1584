// Redis connections. Every key lives under env.REDIS_PREFIX so tests and deployments can share a
// server without touching each other's data.
import { Redis, type RedisOptions } from 'ioredis'
import { env } from './env.server'

let lastErrorLog = 0

export function createRedis(opts: RedisOptions = {}) {
  const client = new Redis(env.REDIS_URL, {
    // Commands fail fast instead of queueing forever when Redis is down.
    maxRetriesPerRequest: 1,
    enableOfflineQueue: true,
    lazyConnect: false,
    ...opts,
  })
  // ioredis reconnects by itself; say so at most every 10 s instead of once per retry.
  client.on('error', (e: Error) => {
    if (Date.now() - lastErrorLog > 10_000) {
      lastErrorLog = Date.now()
      console.error(`[redis] ${e.message} (reconnecting)`)
    }
  })
  return client
}

declare global {
  var __binaRedis: Redis | undefined
}

/** Shared connection for plain commands (rate limits, health). */
export function redis(): Redis {
  return (globalThis.__binaRedis ??= createRedis())
}

export const keyPrefix = env.REDIS_PREFIX
