import { expect, test, type Page } from '@playwright/test'
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

const COURSE = 'keamanan-digital-asn'

async function progress(page: Page) {
  return Number(await page.getByTestId('course-progress').first().getAttribute('aria-valuenow'))
}

test('an ASN finds a course, learns it to the end and gets the JP', async ({ page }) => {
  test.setTimeout(180_000)
  await signInAs(page, accounts.learner.nip)
  await page.getByRole('link', { name: 'Katalog Kursus', exact: true }).click()
  await page.getByLabel('Cari kursus').fill('phishing')
  await page.getByRole('button', { name: 'Terapkan' }).click()
  await expect(page.getByRole('status')).toContainText('untuk "phishing"')
  await expectAccessible(page)
  await page.getByRole('link', { name: 'Keamanan Digital bagi ASN' }).click()
  await expect(page.getByRole('heading', { name: 'Keamanan Digital bagi ASN' })).toBeVisible()
  await page.getByRole('button', { name: 'Daftar kursus' }).click()

  // Enrolment lands on the first lesson.
  await expect(
    page.getByRole('heading', { name: 'Kata Sandi yang Kuat dan Pengelola Kata Sandi' }),
  ).toBeVisible()
  await expectAccessible(page)
  expect(await progress(page)).toBe(0)
  let last = 0
  for (const slug of await lessonSlugs(page)) {
    if ((await completeLesson(page, COURSE, slug, { expectUnwatched: true })) === 'other') continue
    const now = await progress(page)
    expect(now).toBeGreaterThan(last)
    last = now
  }
  expect(last).toBeLessThan(100)

  // The final quiz: timed, answered, submitted; score and competency levels appear within seconds.
  await page.goto(`/courses/${COURSE}/lessons/kuis-akhir`)
  await expect(page.getByTestId('quiz-overview')).toContainText('Waktu 20 menit')
  await page.getByRole('button', { name: 'Mulai kuis' }).click()
  await expect(page.getByTestId('timer')).toContainText('Sisa waktu: 19:')
  await expectAccessible(page)
  const html = await page.content()
  expect(html).not.toContain('"correct"')
  await answerAll(page)
  await submitAttempt(page)
  await expect(page.getByTestId('quiz-score')).toHaveText('100%', { timeout: 15_000 })
  await expect(page.getByTestId('quiz-result')).toContainText('Lulus')
  const t = page.getByTestId('quiz-competencies')
  await expect(t).not.toContainText('memperbarui', { timeout: 15_000 })
  await expect(page.getByTestId('competency-T.LD.01')).toBeVisible()
  const row = await page.getByTestId('competency-T.LD.01').locator('td').allInnerTexts()
  expect(Number(row[1])).toBeGreaterThanOrEqual(1)

  // The course is complete and its JP are credited.
  await page.goto(`/courses/${COURSE}`)
  await expect(page.getByTestId('course-completed')).toContainText('6 JP telah dicatat')
  expect(await progress(page)).toBe(100)
  await page.goto('/')
  await expect(page.getByTestId('jp-summary')).toContainText('6 JP')

  // Profile: level, gap against the standard, evidence, JP ledger.
  await page.goto('/profile')
  await expect(page.getByTestId('profile-jp')).toContainText('6 JP')
  await expect(page.getByTestId('row-T.LD.01')).toContainText('Keamanan Digital bagi ASN #1')
  await expectAccessible(page)
  // The evidence link sits in the server-rendered competency tables (a fragment): once the page
  // runs JavaScript it is followed by a client-side navigation, the document stays (its marker too).
  await expect(async () => {
    await page.goto('/profile')
    await page.waitForLoadState('networkidle')
    await page.evaluate(() => ((window as unknown as { __stay?: number }).__stay = 1))
    await page.getByTestId('row-T.LD.01').getByRole('link', { name: /#1$/ }).click()
    await expect(page).toHaveURL(/\/quiz\/[^/]+$/)
    await expect(page.getByTestId('quiz-score')).toHaveText('100%')
    expect(await page.evaluate(() => (window as unknown as { __stay?: number }).__stay)).toBe(1)
  }).toPass({ timeout: 30_000 })

  // A second attempt past its deadline: the answer is refused; HIGHEST keeps the first grade.
  await page.goto(`/courses/${COURSE}/lessons/kuis-akhir`)
  await page.getByRole('button', { name: 'Mulai percobaan baru' }).click()
  await expect(page.getByTestId('timer')).toBeVisible()
  const attemptId = page.url().split('/').pop()!
  await withDb((c) =>
    // Past the 2 s grace for saves, not yet past the overdue sweep's 10 s.
    c.query(`UPDATE "QuizAttempt" SET "deadlineAt" = now() - interval '3 seconds' WHERE id = $1`, [
      attemptId,
    ]),
  )
  // Any choice question (the draw is random; the bank has at most 4 typed-answer questions).
  await page.locator('input[type=radio], input[type=checkbox]').first().check()
  await page.getByRole('button', { name: 'Simpan jawaban' }).click()
  await expect(page.getByTestId('quiz-message')).toHaveText(
    'Waktu pengerjaan sudah habis; jawaban ini tidak disimpan. Jawaban yang tersimpan sebelumnya yang dinilai.',
  )
  await submitAttempt(page)
  // Whether the sweep closed it meanwhile or not, the learner is told the saved answers count.
  await expect(page.getByTestId('submit-notice')).toContainText('jawaban yang tersimpan')
  await page.goto(`/courses/${COURSE}/lessons/kuis-akhir`)
  await expect(async () => {
    await page.reload()
    await expect(page.getByTestId('quiz-final')).toContainText('Nilai akhir: 100%', {
      timeout: 500,
    })
    await expect(page.getByText('Belum lulus')).toBeVisible({ timeout: 500 })
  }).toPass({ timeout: 20_000 })
})
