import { expect, test, type Page } from '@playwright/test'
import { withDb } from './db'
import { accounts, expectAccessible, signInAs } from './helpers'

// The final quiz of Keamanan Digital bagi ASN. Other specs rely on its settings (20 minutes, three
// attempts, highest grade), so every change made here is put back at the end, whatever happens.
const QUIZ_SQL = `
  SELECT q.id, q."passMark", q."attemptsAllowed", q."gradingMethod"::text AS "gradingMethod",
         q."timeLimitSec", q."openAt"::text AS "openAt", q."closeAt"::text AS "closeAt",
         q."shuffleQuestions", q."shuffleOptions", q."reviewAfterSubmit", q."reviewAfterClose"
  FROM "Quiz" q
  JOIN "Lesson" l ON l.id = q."lessonId"
  JOIN "Module" m ON m.id = l."moduleId"
  JOIN "Course" c ON c.id = m."courseId"
  WHERE c.slug = 'keamanan-digital-asn' AND l.slug = 'kuis-akhir'`

type QuizRow = {
  id: string
  passMark: number
  attemptsAllowed: number
  gradingMethod: string
  timeLimitSec: number | null
  openAt: string | null
  closeAt: string | null
  shuffleQuestions: boolean
  shuffleOptions: boolean
  reviewAfterSubmit: unknown
  reviewAfterClose: unknown
}

function readQuiz() {
  return withDb(async (c) => {
    const quiz = (await c.query<QuizRow>(QUIZ_SQL)).rows[0]!
    const slots = await c.query<{ id: string; drawCount: number }>(
      'SELECT id, "drawCount" FROM "QuizSlot" WHERE "quizId" = $1',
      [quiz.id],
    )
    return { quiz, slots: slots.rows }
  })
}

let original: Awaited<ReturnType<typeof readQuiz>>

test.beforeAll(async () => {
  original = await readQuiz()
})

test.afterAll(async () => {
  const q = original.quiz
  await withDb(async (c) => {
    await c.query(
      `UPDATE "Quiz" SET "passMark" = $2, "attemptsAllowed" = $3,
         "gradingMethod" = $4::"GradingMethod", "timeLimitSec" = $5,
         "openAt" = $6::timestamp, "closeAt" = $7::timestamp,
         "shuffleQuestions" = $8, "shuffleOptions" = $9,
         "reviewAfterSubmit" = $10::jsonb, "reviewAfterClose" = $11::jsonb
       WHERE id = $1`,
      [
        q.id,
        q.passMark,
        q.attemptsAllowed,
        q.gradingMethod,
        q.timeLimitSec,
        q.openAt,
        q.closeAt,
        q.shuffleQuestions,
        q.shuffleOptions,
        JSON.stringify(q.reviewAfterSubmit),
        JSON.stringify(q.reviewAfterClose),
      ],
    )
    for (const s of original.slots)
      await c.query('UPDATE "QuizSlot" SET "drawCount" = $2 WHERE id = $1', [s.id, s.drawCount])
  })
})

async function openSettings(page: Page) {
  await page.goto('/authoring')
  await page
    .getByRole('link', { name: /^Pengaturan kuis Kuis Akhir, Keamanan Digital bagi ASN$/ })
    .click()
  await expect(page.getByRole('heading', { name: 'Pengaturan kuis: Kuis Akhir' })).toBeVisible()
}

/** The error shown for a field, which the field points to with aria-describedby. */
async function expectFieldError(page: Page, label: string, message: string) {
  const input = page.getByLabel(label, { exact: true })
  await expect(input).toHaveAttribute('aria-invalid', 'true')
  const error = page.getByText(message, { exact: true })
  await expect(error).toBeVisible()
  const errorId = await error.getAttribute('id')
  expect(errorId).toBeTruthy()
  expect((await input.getAttribute('aria-describedby'))?.split(' ')).toContain(errorId)
}

