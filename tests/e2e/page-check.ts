// Shared page check of the phone-first layout and the translations (issue 8's Done-when): a page
// at the test's viewport is no wider than the viewport, has no WCAG 2.1 AA violation (axe) and,
// in English, shows no Indonesian UI phrase. Every area's page spec uses it.
import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'
import id from '../../app/locales/id'
import en from '../../app/locales/en'

type Tree = { [k: string]: string | Tree }

/**
 * Indonesian UI phrases to look for on English pages: the longest fixed part of each message of
 * every section that differs from its English text, long enough not to collide with names or
 * content. Left out, as content-like: the programme area names (also words in course titles).
 */
const CONTENT_LIKE = new Set(['ui.areas', 'areas'])
function sections(a: Tree, b: Tree, prefix = ''): [string, string][] {
  const out: [string, string][] = []
  for (const [k, v] of Object.entries(a)) {
    const path = prefix ? `${prefix}.${k}` : k
    if (CONTENT_LIKE.has(path)) continue
    const w = b[k]
    if (typeof v === 'string' && typeof w === 'string') out.push([v, w])
    else if (typeof v === 'object' && typeof w === 'object') out.push(...sections(v, w, path))
  }
  return out
}
const englishTexts = sections(en as unknown as Tree, en as unknown as Tree).map(([e]) => e)
const indonesianPhrases = [
  ...new Set(
    sections(id as unknown as Tree, en as unknown as Tree)
      .filter(([i, e]) => i !== e)
      .map(
        ([i]) =>
          i
            .split(/\{\{\w+\}\}/)
            .map((s) => s.trim())
            .sort((a, b) => b.length - a.length)[0]!,
      )
      .filter((s) => s.length >= 12 && s.includes(' '))
      // A phrase that English uses too (a name, a code) says nothing about the language.
      .filter((s) => !englishTexts.some((e) => e.includes(s))),
  ),
]

export async function switchLanguage(page: Page, lng: 'id' | 'en') {
  await page.goto('/')
  const select = page.locator('#lng-select')
  await select.selectOption(lng)
  await page.locator('form[action="/settings/language"] button[type="submit"]').click()
  await expect(page.locator('html')).toHaveAttribute('lang', lng)
}

export type Problem = string

export async function checkPage(
  page: Page,
  path: string,
  lng: 'id' | 'en',
  problems: Problem[],
  /** The status the page answers with: 200 unless it is a "not found" page by design. */
  status = 200,
) {
  const res = await page.goto(path)
  const got = res?.status() ?? 0
  if (status === 200 ? !res || got >= 400 : got !== status)
    problems.push(`${lng} ${path}: HTTP ${got}`)
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
  if (lng === 'en') {
    // UI text only: course content (lesson bodies, course titles and summaries) is excluded.
    const text = await page.evaluate(() => {
      const clone = document.body.cloneNode(true) as HTMLElement
      clone
        .querySelectorAll(
          '.lesson-body, [data-content], [data-untranslated], script, .course-card p, .outline',
        )
        .forEach((el) => el.remove())
      // The page title too (set by each route's meta).
      return `${document.title}\n${clone.innerText}`
    })
    for (const phrase of indonesianPhrases)
      if (text.includes(phrase)) problems.push(`en ${path}: Indonesian UI text "${phrase}"`)
  }
}
