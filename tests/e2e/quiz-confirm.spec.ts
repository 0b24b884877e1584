// "Kumpulkan" asks for confirmation (a dialog with JavaScript, a confirmation step without),
// saying how many questions are unanswered; the result page follows grading by itself; the review
// shows no feedback of options the learner did not choose.
import { expect, test, type Page } from '@playwright/test'
import { withDb } from './db'
import { accounts, signInAs } from './helpers'

const COURSE = 'pelayanan-publik-prima'

// Other specs (certificates) use this learner's attempts at this quiz: these tests need attempts
// of their own, so the quiz allows unlimited attempts here (0 = unlimited).
test.beforeAll(async () => {
  await withDb((c) =>
    c.query(
      `UPDATE "Quiz" SET "attemptsAllowed" = 0 WHERE "lessonId" IN (
         SELECT l.id FROM "Lesson" l JOIN "Module" m ON m.id = l."moduleId"
         JOIN "Course" co ON co.id = m."courseId" WHERE co.slug = $1)`,
      [COURSE],
    ),
  )
})

async function startQuiz(page: Page) {
  await page.goto(`/courses/${COURSE}/lessons/kuis-akhir`)
  const start = page.getByRole('button', { name: /^Mulai (kuis|percobaan baru)$/ })
  await start.click()
  await expect(page.getByTestId('question').first()).toBeVisible()
  return page.url().split('/').pop()!
}

