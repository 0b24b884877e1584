// Sign-in with NIP or email and password, rate limited per account and per address in Redis.
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible'
import { prisma } from '~/utils/db.server'
import { env } from '~/utils/env.server'
import { validateNip } from '~/utils/nip'
import { dummyPasswordHash, verifyPassword } from '~/utils/password.server'
import { redis } from '~/utils/redis.server'

/** Failed attempts allowed per account, and per client address, in WINDOW_S seconds. */
export const ACCOUNT_LIMIT = 5
export const ADDRESS_LIMIT = 20
const WINDOW_S = 15 * 60

let limiters: { account: RateLimiterRedis; address: RateLimiterRedis } | undefined
function getLimiters() {
  return (limiters ??= {
    account: new RateLimiterRedis({
      storeClient: redis(),
      keyPrefix: `${env.REDIS_PREFIX}:rl:signin:account`,
      points: ACCOUNT_LIMIT,
      duration: WINDOW_S,
      blockDuration: WINDOW_S,
    }),
    address: new RateLimiterRedis({
      storeClient: redis(),
      keyPrefix: `${env.REDIS_PREFIX}:rl:signin:ip`,
      points: ADDRESS_LIMIT,
      duration: WINDOW_S,
      blockDuration: WINDOW_S,
    }),
  })
}

export type SignInResult =
  | { ok: true; userId: string }
  | { ok: false; field: 'identifier' | 'password' | 'form'; message: string; retryAfterS?: number }

export function normaliseIdentifier(raw: string) {
  const trimmed = raw.trim()
  if (trimmed.includes('@')) return { kind: 'email' as const, value: trimmed.toLowerCase() }
  return { kind: 'nip' as const, value: trimmed.replace(/\s+/g, '') }
}

function blockedMessage(ms: number) {
  const minutes = Math.max(1, Math.ceil(ms / 60_000))
  return `Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam ${minutes} menit.`
}

async function isBlocked(limiter: RateLimiterRedis, key: string, limit: number) {
  const res = await limiter.get(key)
  return res && res.consumedPoints >= limit ? res.msBeforeNext : null
}

export async function signIn(input: {
  identifier: string
  password: string
  ip?: string
}): Promise<SignInResult> {
  const id = normaliseIdentifier(input.identifier)
  if (id.kind === 'nip') {
    if (!/^\d+$/.test(id.value)) {
      return {
        ok: false,
        field: 'identifier',
        message: 'Masukkan NIP (18 digit angka) atau alamat email.',
      }
    }
    // PPPK numbers are 18 digits without the PNS date rules: a number that fails the PNS rules is
    // only accepted when it belongs to a PPPK account; otherwise the learner sees what is wrong.
    const pns = validateNip(id.value)
    if (!pns.ok) {
      const pppk = validateNip(id.value, { kind: 'PPPK' }).ok
        ? await prisma.user.count({ where: { nip: id.value, employeeKind: 'PPPK' } })
        : 0
      if (!pppk) return { ok: false, field: 'identifier', message: pns.reason }
    }
  }
  const { account, address } = getLimiters()
  const accountKey = `${id.kind}:${id.value}`
  const addressKey = input.ip ?? 'unknown'
  const blockedMs =
    (await isBlocked(account, accountKey, ACCOUNT_LIMIT)) ??
    (await isBlocked(address, addressKey, ADDRESS_LIMIT))
  if (blockedMs != null) {
    return {
      ok: false,
      field: 'form',
      message: blockedMessage(blockedMs),
      retryAfterS: Math.ceil(blockedMs / 1000),
    }
  }

  const user = await prisma.user.findUnique({
    where: id.kind === 'email' ? { email: id.value } : { nip: id.value },
    select: { id: true, active: true, password: { select: { hash: true } } },
  })
  const valid = await verifyPassword(
    user?.password?.hash ?? (await dummyPasswordHash()),
    input.password,
  )
  if (user && valid && user.active) {
    await account.delete(accountKey)
    return { ok: true, userId: user.id }
  }
  if (user && valid && !user.active) {
    return {
      ok: false,
      field: 'form',
      message: 'Akun Anda dinonaktifkan. Hubungi admin kepegawaian di unit Anda.',
    }
  }
  try {
    await Promise.all([account.consume(accountKey), address.consume(addressKey)])
  } catch (e) {
    if (e instanceof RateLimiterRes) {
      return {
        ok: false,
        field: 'form',
        message: blockedMessage(e.msBeforeNext),
        retryAfterS: Math.ceil(e.msBeforeNext / 1000),
      }
    }
    throw e
  }
  return { ok: false, field: 'form', message: 'NIP/email atau kata sandi salah.' }
}
