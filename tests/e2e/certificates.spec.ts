// An ASN completes a course and downloads the certificate PDF: its text names them, their NIP,
// the course and its JP; its QR code decodes to the public verification page, which says valid,
// and, after an admin revokes the certificate, revoked.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import jsQR from 'jsqr'
import { withDb } from './db'
import {
  accounts,
  answerAll,
  completeLesson,
  expectAccessible,
  lessonSlugs,
  signInAs,
  submitAttempt,
} from './helpers'

const COURSE = 'pelayanan-publik-prima'

/** Renders page 1 of a PDF (pdftoppm, binary PPM) and reads the QR code on it with jsQR. */
function decodeQr(pdfFile: string) {
  const ppm = execFileSync('pdftoppm', ['-r', '150', '-f', '1', '-l', '1', pdfFile], {
    maxBuffer: 64 * 1024 * 1024,
  })
  // P6 header: "P6\n<w> <h>\n255\n", then RGB bytes.
  const header = ppm
    .subarray(0, 50)
    .toString('latin1')
    .match(/^P6\s+(\d+)\s+(\d+)\s+255\s/)!
  const [w, h] = [Number(header[1]), Number(header[2])]
  const rgb = ppm.subarray(header[0].length)
  const rgba = new Uint8ClampedArray(w * h * 4)
  for (let i = 0, j = 0; i < w * h; i++, j += 3) {
    rgba[i * 4] = rgb[j]!
    rgba[i * 4 + 1] = rgb[j + 1]!
    rgba[i * 4 + 2] = rgb[j + 2]!
    rgba[i * 4 + 3] = 255
  }
  return jsQR(rgba, w, h)?.data ?? null
}

test('an ASN downloads the certificate of a completed course; its QR verifies it until revoked', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000)
  await signInAs(page, accounts.learner2.nip)
  await page.goto(`/courses/${COURSE}`)
  const title = (await page.getByRole('heading', { level: 1 }).innerText()).trim()
  await page.getByRole('button', { name: 'Daftar kursus' }).click()
  await expect(page.locator('[data-testid^="lesson-"]').first()).toBeVisible()
  for (const slug of await lessonSlugs(page)) await completeLesson(page, COURSE, slug)
  await page.goto(`/courses/${COURSE}/lessons/kuis-akhir`)
  await page.getByRole('button', { name: 'Mulai kuis' }).click()
  await expect(page.getByTestId('question').first()).toBeVisible()
  await answerAll(page)
  await submitAttempt(page)
  await expect(page.getByTestId('quiz-score')).toHaveText('100%', { timeout: 15_000 })

  // The certificate job runs in the workers; "Sertifikat saya" lists it once issued.
  await expect(async () => {
    await page.goto('/sertifikat')
    await expect(
      page.getByTestId('certificate').getByRole('link', { name: 'Unduh PDF' }),
    ).toBeVisible({
      timeout: 500,
    })
  }).toPass({ timeout: 30_000 })
  await expectAccessible(page)
  const code = (await page.getByTestId('certificate').locator('code').innerText()).trim()
  expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}-[0-9A-Z]{2}$/)

  // Download from the course page.
  await page.goto(`/courses/${COURSE}`)
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('certificate-download').click(),
  ])
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bina-e2e-cert-'))
  const file = path.join(dir, 'sertifikat.pdf')
  await download.saveAs(file)
  const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' })
  const nip = accounts.learner2.nip
  expect(text).toContain(accounts.learner2.name)
  expect(text).toContain(`NIP ${nip.slice(0, 8)} ${nip.slice(8, 14)} ${nip[14]} ${nip.slice(15)}`)
  expect(text).toContain(title)
  // The JP of the version the learner completed (the course page does not print it as such).
  const jp = await withDb(
    async (c) =>
      (
        await c.query(
          `SELECT cv.jp FROM "Enrolment" e JOIN "CourseVersion" cv ON cv.id = e."courseVersionId"
           JOIN "User" u ON u.id = e."userId" JOIN "Course" co ON co.id = e."courseId"
           WHERE u.nip = $1 AND co.slug = $2`,
          [nip, COURSE],
        )
      ).rows[0].jp as number,
  )
  expect(text).toContain(`dengan beban ${jp} JP`)
  expect(text).toContain(code)
  expect(execFileSync('pdfsig', [file], { encoding: 'utf8' })).toContain('Signature is Valid')

  const url = decodeQr(file)
  expect(url).toBe(`${new URL(page.url()).origin}/verifikasi/${code}`)

  // Anyone (a fresh browser, not signed in) opens the QR URL: valid, with name, course, JP, date.
  const visitorContext = await browser.newContext({ viewport: { width: 360, height: 740 } })
  const visitor = await visitorContext.newPage()
  await visitor.goto(url!)
  await expect(visitor.getByTestId('verify-status')).toHaveAttribute('data-status', 'valid')
  await expect(visitor.getByTestId('verify-holder')).toHaveText(accounts.learner2.name)
  await expect(visitor.getByTestId('verify-course')).toHaveText(title)
  await expect(visitor.getByTestId('verify-status')).not.toContainText(nip)
  expect(await visitor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    360,
  )
  await expectAccessible(visitor)
  // The form takes the code as typed by a person (lower case, spaces).
  await visitor.goto('/verifikasi')
  await visitor.getByLabel('Nomor sertifikat').fill(code.toLowerCase().replace(/-/g, ' '))
  await visitor.getByRole('button', { name: 'Periksa' }).click()
  await expect(visitor.getByTestId('verify-status')).toHaveAttribute('data-status', 'valid')
  await visitor.goto('/verifikasi/ABCD-EFGH-JKMN-PQRS-TV')
  await expect(visitor.getByTestId('verify-status')).toHaveAttribute('data-status', 'unknown')

  // An admin revokes it with a reason; the same QR URL now says revoked, with the reason.
  const adminContext = await browser.newContext()
  const admin = await adminContext.newPage()
  await signInAs(admin, accounts.admin.nip)
  await admin.goto(`/admin/sertifikat?q=${code}`)
  await admin.getByLabel('Alasan pencabutan').selectOption('DATA_ERROR')
  await admin.getByLabel('Keterangan').fill('NIP pada sertifikat keliru')
  await admin.getByRole('button', { name: 'Cabut' }).click()
  await expect(admin.getByRole('status')).toContainText(`Sertifikat ${code} telah dicabut.`)
  await visitor.goto(url!)
  await expect(visitor.getByTestId('verify-status')).toHaveAttribute('data-status', 'revoked')
  await expect(visitor.getByTestId('verify-status')).toContainText('Alasan: Kesalahan data')
  await adminContext.close()
  await visitorContext.close()
})
