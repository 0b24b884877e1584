import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'
import { answerKey } from './db'

export const PASSWORD = 'Bina-Jambi-2026'
export const accounts = {
  admin: { nip: '199001012015031004', name: 'Rahmat Hidayat, S.Kom.' },
  instructor: { nip: '197511202000031003', name: 'Dr. Siti Aminah, M.Si.' },
  supervisor: { nip: '198007102005011002', name: 'Hendra Saputra, S.E., M.Ak.' },
  learner: { nip: '199203152019032001', name: 'Nurul Fadhilah, S.Ak.' },
  learner2: { nip: '199505052020121005', name: 'Yoga Pratama, A.Md.' },
} as const

export async function signIn(page: Page, identifier: string, password = PASSWORD) {
  await page.goto('/login')
  await page.getByLabel('NIP atau email').fill(identifier)
  await page.getByLabel('Kata sandi').fill(password)
  await page.getByRole('button', { name: 'Masuk' }).click()
}

/** Signs in and waits for the home page. */
export async function signInAs(page: Page, identifier: string, password = PASSWORD) {
  const home = page.getByRole('heading', { name: /^Selamat datang, / })
  const wait = page.getByText(/Coba lagi dalam \d+ detik/)
  await signIn(page, identifier, password)
  // An account that another spec delayed on purpose (repeated failures) is told how long to wait:
  // wait that long, as a person would, and sign in again.
  for (let i = 0; i < 3; i++) {
    await expect(home.or(wait)).toBeVisible()
    if (!(await wait.isVisible())) break
    const seconds = Number((await wait.innerText()).match(/(\d+) detik/)![1])
    await page.waitForTimeout((seconds + 1) * 1000)
    await signIn(page, identifier, password)
  }
  await expect(home).toBeVisible()
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Keluar' }).click()
  await expect(page.getByText('Anda telah keluar.')).toBeVisible()
}

/** No serious or critical axe-core violations on the current page. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze()
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([])
}

/** The slugs of the lessons listed in the outline of the current course or lesson page. */
export function lessonSlugs(page: Page) {
  return page
    .locator('[data-testid^="lesson-"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice(7)))
}

/**
 * Opens a lesson and completes it as a learner would: marks a text lesson done, or watches its
 * video to the end (muted, at 2x, the fastest rate the server finds plausible:
 * app/domain/video-progress.ts). Returns what the lesson was; a quiz lesson is left as it is.
 * `expectUnwatched`: a video lesson must first show that nothing has been watched yet.
 */
export async function completeLesson(
  page: Page,
  course: string,
  slug: string,
  opts: { expectUnwatched?: boolean } = {},
): Promise<'text' | 'video' | 'other'> {
  await page.goto(`/courses/${course}/lessons/${slug}`)
  const markDone = page.getByRole('button', { name: 'Tandai selesai' })
  const video = page.getByTestId('lesson-video')
  if (await markDone.count()) {
    await markDone.click()
    await expect(page.getByTestId('lesson-done')).toBeVisible()
    return 'text'
  }
  if (!(await video.count())) return 'other'
  if (opts.expectUnwatched)
    await expect(page.getByTestId('video-status')).toContainText('Ditonton 0%')
  await video.evaluate(async (v: HTMLVideoElement) => {
    v.muted = true
    v.playbackRate = 2
    await v.play()
  })
  await expect(page.getByTestId('video-status')).toHaveText('Video selesai ditonton.', {
    timeout: 60_000,
  })
  return 'video'
}

/** Answers every question on the attempt page right, using the answer key in the database. */
export async function answerAll(page: Page) {
  const questions = page.getByTestId('question')
  const n = await questions.count()
  for (let i = 0; i < n; i++) {
    const q = questions.nth(i)
    const legend = q.locator('legend')
    const isChoice = (await legend.count()) > 0
    const raw = isChoice ? await legend.innerText() : await q.locator('label').first().innerText()
    const text = raw
      .replace(/^\d+\.\s*/, '')
      .replace(/\s*\(pilih semua yang benar\)\s*$/, '')
      .trim()
    const key = await answerKey(text)
    if (isChoice) {
      for (const option of key.correctOptions) await q.getByLabel(option, { exact: true }).check()
    } else {
      await q
        .getByRole('textbox')
        .fill(key.type === 'NUMERIC' ? String(key.numeric) : key.accepted[0]!)
    }
  }
}

/** Submits the open attempt and confirms in the dialog. */
export async function submitAttempt(page: Page) {
  await page.getByRole('button', { name: 'Kumpulkan' }).click()
  await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Ya, kumpulkan' }).click()
}
