// Issue 12, item 1 and the preview: an instructor adds, renames, reorders and removes modules and
// lessons on the course page, with JavaScript and without it (each form posts and the server
// redirects back to the page); the preview shows the draft as a learner will see it: the lesson
// order, a lesson's rich text rendered, a quiz's questions without the answer key or feedback.
// A learner cannot open the preview.
import { expect, test, type Browser, type Page } from '@playwright/test'
import { withDb } from './db'
import { accounts, signInAs } from './helpers'

const STAMP = Date.now().toString(36)

async function createCourse(page: Page, title: string) {
  await page.goto('/studio/courses')
  await page.getByLabel('Judul kursus').fill(title)
  await page
    .getByLabel('Ringkasan (2–3 kalimat)')
    .fill('Kursus uji susunan modul dan pelajaran di studio pengajar.')
  await page.getByLabel('Bidang program').selectOption('PELAYANAN_PUBLIK')
  await page.getByLabel('JP (jam pelajaran) yang diberikan').fill('1')
  await page.getByRole('button', { name: 'Buat kursus' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title)
  return new URL(page.url()).pathname
}

/** The course page's outline: each module's heading with its lesson titles, in order. */
async function outline(page: Page) {
  return page
    .locator('[data-testid^="module-"]')
    .evaluateAll((mods) =>
      mods.map((m) => [
        m.querySelector('h3')!.textContent!.replace(/^Modul \d+: /, ''),
        [...m.querySelectorAll('ol > li > a')].map((a) => a.textContent),
      ]),
    )
}

/** Builds and rearranges a course on its page; `js`: whether the browser runs the page's scripts. */
async function buildAndRearrange(page: Page, js: boolean) {
  const title = `Susunan ${js ? 'JS' : 'HTML'} ${STAMP}`
  const course = await createCourse(page, title)
  // Without JavaScript every post answers with a redirect back to the page (post/redirect/get).
  const submit = async (click: () => Promise<void>) => {
    if (js) {
      const [post] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST'),
        click(),
      ])
      expect(post.status()).toBe(200)
      await expect(page.getByTestId('course-saved')).toBeVisible()
      return
    }
    const [post] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      click(),
    ])
    expect(post.status()).toBe(303)
    await page.waitForURL((u) => u.pathname === course && u.searchParams.get('saved') === '1')
    await expect(page.getByTestId('course-saved')).toHaveText('Perubahan tersimpan di draf.')
  }
  for (const name of ['Modul Alfa', 'Modul Beta']) {
    const before = await page.locator('[data-testid^="module-"]').count()
    await page.getByLabel('Judul modul baru').fill(name)
    await submit(() => page.getByRole('button', { name: 'Tambah modul' }).click())
    await expect(page.locator('[data-testid^="module-"]')).toHaveCount(before + 1)
  }
  const addLesson = async (mod: number, name: string) => {
    const card = page.getByTestId(`module-${mod}`)
    await card.getByLabel('Judul pelajaran').fill(name)
    await submit(() => card.getByRole('button', { name: /^Tambah pelajaran/ }).click())
    await expect(card.getByRole('link', { name, exact: true })).toBeVisible()
  }
  await addLesson(0, 'Pelajaran Satu')
  await addLesson(0, 'Pelajaran Dua')
  await addLesson(0, 'Pelajaran Tiga')
  await addLesson(1, 'Pelajaran Empat')
  await expect
    .poll(() => outline(page))
    .toEqual([
      ['Modul Alfa', ['Pelajaran Satu', 'Pelajaran Dua', 'Pelajaran Tiga']],
      ['Modul Beta', ['Pelajaran Empat']],
    ])

  // The first item cannot go up nor the last down: those buttons are disabled.
  await expect(page.getByRole('button', { name: 'Naikkan Modul Alfa' })).toBeDisabled()
  await expect(page.getByRole('button', { name: 'Turunkan Modul Beta' })).toBeDisabled()
  await expect(page.getByRole('button', { name: 'Naikkan Pelajaran Satu' })).toBeDisabled()
  await expect(page.getByRole('button', { name: 'Turunkan Pelajaran Tiga' })).toBeDisabled()
  await expect(page.getByRole('button', { name: 'Naikkan Pelajaran Empat' })).toBeDisabled()

  const alfa = page.getByTestId('module-0')
  await alfa.getByLabel('Nama baru modul Modul Alfa').fill('Modul Pertama')
  await submit(() => alfa.getByRole('button', { name: 'Ganti nama' }).click())
  await submit(() => page.getByRole('button', { name: 'Naikkan Pelajaran Tiga' }).click())
  await submit(() => page.getByRole('button', { name: 'Naikkan Modul Beta' }).click())
  await submit(() => page.getByRole('button', { name: 'Hapus Pelajaran Satu' }).click())
  await expect
    .poll(() => outline(page))
    .toEqual([
      ['Modul Beta', ['Pelajaran Empat']],
      ['Modul Pertama', ['Pelajaran Tiga', 'Pelajaran Dua']],
    ])
  // The page as the server has it now (a reload re-posts nothing: the last answer was a GET).
  await page.reload()
  expect(await outline(page)).toEqual([
    ['Modul Beta', ['Pelajaran Empat']],
    ['Modul Pertama', ['Pelajaran Tiga', 'Pelajaran Dua']],
  ])
  return course
}

