// Password lifecycle and a video lesson without JavaScript, in Chromium (issue 10): an admin
// creates an account whose temporary password must be changed at first sign-in; "Lupa kata sandi"
// mails a link through the local SMTP server (tests/support/smtp-sink.ts, started by
// scripts/e2e-server.sh), the link sets a new password once; and a video lesson is completed with
// JavaScript OFF, the confirmation accepted only once the video's duration has passed.
import fs from 'node:fs'
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { withDb } from './db'
import { accounts, signIn, signInAs, signOut } from './helpers'

const PORT = Number(process.env.E2E_PORT ?? 3100)
const MAIL_DIR = path.resolve(`storage/e2e-mail-${PORT}`)
const NIP = '199004172014042011'
const EMAIL = 'dewi.lestari@test.jambiprov.go.id'
const NAME = 'Dewi Lestari, S.E.'
const CHANGED = 'Sungai-Tembesi-2026'
const RESET = 'Danau-Kerinci-2026'

test.describe.configure({ mode: 'serial' })

/** The newest mail to `to` that arrived after `since` (ms), decoded from quoted-printable. */
async function mailTo(to: string, since: number) {
  let found: string | undefined
  await expect(async () => {
    const files = fs.existsSync(MAIL_DIR) ? fs.readdirSync(MAIL_DIR).sort() : []
    for (const f of files.reverse()) {
      if (Number(f.split('-')[0]) < since) continue
      const m = JSON.parse(fs.readFileSync(path.join(MAIL_DIR, f), 'utf8')) as {
        to: string[]
        raw: string
      }
      if (m.to.includes(to)) {
        found = m.raw.replace(/=\r?\n/g, '').replace(/=3D/gi, '=')
        break
      }
    }
    expect(found, `a mail to ${to}`).toBeTruthy()
  }).toPass({ timeout: 20_000 })
  return found!
}

async function expectHome(page: Page) {
  await expect(page.getByRole('heading', { name: `Selamat datang, ${NAME}` })).toBeVisible()
}

test('a temporary password must be changed at the first sign-in', async ({ page }) => {
  await signInAs(page, accounts.admin.nip)
  await page.goto('/admin/users/new')
  await page.getByLabel(/^NIP 18 digit/).fill(NIP)
  await page.getByLabel('Nama lengkap (dengan gelar)').fill(NAME)
  await page.getByLabel('Email').fill(EMAIL)
  await page.getByLabel('Unit kerja').selectOption({ index: 1 })
  await page.getByLabel('Jabatan').selectOption({ index: 1 })
  await page.getByRole('button', { name: 'Simpan' }).click()
  const temp = (await page.getByTestId('temp-password').textContent())!.trim()
  expect(temp.length).toBeGreaterThanOrEqual(10)
  await signOut(page)

  await signIn(page, NIP, temp)
  await expect(page).toHaveURL(/\/settings\/password$/)
  await expect(
    page.getByText('Anda masuk dengan kata sandi sementara.', { exact: false }),
  ).toBeVisible()
  // Every page leads back here until the password is changed.
  for (const p of ['/', '/courses', '/profile']) {
    await page.goto(p)
    await expect(page).toHaveURL(/\/settings\/password$/)
  }
  // A wrong current password is refused; the new one must follow the policy.
  await page.getByLabel('Kata sandi saat ini').fill('bukan-yang-sementara')
  await page.getByLabel(/^Kata sandi baru/).fill(CHANGED)
  await page.getByLabel('Ulangi kata sandi baru').fill(CHANGED)
  await page.getByRole('button', { name: 'Simpan kata sandi baru' }).click()
  await expect(page.getByText('Kata sandi saat ini salah.')).toBeVisible()
  await page.getByLabel('Kata sandi saat ini').fill(temp)
  await page.getByLabel(/^Kata sandi baru/).fill('Bina-Jambi-2026')
  await page.getByLabel('Ulangi kata sandi baru').fill('Bina-Jambi-2026')
  await page.getByRole('button', { name: 'Simpan kata sandi baru' }).click()
  await expect(page).toHaveURL(/\/settings\/password$/)
  await expect(page.locator('.field-error').first()).toBeVisible()
  await page.getByLabel('Kata sandi saat ini').fill(temp)
  await page.getByLabel(/^Kata sandi baru/).fill(CHANGED)
  await page.getByLabel('Ulangi kata sandi baru').fill(CHANGED)
  await page.getByRole('button', { name: 'Simpan kata sandi baru' }).click()
  await expectHome(page)
  await signOut(page)
  // The temporary password no longer works; the new one does, straight to the home page.
  await signIn(page, NIP, temp)
  await expect(page.getByText('NIP/email atau kata sandi salah.')).toBeVisible()
  await signIn(page, EMAIL, CHANGED)
  await expectHome(page)
})

