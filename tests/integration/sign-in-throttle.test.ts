// Sign-in throttling an attacker cannot turn against a user (issue 10, point 2): one counter per
// account whatever identifier names it, a progressive delay instead of a lock, per-address
// counters, and the same answer (and the same work) for every unknown or invalid identifier.
// Deterministic: every call carries its arrival time (a test clock), so delays are asserted as
// computed values, and "the same work" is counted password verifications, not wall time.
import { afterAll, describe, expect, it } from 'vitest'
import {
  ACCOUNT_RULE,
  ADDRESS_RULE,
  clearSignInDelay,
  delayAfter,
  signIn as signInAt,
  WRONG_CREDENTIALS,
} from '~/models/sign-in.server'
import { prisma } from '~/utils/db.server'
import { hashPassword, verifyPassword } from '~/utils/password.server'
import { renderMessage } from '~/utils/messages'
import { redis } from '~/utils/redis.server'
import { createTestUser, TEST_PASSWORD } from '../support/factories'

afterAll(() => redis().disconnect())

const BAD = 'salah-sekali-123'
let ipSeq = 0
const freshIp = () => `10.20.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`

// The test clock: every sign-in arrives at `clock`; letting a delay pass moves the clock.
let clock = Date.UTC(2026, 11, 1, 2, 0, 0)
let verifications = 0
const countingVerify: typeof verifyPassword = (hash, password) => {
  verifications++
  return verifyPassword(hash, password)
}
const signIn = (input: { identifier: string; password: string; ip: string }) =>
  signInAt({ ...input, now: clock }, countingVerify)
/** Lets the current delay run out: the next request arrives that much later. */
function letDelayPass(seconds: number = ACCOUNT_RULE.maxS) {
  clock += seconds * 1000
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
      expect(renderMessage(r.message)).toMatch(/Terlalu banyak percobaan masuk yang gagal/)
      expect(renderMessage(r.message, 'en')).toMatch(/Too many failed sign-in attempts/)
      expect(r.retryAfterS).toBe(ACCOUNT_RULE.baseS)
    }
    // One second before the delay runs out the owner still waits (1 s); at its end, gets in.
    clock += (ACCOUNT_RULE.baseS - 1) * 1000
    expect(
      await signIn({ identifier: v.email, password: TEST_PASSWORD, ip: freshIp() }),
    ).toMatchObject({ ok: false, retryAfterS: 1 })
    clock += 1000
    expect((await signIn({ identifier: v.email, password: TEST_PASSWORD, ip: freshIp() })).ok).toBe(
      true,
    )
  })

  it('computes the delay from the number of failures', () => {
    expect([4, 5, 6, 7, 8, 9, 10, 40].map((n) => delayAfter(ACCOUNT_RULE, n))).toEqual([
      0, 30, 60, 120, 240, 300, 300, 300,
    ])
    expect(delayAfter(ADDRESS_RULE, ADDRESS_RULE.free - 1)).toBe(0)
    expect(delayAfter(ADDRESS_RULE, ADDRESS_RULE.free)).toBe(ADDRESS_RULE.baseS)
  })

  it('grows the delay with each failure up to a cap, and never locks the owner out', async () => {
    const u = await createTestUser()
    await failTimes(() => u.nip, ACCOUNT_RULE.free)
    const seen: number[] = []
    for (let i = 0; i < 6; i++) {
      const waiting = await signIn({ identifier: u.nip, password: TEST_PASSWORD, ip: freshIp() })
      expect(waiting.ok).toBe(false)
      seen.push(waiting.ok ? 0 : waiting.retryAfterS!)
      letDelayPass(seen.at(-1))
      await failTimes(() => u.nip, 1)
    }
    expect(seen).toEqual([30, 60, 120, 240, 300, 300])
    // Once the delay has run out, the right password works: a delay, not a lock.
    letDelayPass()
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
    const before = verifications
    const fromSame = await signIn({ identifier: u.nip, password: TEST_PASSWORD, ip })
    expect(fromSame).toMatchObject({ ok: false, field: 'form' })
    if (!fromSame.ok) expect(fromSame.retryAfterS).toBe(ADDRESS_RULE.baseS)
    // No password was checked while the address waits.
    expect(verifications).toBe(before)
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
    for (const [name, id] of Object.entries(identifiers)) {
      for (let i = 0; i < 3; i++) {
        const before = verifications
        const answer = await signIn({ identifier: id, password: BAD, ip: freshIp() })
        expect(answer, name).toEqual({ ok: false, field: 'form', message: WRONG_CREDENTIALS })
        // Every path verifies exactly one argon2 hash (the same work, so the same time): none
        // answers early.
        expect(verifications - before, name).toBe(1)
      }
    }

    // Every path spends points: two more failures each reach the delay (3 + 2 = 5 failures).
    for (const id of [identifiers.invalidPns, identifiers.unknownNip, identifiers.pppk]) {
      await failTimes(() => id, 2)
      const r = await signIn({ identifier: id, password: BAD, ip: freshIp() })
      expect(r, id).toMatchObject({ ok: false, retryAfterS: ACCOUNT_RULE.baseS })
    }
    // The PPPK owner still signs in with a number the PNS rules refuse, once the delay passes.
    letDelayPass()
    expect((await signIn({ identifier: pppkNip, password: TEST_PASSWORD, ip: freshIp() })).ok).toBe(
      true,
    )
  })
})