/** The preview's outline: "module · lesson" per line. */
async function previewOutline(page: Page) {
  return (
    await page.getByRole('navigation', { name: 'Daftar pelajaran' }).locator('li').allInnerTexts()
  ).map((t) => t.replace(/\s+/g, ' ').trim())
}

async function learnerIsRefused(browser: Browser, path: string) {
  const context = await browser.newContext()
  const learner = await context.newPage()
  await signInAs(learner, accounts.learner.nip)
  const res = await learner.goto(path)
  expect(res!.status()).toBe(403)
  await expect(learner.locator('body')).not.toContainText('Pratinjau draf')
  await context.close()
}

test('with JavaScript: modules and lessons added, renamed, moved and removed; the preview follows', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000)
  await signInAs(page, accounts.instructor.nip)
  const course = await buildAndRearrange(page, true)
  await page.getByRole('link', { name: 'Pratinjau sebagai peserta' }).click()
  await expect(page).toHaveURL(`${course}/preview`)
  expect(await previewOutline(page)).toEqual([
    'Modul Beta · Pelajaran Empat',
    'Modul Pertama · Pelajaran Tiga',
    'Modul Pertama · Pelajaran Dua',
  ])
  await expect(page.getByTestId('preview-lesson').getByRole('heading')).toHaveText(
    'Pelajaran Empat',
  )
  await learnerIsRefused(browser, `${course}/preview`)
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('the same edits post and redirect; the preview renders the draft lesson as a learner sees it', async ({
    page,
  }) => {
    test.setTimeout(120_000)
    await signInAs(page, accounts.instructor.nip)
    const course = await buildAndRearrange(page, false)

    // The lesson's text as the packs' Markdown (the no-JavaScript editor), saved to the draft.
    await page.getByRole('link', { name: 'Pelajaran Tiga', exact: true }).click()
    await page
      .getByLabel('Isi pelajaran (Markdown sederhana)')
      .fill(
        '## Standar pelayanan\n\nLayanan **wajib** mengikuti [Permenpan](https://jdih.menpan.go.id/).\n\n- Waktu\n- Biaya',
      )
    await page.getByTestId('save-content').click()

    await page.goto(`${course}/preview?lesson=pelajaran-tiga`)
    expect(await previewOutline(page)).toEqual([
      'Modul Beta · Pelajaran Empat',
      'Modul Pertama · Pelajaran Tiga',
      'Modul Pertama · Pelajaran Dua',
    ])
    const lesson = page.getByTestId('preview-lesson')
    await expect(lesson.getByRole('heading', { level: 2 }).first()).toHaveText('Pelajaran Tiga')
    const body = lesson.locator('.lesson-body')
    await expect(body.locator('h2')).toHaveText('Standar pelayanan')
    await expect(body.locator('strong')).toHaveText('wajib')
    await expect(body.locator('a[href="https://jdih.menpan.go.id/"]')).toHaveText('Permenpan')
    await expect(body.locator('li')).toHaveText(['Waktu', 'Biaya'])
    // The preview links of the outline work without JavaScript too.
    await page.getByRole('link', { name: 'Pelajaran Dua' }).click()
    await expect(lesson.getByRole('heading').first()).toHaveText('Pelajaran Dua')
    await expect(body).not.toContainText('Standar pelayanan')
  })
})