test('"Lupa kata sandi" mails a single-use link through SMTP that sets a new password', async ({
  page,
}) => {
  const since = Date.now() - 1000
  await page.goto('/login')
  await page.getByRole('link', { name: 'Lupa kata sandi?' }).click()
  await expect(page).toHaveURL(/\/forgot-password$/)
  await page.getByLabel('NIP atau email').fill(EMAIL)
  await page.getByRole('button', { name: 'Kirim tautan' }).click()
  await expect(page.getByTestId('reset-sent')).toBeVisible()

  const mail = await mailTo(EMAIL, since)
  const link = mail.match(/https?:\/\/[^\s"<>]+\/reset-password\?token=[\w-]+/)?.[0]
  expect(link, 'a reset link in the mail').toBeTruthy()
  const url = new URL(link!)
  await page.goto(`${url.pathname}${url.search}`)
  await page.getByLabel(/^Kata sandi baru/).fill(RESET)
  await page.getByLabel('Ulangi kata sandi baru').fill(RESET)
  await page.getByRole('button', { name: 'Simpan dan masuk' }).click()
  await expect(page).toHaveURL(/\/login\?reason=password-reset$/)

  // Used once: the same link is refused now.
  await page.goto(`${url.pathname}${url.search}`)
  await expect(page.getByRole('alert')).toBeVisible()
  await expect(page.getByLabel(/^Kata sandi baru/)).toHaveCount(0)

  await signIn(page, NIP, CHANGED)
  await expect(page.getByText('NIP/email atau kata sandi salah.')).toBeVisible()
  await signIn(page, NIP, RESET)
  await expectHome(page)
})

test('a video lesson is completed with JavaScript off, once its duration has passed', async ({
  browser,
}) => {
  test.setTimeout(60_000)
  const COURSE = 'pengelolaan-keuangan-daerah'
  const LESSON = 'video-alur-pencairan-dana'
  // A test video of a few seconds: the server judges the confirmation by the stored duration.
  const DURATION_S = 6
  await withDb((c) =>
    c.query(
      `UPDATE "Video" SET "durationSec" = $1 WHERE id IN (
         SELECT l."videoId" FROM "Lesson" l WHERE l.slug = $2)`,
      [DURATION_S, LESSON],
    ),
  )
  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await signIn(page, NIP, RESET)
  await expectHome(page)
  await page.goto(`/courses/${COURSE}`)
  await page.getByRole('button', { name: 'Daftar kursus' }).click()
  await page.goto(`/courses/${COURSE}/lessons/${LESSON}`)
  const opened = Date.now()
  await expect(page.locator('video')).toBeVisible()
  await expect(page.getByTestId('video-status')).toContainText('Ditonton 0%')

  // At once: refused, with the time left.
  await page.getByRole('button', { name: 'Saya sudah menonton' }).click()
  await expect(page.getByRole('status')).toContainText(/konfirmasi bisa dikirim sekitar \d+ detik/)
  await expect(page.getByTestId('video-status')).toContainText('Ditonton 0%')

  // After the duration: accepted, the lesson counts.
  await page.waitForTimeout(Math.max(0, opened + (DURATION_S + 1) * 1000 - Date.now()))
  await page.getByRole('button', { name: 'Saya sudah menonton' }).click()
  await expect(page.getByTestId('video-status')).toHaveText('Video selesai ditonton.')
  await expect(page.getByTestId('confirm-watched')).toHaveCount(0)
  await context.close()
})
