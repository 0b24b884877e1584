// Password lifecycle: change (current password required, other sessions ended), forced change of
// temporary passwords, and "Lupa kata sandi" by email with single-use expiring links
// (docs/decisions/032-password-lifecycle.md).
import { createHash, createHmac, randomBytes } from 'node:crypto'
import { RateLimiterRedis } from 'rate-limiter-flexible'
import { checkPassword, type PasswordProblem } from '~/domain/password-policy'
import { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { env } from '~/utils/env.server'
import { sendMail } from '~/utils/mail.server'
import { hashPassword, verifyPassword } from '~/utils/password.server'
import { redis } from '~/utils/redis.server'
import { outboxInsert, relaySoon } from '~/jobs/outbox.server'
import { sendMailContract } from '~/jobs/contracts.server'
import {
  clearSignInDelay,
  normaliseIdentifier,
  ProgressiveDelay,
  type DelayRule,
} from './sign-in.server'

export type PasswordChangeError =
  | { field: 'currentPassword'; code: 'CURRENT_WRONG' }
  | { field: 'currentPassword'; code: 'TOO_MANY_TRIES'; retryAfterS: number }
  | { field: 'newPassword'; code: PasswordProblem | 'SAME_AS_CURRENT' }

/**
 * Wrong current passwords on the change page, per account (a stolen session must not become an
 * unlimited password oracle): the sign-in idea, a progressive delay rather than a lock.
 */
export const CURRENT_PASSWORD_RULE: DelayRule = { free: 5, baseS: 30, maxS: 300, windowS: 3600 }
let currentPasswordDelay: ProgressiveDelay | undefined
const currentDelay = () =>
  (currentPasswordDelay ??= new ProgressiveDelay('password-change', CURRENT_PASSWORD_RULE))

/** Changes the password of a signed-in user; every other session of the account ends. */
export async function changePassword(input: {
  userId: string
  sessionId: string
  currentPassword: string
  newPassword: string
  /** When the request arrived (ms since the epoch). */
  now?: number
}): Promise<{ ok: true } | ({ ok: false } & PasswordChangeError)> {
  const now = input.now ?? Date.now()
  const waitMs = await currentDelay().waitMs(input.userId, now)
  if (waitMs > 0)
    return {
      ok: false,
      field: 'currentPassword',
      code: 'TOO_MANY_TRIES',
      retryAfterS: Math.ceil(waitMs / 1000),
    }
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: input.userId },
    select: { nip: true, name: true, email: true, password: { select: { hash: true } } },
  })
  if (!user.password || !(await verifyPassword(user.password.hash, input.currentPassword))) {
    await currentDelay().fail(input.userId, now)
    return { ok: false, field: 'currentPassword', code: 'CURRENT_WRONG' }
  }
  await currentDelay().reset(input.userId)
  if (input.newPassword === input.currentPassword)
    return { ok: false, field: 'newPassword', code: 'SAME_AS_CURRENT' }
  const problem = checkPassword(input.newPassword, user)
  if (problem) return { ok: false, field: 'newPassword', code: problem }
  const hash = await hashPassword(input.newPassword)
  await prisma.$transaction([
    prisma.password.update({
      where: { userId: input.userId },
      data: { hash, mustChange: false },
    }),
    prisma.session.deleteMany({ where: { userId: input.userId, id: { not: input.sessionId } } }),
    prisma.passwordResetToken.updateMany({
      where: { userId: input.userId, usedAt: null },
      data: { usedAt: new Date() },
    }),
  ])
  await clearSignInDelay(input.userId)
  return { ok: true }
}

// ---- "Lupa kata sandi" ----

/** The token in the link: derived from the row id with the server secret, never stored. */
function tokenFor(id: string) {
  return createHmac('sha256', env.SESSION_SECRET).update(`password-reset:${id}`).digest('base64url')
}
function tokenHash(token: string) {
  return createHash('sha256').update(token).digest('hex')
}

/** Requests per hour: per address, and per identifier (so one person's inbox is not flooded). */
export const RESET_PER_ADDRESS = 10
export const RESET_PER_IDENTIFIER = 3

let resetLimiters: { address: RateLimiterRedis; identifier: RateLimiterRedis } | undefined
function getResetLimiters() {
  return (resetLimiters ??= {
    address: new RateLimiterRedis({
      storeClient: redis(),
      keyPrefix: `${env.REDIS_PREFIX}:rl:reset:ip`,
      points: RESET_PER_ADDRESS,
      duration: 3600,
    }),
    identifier: new RateLimiterRedis({
      storeClient: redis(),
      keyPrefix: `${env.REDIS_PREFIX}:rl:reset:id`,
      points: RESET_PER_IDENTIFIER,
      duration: 3600,
    }),
  })
}

