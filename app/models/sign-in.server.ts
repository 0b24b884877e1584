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
import { dummyPasswordHash, verifyPassword } from '~/utils/password.server'
import { redis } from '~/utils/redis.server'

interface DelayRule {
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

/** A counter of failures plus a delay that grows with them, both in Redis. */
class ProgressiveDelay {
  private failures: RateLimiterRedis
  private wait: RateLimiterRedis
  constructor(
    name: string,
    private rule: DelayRule,
  ) {
    const prefix = `${env.REDIS_PREFIX}:rl:signin:${name}`
    this.failures = new RateLimiterRedis({
      storeClient: redis(),
      keyPrefix: `${prefix}:failures`,
      points: 1_000_000,
      duration: rule.windowS,
    })
    this.wait = new RateLimiterRedis({
      storeClient: redis(),
      keyPrefix: `${prefix}:wait`,
      points: 1,
      duration: 1,
    })
  }
  /** Milliseconds before this key may try again (0: now). */
  async waitMs(key: string) {
    const res = await this.wait.get(key)
    return res && res.consumedPoints > 1 ? res.msBeforeNext : 0
  }
  async fail(key: string) {
    const res = await this.failures.penalty(key, 1)
    const beyond = res.consumedPoints - this.rule.free
    if (beyond >= 0) {
      const s = Math.min(this.rule.maxS, this.rule.baseS * 2 ** Math.min(beyond, 20))
      await this.wait.block(key, s)
    }
  }
  async reset(key: string) {
    await Promise.all([this.failures.delete(key), this.wait.delete(key)])
  }
}

let limiters:
  { account: ProgressiveDelay; address: ProgressiveDelay; global: RateLimiterRedis } | undefined
function getLimiters() {
  return (limiters ??= {
    account: new ProgressiveDelay('account', ACCOUNT_RULE),
    address: new ProgressiveDelay('ip', ADDRESS_RULE),
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

export const WRONG_CREDENTIALS = 'NIP/email atau kata sandi salah.'

function waitMessage(ms: number) {
  const s = Math.max(1, Math.ceil(ms / 1000))
  const when = s < 90 ? `${s} detik` : `${Math.ceil(s / 60)} menit`
  return `Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam ${when}.`
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
export async function signIn(input: {
  identifier: string
  password: string
  ip?: string
}): Promise<SignInResult> {
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
    account.waitMs(aKey),
    address.waitMs(ipKey),
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

  const valid = await verifyPassword(
    user?.password?.hash ?? (await dummyPasswordHash()),
    input.password,
  )
  if (user && valid && user.active) {
    await account.reset(aKey)
    return { ok: true, userId: user.id, mustChangePassword: user.password?.mustChange ?? false }
  }
  if (user && valid && !user.active) {
    return {
      ok: false,
      field: 'form',
      message: 'Akun Anda dinonaktifkan. Hubungi admin kepegawaian di unit Anda.',
    }
  }
  await Promise.all([
    account.fail(aKey),
    address.fail(ipKey),
    global.penalty('all', 1).catch(() => null),
  ])
  return { ok: false, field: 'form', message: WRONG_CREDENTIALS }
}