test('the preview of a quiz lesson shows its questions without the key or any feedback', async ({
  page,
}) => {
  await signInAs(page, accounts.instructor.nip)
  const { courseId, lessonSlug, questions, secrets } = await withDb(async (c) => {
    const lesson = await c.query(
      `SELECT l.slug, m."courseId", s."categoryId" FROM "Lesson" l JOIN "Module" m ON m.id = l."moduleId"
       JOIN "Course" co ON co.id = m."courseId" JOIN "Quiz" q ON q."lessonId" = l.id
       JOIN "QuizSlot" s ON s."quizId" = q.id
       WHERE co.slug = 'keamanan-digital-asn' AND l."archivedAt" IS NULL AND s."categoryId" IS NOT NULL
       ORDER BY s.position LIMIT 1`,
    )
    const row = lesson.rows[0]
    const qs = await c.query(
      `SELECT v.text, v.feedback, v."acceptedAnswers", v.type FROM "Question" q
       JOIN "QuestionVersion" v ON v.id = q."currentVersionId"
       WHERE q."categoryId" = $1 AND q."archivedAt" IS NULL`,
      [row.categoryId],
    )
    const opts = await c.query(
      `SELECT o.feedback FROM "QuestionOption" o JOIN "Question" q ON q.id = o."questionId"
       WHERE q."categoryId" = $1 AND o.feedback IS NOT NULL`,
      [row.categoryId],
    )
    const feedback = [
      ...qs.rows.map((r) => r.feedback as string | null),
      ...opts.rows.map((r) => r.feedback as string | null),
    ].filter((f): f is string => Boolean(f && f.trim().length > 8))
    const accepted = qs.rows
      .filter((r) => r.type === 'SHORT')
      .flatMap((r) => r.acceptedAnswers as string[])
    return {
      courseId: row.courseId as string,
      lessonSlug: row.slug as string,
      questions: qs.rows.map((r) => r.text as string),
      secrets: [...feedback, ...accepted],
    }
  })
  expect(questions.length, 'the pack quiz draws from a category with questions').toBeGreaterThan(1)
  expect(secrets.length, 'the pack questions carry feedback to keep hidden').toBeGreaterThan(0)
  await page.goto(`/studio/courses/${courseId}/preview?lesson=${lessonSlug}`)
  const lesson = page.getByTestId('preview-lesson')
  await expect(page.getByTestId('preview-question')).toHaveCount(questions.length)
  const shown = await lesson.innerText()
  for (const q of questions) expect(shown).toContain(q.split('[[gambar:')[0]!.trim().split('\n')[0])
  for (const s of secrets) expect(shown, `hidden: ${s}`).not.toContain(s)
  // No input is answerable and nothing is marked right.
  await expect(lesson.locator('input:not([disabled]), textarea:not([disabled])')).toHaveCount(0)
  await expect(lesson).not.toContainText('(benar)')
  await expect(page.getByTestId('preview-draw')).toContainText('Setiap percobaan mengundi')
})
