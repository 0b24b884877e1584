// Done-when check of the phone-first layout and the translations: every page of every role at
// 390 x 844, in both languages, is no wider than the viewport and has no WCAG 2.1 AA violation
// (axe); in English, no Indonesian UI string of the ui area shows outside course content.
import { expect, test, type Page } from '@playwright/test'
import { accounts, signInAs } from './helpers'
import { checkPage, switchLanguage, type Problem } from './page-check'

test.use({ viewport: { width: 390, height: 844 } })

// A learner's course other than the one learning.spec.ts walks through, with another learner.
const COURSE = 'pelayanan-publik-prima'

/** Pages reachable from the page's links matching the selector (first match). */
async function firstHref(page: Page, path: string, selector: string) {
  await page.goto(path)
  const href = await page.locator(selector).first().getAttribute('href')
  expect(href, `a link matching ${selector} on ${path}`).toBeTruthy()
  return href!
}

for (const lng of ['id', 'en'] as const) {
  test.describe(`layout and accessibility at 390 px (${lng})`, () => {
    test.describe.configure({ timeout: 480_000 })

    test(`signed out (${lng})`, async ({ page }) => {
      const problems: Problem[] = []
      await checkPage(page, lng === 'en' ? '/login?lng=en' : '/login', lng, problems)
      expect(problems).toEqual([])
    })

    test(`learner journey (${lng})`, async ({ page }) => {
      await signInAs(page, accounts.learner2.nip)
      await switchLanguage(page, lng)
      const problems: Problem[] = []
      for (const path of [
        '/',
        '/courses',
        `/courses/${COURSE}`,
        '/profile',
        '/notifications',
        '/sertifikat',
        '/evaluasi',
        '/settings/password',
        '/settings/notifikasi',
        // A filter link with values that do not fit: the page answers, saying what it ignored.
        '/courses?maxJp=abc&area=NOPE',
      ])
        await checkPage(page, path, lng, problems)
      // Enrol (idempotent) and open every lesson of the course, the quiz overview included.
      await page.goto(`/courses/${COURSE}`)
      const enrol = page.locator('button[name="intent"][value="enrol"]')
      if (await enrol.count()) {
        await enrol.click()
        await page.waitForURL(/\/lessons\//)
      }
      await page.goto(`/courses/${COURSE}`)
      const lessons = await page
        .locator('.outline a')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href')!))
      expect(lessons.length).toBeGreaterThan(0)
      for (const path of lessons) await checkPage(page, path, lng, problems)
      expect(problems).toEqual([])
    })

    test(`supervisor (${lng})`, async ({ page }) => {
      await signInAs(page, accounts.supervisor.nip)
      await switchLanguage(page, lng)
      const problems: Problem[] = []
      for (const path of [
        '/',
        '/courses',
        '/profile',
        '/team',
        '/team?page=0',
        '/notifications',
        '/supervisi',
        '/supervisi?filter=nope&page=x',
        '/evaluasi/atasan',
        '/sertifikat/ekspor',
      ])
        await checkPage(page, path, lng, problems)
      await checkPage(
        page,
        await firstHref(page, '/team', 'table a[href^="/team/"]'),
        lng,
        problems,
      )
      expect(problems).toEqual([])
    })

    test(`instructor (${lng})`, async ({ page }) => {
      await signInAs(page, accounts.instructor.nip)
      await switchLanguage(page, lng)
      const problems: Problem[] = []
      for (const path of [
        '/',
        '/courses',
        '/profile',
        '/authoring',
        '/authoring/grading',
        '/authoring/bank',
        '/studio/courses',
        '/evaluasi',
      ])
        await checkPage(page, path, lng, problems)
      const quiz = await firstHref(page, '/authoring', 'a[href^="/authoring/quizzes/"]')
      await checkPage(page, quiz, lng, problems)
      expect(problems).toEqual([])
    })

    test(`admin (${lng})`, async ({ page }) => {
      await signInAs(page, accounts.admin.nip)
      await switchLanguage(page, lng)
      const problems: Problem[] = []
      for (const path of [
        '/',
        '/admin/users',
        '/admin/users/new',
        '/admin/org',
        '/admin/jobs',
        '/admin/audit',
        '/admin/audit?from=2026-02-30&page=-1',
        '/admin/import',
        '/admin/sertifikat',
        '/admin/courses/instructors',
        '/admin/users?q=&page=abc',
        '/evaluasi/revisi',
        '/authoring',
        '/notifications',
      ])
        await checkPage(page, path, lng, problems)
      const user = await firstHref(page, '/admin/users', 'table a[href^="/admin/users/"]')
      await checkPage(page, user, lng, problems)
      expect(problems).toEqual([])
    })
  })
}
