// Sign-in with NIP or email and password, throttled in Redis (so every web process shares the
// counters) by a progressive delay, never a hard lock (docs/decisions/031-sign-in-throttling.md):
// - per account: one counter whatever identifier (NIP or email) named it; unknown identifiers get
//   counters of their own, so an attacker sees the same answers for accounts that do not exist;
// - per client address;
// - globally: a burst of failures from many addresses slows every failed sign-in down.
// A successful sign-in clears the account's counter; so does a password reset or change.
import { RateLimiterRedis } from 'rate-limiter-flexible'
import { prisma } from '~/utils/db.server'
import { env } from '~/utils/env.server'
import { messageWith } from '~/utils/errors'
import { dummyPasswordHash, verifyPassword } from '~/utils/password.server'
import { redis } from '~/utils/redis.server'

export interface DelayRule {
  /** Failures answered without any delay. */
  free: number
  /** Delay after the first failure beyond `free`; each further failure doubles it... */
  baseS: number
  /** ...up to this. */
  maxS: number
  /** Failures are forgotten this long after the last one. */
  windowS: number
}

/** Per account (NIP and email share it). After 5 failures: 30 s, 60 s, 2 min, 4 min, 5 min... */
export const ACCOUNT_RULE: DelayRule = { free: 5, baseS: 30, maxS: 300, windowS: 24 * 3600 }
/** Per client address (a whole office can share one NAT address: generous, and never a lock). */
export const ADDRESS_RULE: DelayRule = { free: 30, baseS: 10, maxS: 300, windowS: 3600 }

/** The delay, in seconds, after `failures` failures under `rule` (0: none). */
export function delayAfter(rule: DelayRule, failures: number) {
  const beyond = failures - rule.free
  if (beyond < 0) return 0
  return Math.min(rule.maxS, rule.baseS * 2 ** Math.min(beyond, 20))
}

/**
 * A counter of failures plus the moment until which the key must wait, both in Redis (shared by
 * every web process). Times come from the caller (when the request arrived), so the delay a
 * request is told is computed, not measured: tests give the clock.
 */
export class ProgressiveDelay {
  private prefix: string
  constructor(
    name: string,
    private rule: DelayRule,
  ) {
    this.prefix = `${env.REDIS_PREFIX}:rl:${name}`
  }
  private keys(key: string) {
    return { failures: `${this.prefix}:failures:${key}`, until: `${this.prefix}:until:${key}` }
  }
  /** Milliseconds before this key may try again at `now` (0: now). */
  async waitMs(key: string, now: number) {
    const until = Number((await redis().get(this.keys(key).until)) ?? 0)
    return Math.max(0, until - now)
  }
  /** Counts one failure at `now`; returns the delay it sets, in seconds. */
  async fail(key: string, now: number) {
    const k = this.keys(key)
    const res = await redis().multi().incr(k.failures).expire(k.failures, this.rule.windowS).exec()
    const failures = Number(res?.[0]?.[1] ?? 0)
    const s = delayAfter(this.rule, failures)
    // The key outlives the delay by a margin so a slow clock never shortens it.
    if (s > 0) await redis().set(k.until, String(now + s * 1000), 'EX', s + 60)
    return s
  }
  async reset(key: string) {
    const k = this.keys(key)
    await redis().del(k.failures, k.until)
  }
}

let limiters:
  { account: ProgressiveDelay; address: ProgressiveDelay; global: RateLimiterRedis } | undefined
function getLimiters() {
  return (limiters ??= {
    account: new ProgressiveDelay('signin:account', ACCOUNT_RULE),
    address: new ProgressiveDelay('signin:ip', ADDRESS_RULE),
    global: new RateLimiterRedis({
      storeClient: redis(),
      keyPrefix: `${env.REDIS_PREFIX}:rl:signin:global`,
      points: env.SIGNIN_GLOBAL_FAILURES_PER_MINUTE,
      duration: 60,
    }),
  })
}

export type SignInResult =
  | { ok: true; userId: string; mustChangePassword: boolean }
  | { ok: false; field: 'identifier' | 'password' | 'form'; message: string; retryAfterS?: number }

export function normaliseIdentifier(raw: string) {
  const trimmed = raw.trim()
  if (trimmed.includes('@')) return { kind: 'email' as const, value: trimmed.toLowerCase() }
  return { kind: 'nip' as const, value: trimmed.replace(/\s+/g, '') }
}

/** Messages are codes (decision 041); the login form shows them in the reader's language. */
export const WRONG_CREDENTIALS = 'signIn.wrongCredentials'

/** The wait, in seconds under 90 s and in whole minutes from there. */
function waitMessage(ms: number) {
  const s = Math.max(1, Math.ceil(ms / 1000))
  return s < 90
    ? messageWith('signIn.throttledSeconds', { seconds: s })
    : messageWith('signIn.throttledMinutes', { minutes: Math.ceil(s / 60) })
}

function accountKey(user: { id: string } | null, id: ReturnType<typeof normaliseIdentifier>) {
  return user ? `user:${user.id}` : `unknown:${id.kind}:${id.value.slice(0, 200)}`
}

/** Clears the per-account delay: after a password reset or change the owner always gets in. */
export async function clearSignInDelay(userId: string) {
  await getLimiters().account.reset(`user:${userId}`)
}

/**
 * Every identifier takes the same path (look-up, throttle check, one argon2 verification, one
 * failure counted): an unknown NIP, a number that fails the PNS rules, a PPPK number and an
 * email address are answered alike.
 */
export async function signIn(
  input: {
    identifier: string
    password: string
    ip?: string
    /** When the request arrived (ms since the epoch); delays are computed from it. */
    now?: number
  },
  /** The password check, replaceable so tests can count that every path does the same work. */
  verify: typeof verifyPassword = verifyPassword,
): Promise<SignInResult> {
  const now = input.now ?? Date.now()
  const id = normaliseIdentifier(input.identifier)
  const { account, address, global } = getLimiters()
  const user = await prisma.user.findUnique({
    where: id.kind === 'email' ? { email: id.value } : { nip: id.value },
    select: {
      id: true,
      active: true,
      password: { select: { hash: true, mustChange: true } },
    },
  })
  const aKey = accountKey(user, id)
  const ipKey = input.ip ?? 'unknown'
  const [accountWait, addressWait, globalRes] = await Promise.all([
    account.waitMs(aKey, now),
    address.waitMs(ipKey, now),
    global.get('all'),
  ])
  const globalWait =
    globalRes && globalRes.consumedPoints >= env.SIGNIN_GLOBAL_FAILURES_PER_MINUTE
      ? globalRes.msBeforeNext
      : 0
  const waitMs = Math.max(accountWait, addressWait, globalWait)
  if (waitMs > 0) {
    return {
      ok: false,
      field: 'form',
      message: waitMessage(waitMs),
      retryAfterS: Math.ceil(waitMs / 1000),
    }
  }

  const valid = await verify(user?.password?.hash ?? (await dummyPasswordHash()), input.password)
  if (user && valid && user.active) {
    await account.reset(aKey)
    return { ok: true, userId: user.id, mustChangePassword: user.password?.mustChange ?? false }
  }
  if (user && valid && !user.active) {
    return {
      ok: false,
      field: 'form',
      message: 'signIn.deactivated',
    }
  }
  await Promise.all([
    account.fail(aKey, now),
    address.fail(ipKey, now),
    global.penalty('all', 1).catch(() => null),
  ])
  return { ok: false, field: 'form', message: WRONG_CREDENTIALS }
}
