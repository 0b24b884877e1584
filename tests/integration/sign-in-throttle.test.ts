// Sign-in throttling an attacker cannot turn against a user (issue 10, point 2): one counter per
// account whatever identifier names it, a progressive delay instead of a lock, per-address
// counters, and the same answer (and the same work) for every unknown or invalid identifier.
import { afterAll, describe, expect, it } from 'vitest'
import {
  ACCOUNT_RULE,
  ADDRESS_RULE,
  clearSignInDelay,
  signIn,
  WRONG_CREDENTIALS,
} from '~/models/sign-in.server'
import { prisma } from '~/utils/db.server'
import { env } from '~/utils/env.server'
import { hashPassword } from '~/utils/password.server'
import { redis } from '~/utils/redis.server'
import { createTestUser, TEST_PASSWORD } from '../support/factories'

afterAll(() => redis().disconnect())

const BAD = 'salah-sekali-123'
let ipSeq = 0
const freshIp = () => `10.20.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`

/** Lets the current delay of a user's account run out (as if its time had passed). */
async function letDelayPass(userId: string) {
  await redis().del(`${env.REDIS_PREFIX}:rl:signin:account:wait:user:${userId}`)
}

async function failTimes(identifier: (i: number) => string, n: number) {
  for (let i = 0; i < n; i++) {
    const r = await signIn({ identifier: identifier(i), password: BAD, ip: freshIp() })
    expect(r).toMatchObject({ ok: false, message: WRONG_CREDENTIALS })
  }
}

describe('per account', () => {
  it('counts failures by NIP and by email on one counter', async () => {
    const u = await createTestUser()
    // One below the free failures: the owner still gets in at once.
    await failTimes((i) => (i % 2 ? u.email : u.nip), ACCOUNT_RULE.free - 1)
    const ok = await signIn({ identifier: u.email, password: TEST_PASSWORD, ip: freshIp() })
    expect(ok.ok).toBe(true)

    const v = await createTestUser()
    await failTimes((i) => (i % 2 ? v.email.toUpperCase() : v.nip), ACCOUNT_RULE.free)
    const r = await signIn({ identifier: v.nip, password: TEST_PASSWORD, ip: freshIp() })
    expect(r).toMatchObject({ ok: false, field: 'form' })
    if (!r.ok) {
      expect(r.message).toMatch(/Terlalu banyak percobaan masuk yang gagal/)
      expect(r.retryAfterS).toBeGreaterThan(ACCOUNT_RULE.baseS - 3)
      expect(r.retryAfterS).toBeLessThanOrEqual(ACCOUNT_RULE.baseS)
    }
  })

  it('grows the delay with each failure up to a cap, and never locks the owner out', async () => {
    const u = await createTestUser()
    await failTimes(() => u.nip, ACCOUNT_RULE.free)
    const seen: number[] = []
    for (let i = 0; i < 6; i++) {
      const waiting = await signIn({ identifier: u.nip, password: TEST_PASSWORD, ip: freshIp() })
      expect(waiting.ok).toBe(false)
      seen.push(waiting.ok ? 0 : waiting.retryAfterS!)
      await letDelayPass(u.id)
      await failTimes(() => u.nip, 1)
    }
    expect(seen).toEqual([30, 60, 120, 240, 300, 300])
    // Once the delay has run out, the right password works: a delay, not a lock.
    await letDelayPass(u.id)
    expect((await signIn({ identifier: u.nip, password: TEST_PASSWORD, ip: freshIp() })).ok).toBe(
      true,
    )
  })

  it('lets the owner back in at once after a password reset clears the delay', async () => {
    const u = await createTestUser()
    await failTimes(() => u.email, ACCOUNT_RULE.free)
    expect((await signIn({ identifier: u.nip, password: TEST_PASSWORD, ip: freshIp() })).ok).toBe(
      false,
    )
    await clearSignInDelay(u.id)
    expect((await signIn({ identifier: u.nip, password: TEST_PASSWORD, ip: freshIp() })).ok).toBe(
      true,
    )
  })
})

describe('per address', () => {
  it('slows one address down across accounts without touching other addresses', async () => {
    const ip = '10.99.0.1'
    for (let i = 0; i < ADDRESS_RULE.free; i++)
      await signIn({ identifier: `tidak.ada.${i}@contoh.go.id`, password: BAD, ip })
    const u = await createTestUser()
    const fromSame = await signIn({ identifier: u.nip, password: TEST_PASSWORD, ip })
    expect(fromSame).toMatchObject({ ok: false, field: 'form' })
    if (!fromSame.ok) expect(fromSame.retryAfterS).toBe(ADDRESS_RULE.baseS)
    const fromOther = await signIn({ identifier: u.nip, password: TEST_PASSWORD, ip: '10.99.0.2' })
    expect(fromOther.ok).toBe(true)
  })
})

describe('unknown and invalid identifiers', () => {
  it('answers every kind alike and spends the same points on each', async () => {
    const known = await createTestUser()
    const known2 = await createTestUser()
    // An 18-digit number that fails the PNS rules (sex digit 3) but is a PPPK account's number...
    const pppkNip = '198503122010013003'
    await prisma.user.deleteMany({ where: { nip: pppkNip } })
    const pppk = await prisma.user.create({
      data: {
        nip: pppkNip,
        name: 'Pegawai PPPK Uji',
        email: 'pppk.uji@test.jambiprov.go.id',
        employeeKind: 'PPPK',
        password: { create: { hash: await hashPassword(TEST_PASSWORD) } },
      },
    })
    const identifiers = {
      knownNip: known.nip,
      knownEmail: known2.email,
      pppk: pppk.nip,
      // ...and one that fails the same rules and belongs to nobody.
      invalidPns: '198503122010013004',
      unknownNip: '199001012015031999',
      unknownEmail: 'tidak.ada.sama.sekali@contoh.go.id',
    }
    const answers: Record<string, unknown> = {}
    const ms: Record<string, number[]> = {}
    for (const [name, id] of Object.entries(identifiers)) {
      ms[name] = []
      for (let i = 0; i < 3; i++) {
        const t = performance.now()
        answers[name] = await signIn({ identifier: id, password: BAD, ip: freshIp() })
        ms[name].push(performance.now() - t)
      }
    }
    for (const a of Object.values(answers))
      expect(a).toEqual({ ok: false, field: 'form', message: WRONG_CREDENTIALS })
    // Every path verifies one argon2 hash (tens of ms), none answers early (an early answer takes
    // about 1 ms). The bound is loose because the machine's load varies between the samples.
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[1]!
    const knownMs = median(ms.knownNip!)
    for (const name of Object.keys(identifiers))
      expect(median(ms[name]!), name).toBeGreaterThan(knownMs * 0.25)

    // Every path spends points: two more failures each reach the delay (3 + 2 = 5 failures).
    for (const id of [identifiers.invalidPns, identifiers.unknownNip, identifiers.pppk]) {
      await failTimes(() => id, 2)
      const r = await signIn({ identifier: id, password: BAD, ip: freshIp() })
      expect(r, id).toMatchObject({ ok: false, retryAfterS: ACCOUNT_RULE.baseS })
    }
    // The PPPK owner still signs in with a number the PNS rules refuse, once the delay passes.
    await letDelayPass(pppk.id)
    expect((await signIn({ identifier: pppkNip, password: TEST_PASSWORD, ip: freshIp() })).ok).toBe(
      true,
    )
  })
})
