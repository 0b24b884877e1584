// Outgoing mail, built once for every sender (password reset now, notifications later).
// With SMTP_HOST set, nodemailer delivers over SMTP (STARTTLS when offered, or TLS with
// SMTP_SECURE=true). Without it (the demo), each mail is written as an .eml file to
// MAIL_OUTBOX_DIR and one line is logged, so nothing needs a mail server to run.
import fs from 'node:fs/promises'
import path from 'node:path'
import nodemailer, { type Transporter } from 'nodemailer'
import { env } from './env.server'

export interface Mail {
  to: string
  subject: string
  text: string
  html?: string
  /** A fixed Message-ID ("<id@host>"), so a mail sent twice is recognisably the same mail. */
  messageId?: string
}

let transport: Transporter | undefined

function smtpTransport() {
  return (transport ??= nodemailer.createTransport({
    host: env.SMTP_HOST,
    port: env.SMTP_PORT,
    secure: env.SMTP_SECURE === 'true',
    auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASS ?? '' } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  }))
}

export function mailMode() {
  return env.SMTP_HOST ? ('smtp' as const) : ('outbox-dir' as const)
}

/** Sends one mail; throws when the server refuses it (the job then retries). */
export async function sendMail(mail: Mail) {
  const message = { from: env.MAIL_FROM, ...mail }
  if (env.SMTP_HOST) {
    const info = await smtpTransport().sendMail(message)
    return { messageId: info.messageId as string }
  }
  const raw = await nodemailer
    .createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
    .sendMail(message)
  const dir = path.resolve(env.MAIL_OUTBOX_DIR)
  await fs.mkdir(dir, { recursive: true })
  const file = path.join(
    dir,
    `${new Date().toISOString().replace(/[:.]/g, '-')}-${raw.messageId.replace(/[^\w.-]/g, '')}.eml`,
  )
  await fs.writeFile(file, raw.message as Buffer, { mode: 0o600 })
  console.log(`[mail] no SMTP_HOST: wrote "${mail.subject}" for ${mail.to} to ${file}`)
  return { messageId: raw.messageId as string, file }
}

/** For shutdown: closes pooled SMTP connections. */
export function closeMail() {
  transport?.close()
  transport = undefined
}