async function enrol(page: Page) {
  await page.goto(`/courses/${COURSE}`)
  const enrolButton = page.getByRole('button', { name: 'Daftar kursus' })
  if (await enrolButton.count()) {
    await enrolButton.click()
    // Enrolment lands on the first lesson.
    await page.waitForURL(/\/lessons\//)
  }
}

/** Ticks the first option of the first choice question; returns how many questions there are. */
async function answerOne(page: Page) {
  await page.locator('input[type=radio], input[type=checkbox]').first().check()
  return page.getByTestId('question').count()
}

test('with JavaScript: a dialog counts the unanswered questions before submitting', async ({
  page,
}) => {
  test.setTimeout(90_000)
  await signInAs(page, accounts.learner2.nip)
  await enrol(page)
  const attemptId = await startQuiz(page)
  const total = await answerOne(page)

  await page.getByRole('button', { name: 'Kumpulkan' }).click()
  const dialog = page.getByTestId('confirm-dialog')
  await expect(dialog).toBeVisible()
  await expect(dialog.getByTestId('confirm-unanswered')).toHaveText(
    `${total - 1} dari ${total} soal belum dijawab.`,
  )
  // Going back submits nothing.
  await dialog.getByRole('button', { name: 'Kembali ke soal' }).click()
  await expect(dialog).toBeHidden()
  expect(
    await withDb(async (c) => {
      const r = await c.query('SELECT status::text AS s FROM "QuizAttempt" WHERE id = $1', [
        attemptId,
      ])
      return r.rows[0].s as string
    }),
  ).toBe('IN_PROGRESS')

  await page.getByRole('button', { name: 'Kumpulkan' }).click()
  await dialog.getByRole('button', { name: 'Ya, kumpulkan' }).click()
  // The result page polls the status resource and shows the score once graded.
  await expect(page.getByTestId('quiz-score')).toBeVisible({ timeout: 20_000 })

  // The review: the feedback of options the learner did not choose is not on the page.
  const review = await page.getByTestId('quiz-review').innerText()
  const hidden = await withDb(async (c) => {
    const a = await c.query(
      `SELECT a.layout, COALESCE(json_object_agg(an."questionId", an.response) FILTER (WHERE an."questionId" IS NOT NULL), '{}') AS answers
       FROM "QuizAttempt" a LEFT JOIN "AttemptAnswer" an ON an."attemptId" = a.id
       WHERE a.id = $1 GROUP BY a.id`,
      [attemptId],
    )
    const layout = a.rows[0].layout as { questionId: string; optionIds: string[] }[]
    const answers = a.rows[0].answers as Record<string, { optionIds?: string[] }>
    const chosen = new Set(Object.values(answers).flatMap((r) => r.optionIds ?? []))
    const ids = layout.flatMap((l) => l.optionIds)
    const o = await c.query(
      'SELECT id, feedback FROM "QuestionOption" WHERE id = ANY($1::text[]) AND feedback IS NOT NULL',
      [ids],
    )
    const shownFeedback = new Set(
      o.rows.filter((r) => chosen.has(r.id)).map((r) => r.feedback as string),
    )
    return o.rows
      .filter((r) => !chosen.has(r.id) && !shownFeedback.has(r.feedback))
      .map((r) => r.feedback as string)
  })
  expect(hidden.length).toBeGreaterThan(0)
  for (const f of hidden) expect(review).not.toContain(f)
})

test('without JavaScript: a confirmation step, then the result page refreshes itself until graded', async ({
  browser,
}) => {
  test.setTimeout(90_000)
  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await signInAs(page, accounts.learner2.nip)
  await enrol(page)
  await startQuiz(page)
  const total = await answerOne(page)
  await page.getByRole('button', { name: 'Kumpulkan' }).click()
  await expect(page.getByRole('heading', { name: 'Kumpulkan jawaban?' })).toBeVisible()
  await expect(page.getByTestId('confirm-unanswered')).toHaveText(
    `${total - 1} dari ${total} soal belum dijawab.`,
  )
  await page.getByRole('button', { name: 'Ya, kumpulkan' }).click()
  // No script polls here: the page reloads itself (meta refresh) until the score is shown.
  await expect(page.getByTestId('quiz-score')).toBeVisible({ timeout: 30_000 })
  await context.close()
})

test('at zero time the form becomes read-only, is submitted with the answers on it and graded, and the learner is told', async ({
  page,
}) => {
  test.setTimeout(90_000)
  await signInAs(page, accounts.learner2.nip)
  await enrol(page)
  const attemptId = await startQuiz(page)
  // A short time limit for this attempt (the attempt's deadline is fixed by the server at start).
  await withDb((c) =>
    c.query(`UPDATE "QuizAttempt" SET "deadlineAt" = now() + interval '8 seconds' WHERE id = $1`, [
      attemptId,
    ]),
  )
  await page.reload()
  await expect(page.getByTestId('timer')).toContainText('Sisa waktu: 0:0')
  // The page now counts down to that deadline. The server's copy moves 20 s later, so that holding
  // the automatic submit below (to look at the form) cannot make it arrive late.
  await withDb((c) =>
    c.query(
      `UPDATE "QuizAttempt" SET "deadlineAt" = "deadlineAt" + interval '20 seconds' WHERE id = $1`,
      [attemptId],
    ),
  )
  const choice = page.locator('input[type=radio], input[type=checkbox]').first()
  await choice.check()
  const optionId = await choice.getAttribute('value')

  // The submit the page sends by itself at zero is held until the read-only form has been seen.
  let release!: () => void
  const held = new Promise<void>((r) => (release = r))
  let autoSubmits = 0
  await page.route(`**/quiz/${attemptId}*`, async (route) => {
    const body = route.request().postData() ?? ''
    if (route.request().method() === 'POST' && body.includes('timeUp')) {
      autoSubmits++
      await held
    }
    await route.continue()
  })

  await expect(page.getByTestId('time-up')).toBeVisible({ timeout: 20_000 })
  await expect(page.getByTestId('timer')).toContainText('waktu habis')
  // Read-only: every answer input and both buttons are disabled.
  const form = page.getByTestId('quiz-form')
  const inputs = form.locator('input:not([type=hidden]), textarea, button')
  expect(await inputs.count()).toBeGreaterThan(2)
  for (const input of await inputs.all()) await expect(input).toBeDisabled()
  // Typing or ticking is no longer possible.
  await expect(choice).toBeDisabled()
  await expect.poll(() => autoSubmits).toBe(1)
  release()

  // The result page says what happened, and grading finishes (the status poll refreshes it).
  await expect(page.getByTestId('submit-notice')).toHaveText(
    'Waktu habis: jawaban yang ada di formulir saat itu dikumpulkan otomatis dan dinilai.',
  )
  await expect(page.getByTestId('quiz-score')).toBeVisible({ timeout: 30_000 })
  const row = await withDb(async (c) => {
    const a = await c.query(
      `SELECT status::text AS status, "timedOut" FROM "QuizAttempt" WHERE id = $1`,
      [attemptId],
    )
    const saved = await c.query(
      `SELECT count(*)::int AS n FROM "AttemptAnswer" WHERE "attemptId" = $1 AND response->'optionIds' ? $2`,
      [attemptId, optionId],
    )
    return { ...a.rows[0], saved: saved.rows[0].n as number }
  })
  // Submitted by the page (not closed by the overdue sweep) with the answer on the form, graded.
  expect(row).toEqual({ status: 'GRADED', timedOut: false, saved: 1 })
  expect(autoSubmits).toBe(1)
})
