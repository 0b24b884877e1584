// Pages of the course studio (issue 12 items 1-3): the course list, a course's authoring page, a
// lesson's editor, a quiz lesson, the preview, the publish review and the videos page, at 390 px, axe WCAG 2.1
// AA, in both languages, as the demo instructor of the pack courses (a quiz lesson's preview too).
// Read-only: nothing is saved.
import { expect, test } from '@playwright/test'
import { accounts, signInAs } from './helpers'
import { checkPage, switchLanguage, type Problem } from './page-check'

test.use({ viewport: { width: 390, height: 844 } })

for (const lng of ['id', 'en'] as const) {
  test(`studio pages pass the page check at 390 px (${lng})`, async ({ page }) => {
    test.setTimeout(180_000)
    await signInAs(page, accounts.instructor.nip)
    await switchLanguage(page, lng)
    const problems: Problem[] = []
    await checkPage(page, '/studio/courses', lng, problems)
    const course = await page
      .locator('main a[href^="/studio/courses/"]')
      .first()
      .getAttribute('href')
    expect(course, 'a course the demo instructor teaches').toBeTruthy()
    await checkPage(page, course!, lng, problems)
    const lesson = await page.locator(`a[href^="${course}/lessons/"]`).first().getAttribute('href')
    expect(lesson, 'a lesson of the course').toBeTruthy()
    await checkPage(page, lesson!, lng, problems)
    // A quiz lesson's page: its settings, and links to its questions and quiz settings.
    await page.goto(course!)
    const quizLesson = await page
      .locator(
        'li[data-testid^="lesson-"]:has(a[href^="/authoring/quizzes/"]) a[href*="/lessons/"]',
      )
      .first()
      .getAttribute('href')
    expect(quizLesson, 'a quiz lesson of the course').toBeTruthy()
    await checkPage(page, quizLesson!, lng, problems)
    for (const sub of ['preview', 'publish', 'videos'])
      await checkPage(page, `${course}/${sub}`, lng, problems)
    // The preview of a quiz lesson (its questions as the learner sees them, without the key).
    await page.goto(`${course}/preview`)
    const previews = await page
      .locator('nav ol.outline a')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')!))
    let quizPreview: string | null = null
    for (const href of previews) {
      await page.goto(href)
      if ((await page.getByTestId('preview-question').count()) > 0) {
        quizPreview = href
        break
      }
    }
    expect(quizPreview, 'a quiz lesson in the preview').toBeTruthy()
    await checkPage(page, quizPreview!, lng, problems)
    expect(problems).toEqual([])
  })
}