test('an instructor changes quiz settings and gets field errors in Indonesian', async ({
  page,
}) => {
  test.setTimeout(60_000)
  await signInAs(page, accounts.instructor.nip)
  await page.goto('/authoring')
  await expect(page.getByRole('heading', { name: 'Kuis', exact: true })).toBeVisible()
  await expectAccessible(page)
  await openSettings(page)
  await expectAccessible(page)

  const passMark = page.getByLabel('Nilai lulus (%)', { exact: true })
  const timeLimit = page.getByLabel('Batas waktu pengerjaan (menit)', { exact: true })
  const closeAt = page.getByLabel('Waktu tutup', { exact: true })
  await expect(passMark).toHaveValue(String(original.quiz.passMark))
  await expect(timeLimit).toHaveValue('20')

  // An invalid pass mark: refused with the message next to the field; nothing stored.
  await passMark.fill('150')
  await page.getByRole('button', { name: 'Simpan pengaturan' }).click()
  await expectFieldError(page, 'Nilai lulus (%)', 'Nilai lulus harus bilangan bulat 0–100.')
  await expect(page.getByTestId('settings-error')).toBeVisible()
  await expect(passMark).toHaveValue('150')
  await expectAccessible(page)
  expect((await readQuiz()).quiz.passMark).toBe(original.quiz.passMark)

  // A valid change: a longer time limit and a close time entered in WIB.
  await passMark.fill(String(original.quiz.passMark))
  await timeLimit.fill('25')
  await closeAt.fill('2099-12-31T17:00')
  await page.getByRole('button', { name: 'Simpan pengaturan' }).click()
  await expect(page.getByTestId('settings-saved')).toContainText('Pengaturan kuis disimpan.')
  await expect(page.getByTestId('settings-error')).toHaveCount(0)
  await expect(passMark).not.toHaveAttribute('aria-invalid')
  await expect(timeLimit).toHaveValue('25')
  await expect(closeAt).toHaveValue('2099-12-31T17:00')
  await expectAccessible(page)
  const stored = (await readQuiz()).quiz
  expect(stored.timeLimitSec).toBe(25 * 60)
  // 17:00 WIB is 10:00 UTC (the column holds UTC).
  expect(stored.closeAt).toBe('2099-12-31 10:00:00')

  // Back to the settings the other specs rely on, through the page.
  await page.reload()
  await expect(timeLimit).toHaveValue('25')
  await timeLimit.fill('20')
  await closeAt.fill('')
  await page.getByRole('button', { name: 'Simpan pengaturan' }).click()
  await expect(page.getByTestId('settings-saved')).toBeVisible()
  const restored = (await readQuiz()).quiz
  expect(restored.timeLimitSec).toBe(20 * 60)
  expect(restored.closeAt).toBeNull()
  expect(restored.attemptsAllowed).toBe(original.quiz.attemptsAllowed)
  expect(restored.gradingMethod).toBe(original.quiz.gradingMethod)
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('the form still validates and saves with a plain POST', async ({ page }) => {
    test.setTimeout(60_000)
    await signInAs(page, accounts.instructor.nip)
    await openSettings(page)
    await page.getByLabel('Waktu buka', { exact: true }).fill('2026-03-10T10:00')
    await page.getByLabel('Waktu tutup', { exact: true }).fill('2026-03-10T09:00')
    await page.getByRole('button', { name: 'Simpan pengaturan' }).click()
    await expectFieldError(page, 'Waktu tutup', 'Waktu tutup harus setelah waktu buka.')
    // What was entered is still in the form.
    await expect(page.getByLabel('Waktu buka', { exact: true })).toHaveValue('2026-03-10T10:00')
    expect((await readQuiz()).quiz.openAt).toBe(original.quiz.openAt)

    await page.getByLabel('Waktu buka', { exact: true }).fill('')
    await page.getByLabel('Waktu tutup', { exact: true }).fill('')
    await page.getByRole('button', { name: 'Simpan pengaturan' }).click()
    await expect(page.getByTestId('settings-saved')).toBeVisible()
    const q = (await readQuiz()).quiz
    expect(q.openAt).toBeNull()
    expect(q.closeAt).toBeNull()
    expect(q.timeLimitSec).toBe(original.quiz.timeLimitSec)
  })
})
