// Password lifecycle (issue 10, point 3): change with the current password (other sessions end),
// forced change of temporary passwords, "Lupa kata sandi" through a real SMTP server started here
// (smtp-server), single-use expiring links stored only as hashes, and the password policy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestSmtp } from '../support/smtp'

const { inbox, close: closeSmtp } = await startTestSmtp()

const { prisma } = await import('~/utils/db.server')
const { redis } = await import('~/utils/redis.server')
const { closeMail } = await import('~/utils/mail.server')
const pw = await import('~/models/password.server')
const { signIn, ACCOUNT_RULE } = await import('~/models/sign-in.server')
const { createSession, getSession, requireUser, sessionCookie, hashToken } =
  await import('~/utils/auth.server')
const { createUser, resetPassword } = await import('~/models/user.server')
const { checkPassword, PASSWORD_MAX_LENGTH } = await import('~/domain/password-policy')
const { createTestUser, requestWithCookie, TEST_PASSWORD } = await import('../support/factories')

beforeAll(() => {
  inbox.length = 0
})
afterAll(async () => {
  closeMail()
  redis().disconnect()
  await closeSmtp()
})

const NEW_PASSWORD = 'Pelangi-Batanghari-77'

/** Runs the mail job recorded for the latest reset of `userId`, as the worker would. */
async function runMailJob(userId: string) {
  const row = await prisma.passwordResetToken.findFirstOrThrow({
    where: { userId },
    orderBy: { createdAt: 'desc' },
  })
  const outbox = await prisma.outboxMessage.findFirstOrThrow({
    where: { jobName: 'sendMail', payload: { path: ['subjectId'], equals: row.id } },
  })
  return { row, outbox, result: await pw.deliverMail(outbox.payload as never) }
}

function linkIn(raw: string) {
  const unfolded = raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=')
  const m = unfolded.match(/https:\/\/bina\.example\.go\.id\/reset-password\?token=([\w-]+)/)
  return m?.[1] ?? null
}

describe('forgot password by email', () => {
  it('mails a single-use link through SMTP; the database and the queue hold no token', async () => {
    const u = await createTestUser()
    expect(await pw.requestPasswordReset({ identifier: u.nip, ip: '10.5.0.1' })).toEqual({
      ok: true,
    })
    const before = inbox.length
    const { row, outbox, result } = await runMailJob(u.id)
    expect(result).toEqual({ sent: true })
    expect(inbox.length).toBe(before + 1)
    const mail = inbox.at(-1)!
    expect(mail.to).toEqual([u.email])
    const token = linkIn(mail.raw)
    expect(token).toBeTruthy()
    // Only a hash is stored, and the job payload carries the row id, not the token.
    expect(row.tokenHash).not.toContain(token!)
    expect(row.id).not.toBe(token)
    expect(JSON.stringify(outbox.payload)).not.toContain(token!)

    // Failures before the reset: the reset gets the owner back in at once.
    for (let i = 0; i < ACCOUNT_RULE.free; i++)
      await signIn({ identifier: u.nip, password: 'salah-sekali-123', ip: `10.5.1.${i}` })
    const c = await createSession(u.id, {})
    expect(await pw.resetTokenUsable(token!)).toBe(true)
    expect(await pw.resetPasswordWithToken({ token: token!, newPassword: NEW_PASSWORD })).toEqual({
      ok: true,
      userId: u.id,
    })
    expect((await getSession(requestWithCookie(c))).status).toBe('expired')
    expect((await signIn({ identifier: u.nip, password: NEW_PASSWORD, ip: '10.5.2.1' })).ok).toBe(
      true,
    )
    // Single use.
    expect(await pw.resetTokenUsable(token!)).toBe(false)
    expect(
      await pw.resetPasswordWithToken({ token: token!, newPassword: 'Lain-Lagi-Sungai-88' }),
    ).toEqual({ ok: false, code: 'INVALID' })
    // A second run of the job (at-least-once) sends nothing for a used link.
    expect((await pw.deliverMail(outbox.payload as never)).sent).toBe(false)
  })

  it('expires the link after PASSWORD_RESET_MINUTES (30), to the millisecond', async () => {
    const u = await createTestUser()
    const t0 = new Date()
    await pw.requestPasswordReset({ identifier: u.email, ip: '10.5.0.2', now: t0 })
    await runMailJob(u.id)
    const token = linkIn(inbox.at(-1)!.raw)!
    const edge = new Date(t0.getTime() + 30 * 60_000)
    expect(await pw.resetTokenUsable(token, new Date(edge.getTime() - 1))).toBe(true)
    expect(await pw.resetTokenUsable(token, edge)).toBe(false)
    expect(
      await pw.resetPasswordWithToken({ token, newPassword: NEW_PASSWORD, now: edge }),
    ).toEqual({ ok: false, code: 'INVALID' })
  })

  it('answers an unknown identifier alike, writes nothing and sends nothing', async () => {
    const tokens = await prisma.passwordResetToken.count()
    const mails = inbox.length
    expect(
      await pw.requestPasswordReset({ identifier: 'tidak.ada@contoh.go.id', ip: '10.5.0.3' }),
    ).toEqual({ ok: true })
    expect(await prisma.passwordResetToken.count()).toBe(tokens)
    expect(inbox.length).toBe(mails)
  })

  it('limits requests per identifier', async () => {
    const u = await createTestUser()
    for (let i = 0; i < pw.RESET_PER_IDENTIFIER; i++)
      expect((await pw.requestPasswordReset({ identifier: u.nip, ip: `10.5.3.${i}` })).ok).toBe(
        true,
      )
    const r = await pw.requestPasswordReset({ identifier: u.nip, ip: '10.5.3.99' })
    expect(r.ok).toBe(false)
  })

  it('refuses a weak new password and leaves the link usable', async () => {
    const u = await createTestUser()
    await pw.requestPasswordReset({ identifier: u.nip, ip: '10.5.0.4' })
    await runMailJob(u.id)
    const token = linkIn(inbox.at(-1)!.raw)!
    expect(await pw.resetPasswordWithToken({ token, newPassword: `x${u.nip}` })).toEqual({
      ok: false,
      code: 'CONTAINS_NIP',
    })
    expect(await pw.resetTokenUsable(token)).toBe(true)
  })
})