/**
 * Records a reset link and its mail job (one transaction) when the identifier names an active
 * account. The answer is the same whether or not it does; only the throttle says "wait".
 */
export async function requestPasswordReset(input: {
  identifier: string
  ip?: string
  now?: Date
}): Promise<{ ok: true } | { ok: false; retryAfterS: number }> {
  const id = normaliseIdentifier(input.identifier)
  const limiters = getResetLimiters()
  try {
    await limiters.address.consume(input.ip ?? 'unknown')
    await limiters.identifier.consume(`${id.kind}:${id.value.slice(0, 254)}`)
  } catch (e) {
    if (e && typeof e === 'object' && 'msBeforeNext' in e)
      return { ok: false, retryAfterS: Math.ceil(Number(e.msBeforeNext) / 1000) }
    throw e
  }
  const user = await prisma.user.findUnique({
    where: id.kind === 'email' ? { email: id.value } : { nip: id.value },
    select: { id: true, active: true },
  })
  if (!user || !user.active) return { ok: true }
  const now = input.now ?? new Date()
  const rowId = randomBytes(18).toString('base64url')
  const outboxId = await prisma.$transaction(async (tx) => {
    await tx.passwordResetToken.create({
      data: {
        id: rowId,
        tokenHash: tokenHash(tokenFor(rowId)),
        userId: user.id,
        createdAt: now,
        expiresAt: new Date(now.getTime() + env.PASSWORD_RESET_MINUTES * 60_000),
      },
    })
    return outboxInsert(tx, sendMailContract, { kind: 'PASSWORD_RESET', subjectId: rowId })
  })
  relaySoon([outboxId])
  return { ok: true }
}

async function findUsableToken(token: string, now: Date) {
  if (!/^[\w-]{20,100}$/.test(token)) return null
  const row = await prisma.passwordResetToken.findUnique({
    where: { tokenHash: tokenHash(token) },
    select: {
      id: true,
      usedAt: true,
      expiresAt: true,
      user: {
        select: { id: true, nip: true, name: true, email: true, active: true },
      },
    },
  })
  if (!row || row.usedAt || row.expiresAt <= now || !row.user.active) return null
  return row
}

/** Whether a link still works (the page shows the form or "request a new link"). */
export async function resetTokenUsable(token: string, now = new Date()) {
  return Boolean(await findUsableToken(token, now))
}

/**
 * Sets a new password through a reset link: the link is used up, every session of the account
 * ends, the sign-in delay is cleared and a temporary password no longer needs changing.
 */