describe('change password', () => {
  it('needs the current password and ends every other session, keeping this one', async () => {
    const u = await createTestUser()
    const mine = await createSession(u.id, {})
    const other = await createSession(u.id, {})
    const mineId = hashToken(await sessionCookie.parse(mine.split(';')[0]!))
    expect(
      await pw.changePassword({
        userId: u.id,
        sessionId: mineId,
        currentPassword: 'bukan-ini-123',
        newPassword: NEW_PASSWORD,
      }),
    ).toEqual({ ok: false, field: 'currentPassword', code: 'CURRENT_WRONG' })
    expect((await getSession(requestWithCookie(other))).status).toBe('active')
    expect(
      await pw.changePassword({
        userId: u.id,
        sessionId: mineId,
        currentPassword: TEST_PASSWORD,
        newPassword: NEW_PASSWORD,
      }),
    ).toEqual({ ok: true })
    expect((await getSession(requestWithCookie(mine))).status).toBe('active')
    expect((await getSession(requestWithCookie(other))).status).toBe('expired')
    expect((await signIn({ identifier: u.nip, password: TEST_PASSWORD, ip: '10.6.0.1' })).ok).toBe(
      false,
    )
  })
  it('slows down wrong current passwords per account, computed from the arrival time', async () => {
    const u = await createTestUser()
    const other = await createTestUser()
    const mine = await createSession(u.id, {})
    const mineId = hashToken(await sessionCookie.parse(mine.split(';')[0]!))
    const { CURRENT_PASSWORD_RULE } = pw
    // Starts at the real time so the page, which judges by the real arrival time, sees the delay.
    let now = Date.now()
    const change = (currentPassword: string, userId = u.id) =>
      pw.changePassword({
        userId,
        sessionId: mineId,
        currentPassword,
        newPassword: NEW_PASSWORD,
        now,
      })
    for (let i = 0; i < CURRENT_PASSWORD_RULE.free; i++)
      expect(await change(`salah-${i}-sekali`)).toMatchObject({ code: 'CURRENT_WRONG' })
    // The account now waits baseS, even with the right password; another account does not.
    expect(await change(TEST_PASSWORD)).toEqual({
      ok: false,
      field: 'currentPassword',
      code: 'TOO_MANY_TRIES',
      retryAfterS: CURRENT_PASSWORD_RULE.baseS,
    })
    expect(await change('salah-lain-sekali', other.id)).toMatchObject({ code: 'CURRENT_WRONG' })
    // Through the page: 429 with Retry-After and the wait in the message, password unchanged.
    const { action } = await import('~/routes/settings.password')
    const form = new URLSearchParams({
      currentPassword: TEST_PASSWORD,
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    })
    const req = new Request('http://localhost/settings/password', {
      method: 'POST',
      headers: {
        Cookie: mine.split(';')[0]!,
        'Content-Type': 'application/x-www-form-urlencoded',
        'x-bina-received-at': String(Date.now()),
      },
      body: form.toString(),
    })
    const res = (await action({ request: req, params: {}, context: {} })) as unknown as {
      init: ResponseInit & { headers: Record<string, string> }
      data: { result: { error: Record<string, string[]> } }
    }
    expect(res.init.status).toBe(429)
    expect(Number(res.init.headers['Retry-After'])).toBeGreaterThan(0)
    expect(res.data.result.error.currentPassword![0]).toMatch(/Coba lagi dalam \d+ detik/)
    // One second before the end it still waits; at the end, and after the next wrong one, the
    // delay doubles.
    now += (CURRENT_PASSWORD_RULE.baseS - 1) * 1000
    expect(await change(TEST_PASSWORD)).toMatchObject({ retryAfterS: 1 })
    now += 1000
    expect(await change('salah-lagi-sekali')).toMatchObject({ code: 'CURRENT_WRONG' })
    expect(await change(TEST_PASSWORD)).toMatchObject({
      retryAfterS: CURRENT_PASSWORD_RULE.baseS * 2,
    })
    // Once it has passed, the right password works and clears the counter.
    now += CURRENT_PASSWORD_RULE.baseS * 2 * 1000
    expect(await change(TEST_PASSWORD)).toEqual({ ok: true })
  })
})