export async function resetPasswordWithToken(input: {
  token: string
  newPassword: string
  now?: Date
}): Promise<{ ok: true; userId: string } | { ok: false; code: 'INVALID' | PasswordProblem }> {
  const now = input.now ?? new Date()
  const row = await findUsableToken(input.token, now)
  if (!row) return { ok: false, code: 'INVALID' }
  const problem = checkPassword(input.newPassword, row.user)
  if (problem) return { ok: false, code: problem }
  const hash = await hashPassword(input.newPassword)
  const done = await prisma.$transaction(async (tx) => {
    // Claim the link: of two concurrent uses, one wins.
    const claimed = await tx.passwordResetToken.updateMany({
      where: { id: row.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    })
    if (claimed.count !== 1) return false
    await tx.password.upsert({
      where: { userId: row.user.id },
      create: { userId: row.user.id, hash },
      update: { hash, mustChange: false },
    })
    await tx.passwordResetToken.updateMany({
      where: { userId: row.user.id, usedAt: null },
      data: { usedAt: now },
    })
    await tx.session.deleteMany({ where: { userId: row.user.id } })
    return true
  })
  if (!done) return { ok: false, code: 'INVALID' }
  await Promise.all([clearSignInDelay(row.user.id), currentDelay().reset(row.user.id)])
  return { ok: true, userId: row.user.id }
}

/** Where links in mails point: APP_ORIGIN, never the request's Host header (link poisoning). */
export function publicOrigin() {
  return env.APP_ORIGIN ?? `http://localhost:${env.PORT}`
}

/** How long a sender's claim on a reset mail holds (as for notification mails, decision 087). */
export const RESET_MAIL_CLAIM_MS = 120_000

/**
 * The `sendMail` job (app/jobs/send-mail.ts): sends nothing when the link is no longer usable or
 * its mail went already. A sender claims the mail first (only one of concurrent or recovered jobs
 * sends), marks it sent after the SMTP server took it, and gives the claim back when the server
 * refused it, so the job's next try sends at once (decision 096).
 */
export async function deliverMail(payload: { kind: 'PASSWORD_RESET'; subjectId: string }) {
  const now = new Date()
  const row = await prisma.passwordResetToken.findUnique({
    where: { id: payload.subjectId },
    select: {
      id: true,
      usedAt: true,
      expiresAt: true,
      mailedAt: true,
      user: { select: { email: true, name: true, locale: true, active: true } },
    },
  })
  if (!row || row.usedAt || row.mailedAt || row.expiresAt <= now || !row.user.active)
    return { sent: false }
  const claim = randomBytes(12).toString('base64url')
  const claimed = await prisma.passwordResetToken.updateMany({
    where: {
      id: row.id,
      mailedAt: null,
      usedAt: null,
      expiresAt: { gt: now },
      OR: [
        { mailClaimedAt: null },
        { mailClaimedAt: { lt: new Date(now.getTime() - RESET_MAIL_CLAIM_MS) } },
      ],
    },
    data: { mailClaimedAt: now, mailClaimToken: claim },
  })
  // Another sender holds a live claim (it sends), or the mail went meanwhile.
  if (claimed.count !== 1) return { sent: false, claimedElsewhere: true }
  const link = `${publicOrigin()}/reset-password?token=${tokenFor(row.id)}`
  const minutes = env.PASSWORD_RESET_MINUTES
  const en = row.user.locale === 'en'
  const subject = en
    ? 'Your link to create a new Bina password'
    : 'Tautan untuk membuat kata sandi baru Bina'
  const text = en
    ? `Hello ${row.user.name},\n\nSomeone (hopefully you) asked to create a new password for your Bina account.\nOpen this link within ${minutes} minutes; it works once:\n\n${link}\n\nIf you did not ask, ignore this mail: your password stays as it is.\n`
    : `Yth. ${row.user.name},\n\nAda permintaan untuk membuat kata sandi baru akun Bina Anda.\nBuka tautan ini dalam ${minutes} menit; tautan hanya bisa dipakai sekali:\n\n${link}\n\nJika Anda tidak memintanya, abaikan email ini: kata sandi Anda tidak berubah.\n`
  try {
    await sendMail({
      to: row.user.email,
      subject,
      text,
      // Fixed per link: a mail sent twice (a sender killed between the server's OK and the mark
      // below) shows once in mail clients.
      messageId: `<password-reset.${row.id}@${new URL(publicOrigin()).hostname}>`,
    })
  } catch (e) {
    await prisma.passwordResetToken.updateMany({
      where: { id: row.id, mailClaimToken: claim, mailedAt: null },
      data: { mailClaimedAt: null, mailClaimToken: null },
    })
    throw e
  }
  await prisma.passwordResetToken.updateMany({
    where: { id: row.id, mailClaimToken: claim },
    data: { mailedAt: new Date() },
  })
  return { sent: true }
}

/**
 * Reset mails whose job was lost (Redis emptied) or whose sender died: relayed before `cutoff`,
 * link still usable, not sent, no live claim. The maintenance sweep and the Redis-loss recovery
 * give each a job again (app/jobs/send-mail.server.ts).
 */
export async function unsentResetMails(cutoff: Date, limit: number, now = new Date()) {
  // The columns hold UTC without a zone (as notification.server.ts compares them).
  const at = (d: Date) => Prisma.sql`${d.toISOString()}::timestamptz AT TIME ZONE 'UTC'`
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    SELECT t.id FROM "OutboxMessage" o
    JOIN "PasswordResetToken" t ON t.id = o.payload->>'subjectId'
    WHERE o."jobName" = 'sendMail' AND o.payload->>'kind' = 'PASSWORD_RESET'
      AND o."sentAt" < ${at(cutoff)} AND o."deadAt" IS NULL
      AND t."mailedAt" IS NULL AND t."usedAt" IS NULL AND t."expiresAt" > ${at(now)}
      AND (t."mailClaimedAt" IS NULL
           OR t."mailClaimedAt" < ${at(new Date(now.getTime() - RESET_MAIL_CLAIM_MS))})
    ORDER BY o."sentAt" LIMIT ${limit}`
  return rows.map((r) => r.id)
}