describe('the password forms refuse bad input before anything is checked or written', () => {
  type Reply = {
    init: ResponseInit | null
    data: { result: { error: Record<string, string[]>; initialValue?: Record<string, unknown> } }
  }
  async function post(
    route: 'settings.password' | 'reset-password',
    form: Record<string, string>,
    cookie = '',
  ) {
    const { action } = (await import(`~/routes/${route}.tsx`)) as {
      action: (a: { request: Request; params: object; context: object }) => Promise<unknown>
    }
    const request = new Request(`http://localhost/${route.replace('.', '/')}`, {
      method: 'POST',
      headers: {
        Cookie: cookie,
        'Content-Type': 'application/x-www-form-urlencoded',
        'x-bina-received-at': String(Date.now()),
      },
      body: new URLSearchParams(form).toString(),
    })
    return (await action({ request, params: {}, context: {} })) as Reply
  }

  it('change: a mistyped repeat, an empty field and an over-long one are 400s with their own message; nothing is echoed or changed', async () => {
    const u = await createTestUser()
    const cookie = (await createSession(u.id, {})).split(';')[0]!
    const before = (await prisma.password.findUniqueOrThrow({ where: { userId: u.id } })).hash
    const mismatch = await post(
      'settings.password',
      {
        currentPassword: TEST_PASSWORD,
        newPassword: NEW_PASSWORD,
        confirmPassword: `${NEW_PASSWORD}x`,
      },
      cookie,
    )
    expect(mismatch.init?.status).toBe(400)
    expect(mismatch.data.result.error).toEqual({ confirmPassword: ['security.mismatch'] })
    // The reply never carries a password back to the page.
    expect(JSON.stringify(mismatch.data.result)).not.toContain(NEW_PASSWORD)
    const empty = await post(
      'settings.password',
      { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
      cookie,
    )
    expect(empty.init?.status).toBe(400)
    expect(empty.data.result.error).toEqual({ currentPassword: ['security.required'] })
    const long = 'a'.repeat(PASSWORD_MAX_LENGTH * 4 + 1)
    const tooLong = await post(
      'settings.password',
      { currentPassword: TEST_PASSWORD, newPassword: long, confirmPassword: long },
      cookie,
    )
    expect(tooLong.data.result.error).toEqual({
      newPassword: ['security.problem.TOO_LONG'],
      confirmPassword: ['security.problem.TOO_LONG'],
    })
    // At the limit it is read (and then judged by the policy, not by the form).
    const atLimit = 'a'.repeat(PASSWORD_MAX_LENGTH * 4)
    const read = await post(
      'settings.password',
      { currentPassword: TEST_PASSWORD, newPassword: atLimit, confirmPassword: atLimit },
      cookie,
    )
    expect(read.data.result.error.newPassword).toEqual(['Kata sandi paling banyak 128 karakter.'])
    expect((await prisma.password.findUniqueOrThrow({ where: { userId: u.id } })).hash).toBe(before)
  })

  it('reset: a mistyped repeat keeps the link unused', async () => {
    const u = await createTestUser()
    await pw.requestPasswordReset({ identifier: u.nip, ip: '10.5.9.2' })
    const { result } = await runMailJob(u.id)
    expect(result).toEqual({ sent: true })
    const token = linkIn(inbox.at(-1)!.raw)!
    const r = await post('reset-password', {
      token,
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD.toUpperCase(),
    })
    expect(r.init?.status).toBe(400)
    expect(r.data.result.error).toEqual({ confirmPassword: ['security.mismatch'] })
    expect(await pw.resetTokenUsable(token)).toBe(true)
  })
})

describe('temporary passwords', () => {
  it('must be changed: every page leads to the change page until it is', async () => {
    const unit = await prisma.unit.findFirstOrThrow({ select: { id: true } })
    const jabatan = await prisma.jabatan.findFirstOrThrow({ select: { id: true } })
    await prisma.user.deleteMany({ where: { nip: '198802292015032099' } })
    const { user, temporaryPassword } = await createUser({
      nip: '198802292015032099',
      name: 'Sari Temporer',
      email: 'sari.temporer@test.jambiprov.go.id',
      employeeKind: 'PNS',
      unitId: unit.id,
      jabatanId: jabatan.id,
      supervisorNip: undefined,
      roles: ['ASN'],
    })
    const r = await signIn({
      identifier: 'sari.temporer@test.jambiprov.go.id',
      password: temporaryPassword,
      ip: '10.7.0.1',
    })
    expect(r).toMatchObject({ ok: true, mustChangePassword: true })
    const c = await createSession(user.id, {})
    for (const path of ['/', '/courses', '/profile', '/notifications']) {
      const thrown = await requireUser(requestWithCookie(c, path)).catch((e) => e)
      expect(thrown, path).toBeInstanceOf(Response)
      expect(thrown.headers.get('Location')).toBe('/settings/password')
    }
    // The change page itself is reachable.
    expect((await requireUser(requestWithCookie(c, '/settings/password'))).id).toBe(user.id)
    const id = hashToken(await sessionCookie.parse(c.split(';')[0]!))
    expect(
      await pw.changePassword({
        userId: user.id,
        sessionId: id,
        currentPassword: temporaryPassword,
        newPassword: NEW_PASSWORD,
      }),
    ).toEqual({ ok: true })
    expect((await requireUser(requestWithCookie(c, '/courses'))).id).toBe(user.id)
  })

  it('an admin reset issues a temporary password that must be changed again', async () => {
    const u = await createTestUser()
    const temp = await resetPassword(u.id)
    expect(await signIn({ identifier: u.nip, password: temp, ip: '10.7.0.2' })).toMatchObject({
      ok: true,
      mustChangePassword: true,
    })
  })
})

describe('password policy', () => {
  const account = {
    nip: '199203152019032001',
    name: 'Nurul Fadhilah, S.Ak.',
    email: 'nurul.f@jambiprov.go.id',
  }
  it.each([
    ['123456789', 'TOO_SHORT'],
    ['x'.repeat(129), 'TOO_LONG'],
    ['Password123', 'COMMON'],
    ['bismillah123', 'COMMON'],
    ['Bina-Jambi-2026', 'COMMON'],
    ['kopi199203152019032001', 'CONTAINS_NIP'],
    ['lahir-19920315-ok', 'CONTAINS_NIP'],
    ['FadhilahKuat#2026', 'CONTAINS_NAME'],
    ['nurul-sungai-batang', 'CONTAINS_NAME'],
  ])('refuses %j (%s)', (p, code) => {
    expect(checkPassword(p, account)).toBe(code)
  })
  it.each(['1234567890x', 'Sungai-Batanghari-88', 'kopi pagi di danau sipin'])(
    'accepts %j',
    (p) => {
      expect(checkPassword(p, account)).toBeNull()
    },
  )
})
