// Issue 12, item 3: the videos page shows each video's state (waiting for its upload, processing,
// ready, failed with the reason) and refreshes it by itself: with JavaScript it polls while a video
// is still processing, without JavaScript the page asks the browser to reload. The e2e server runs
// without Mux (the local provider, studio-journey.spec.ts uploads there), so the Mux states are
// rows written here as the webhook worker writes them; the Mux path itself (upload URL, the
// browser's PUT, webhooks) is tests/integration/studio-videos.test.ts.
import { randomUUID } from 'node:crypto'
import { expect, test, type Page } from '@playwright/test'
import { withDb } from './db'
import { accounts, signInAs } from './helpers'

const STAMP = Date.now().toString(36)

async function newCourse(page: Page, title: string) {
  await page.goto('/studio/courses')
  await page.getByLabel('Judul kursus').fill(title)
  await page
    .getByLabel('Ringkasan (2–3 kalimat)')
    .fill('Kursus uji status video di halaman video studio pengajar.')
  await page.getByLabel('Bidang program').selectOption('LITERASI_DIGITAL')
  await page.getByLabel('JP (jam pelajaran) yang diberikan').fill('1')
  await page.getByRole('button', { name: 'Buat kursus' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title)
  return new URL(page.url()).pathname.split('/').pop()!
}

type Row = { title: string; status: string; durationSec?: number; error?: string }

/** Mux videos of the course in the given states, oldest first (the page lists newest first). */
async function seedVideos(courseId: string, rows: Row[]) {
  return withDb(async (c) => {
    const teacher = await c.query('SELECT id FROM "User" WHERE nip = $1', [accounts.instructor.nip])
    const ids: Record<string, string> = {}
    for (const [i, r] of rows.entries()) {
      const id = `e2evid${randomUUID().replaceAll('-', '').slice(0, 18)}`
      const at = new Date(Date.now() - (rows.length - i) * 1000)
      await c.query(
        `INSERT INTO "Video" (id, provider, status, title, "muxUploadId", "durationSec", error, "createdAt", "updatedAt")
         VALUES ($1, 'MUX', $2::"VideoStatus", $3, $4, $5, $6, $7, $7)`,
        [id, r.status, r.title, `up-${id}`, r.durationSec ?? null, r.error ?? null, at],
      )
      await c.query(
        'INSERT INTO "StudioVideo" ("videoId", "courseId", "createdBy") VALUES ($1, $2, $3)',
        [id, courseId, teacher.rows[0].id],
      )
      ids[r.title] = id
    }
    return ids
  })
}

/** What the worker does on `video.asset.ready` / `video.asset.errored`. */
function setStatus(id: string, status: string, extra: { durationSec?: number; error?: string }) {
  return withDb((c) =>
    c.query(
      `UPDATE "Video" SET status = $2::"VideoStatus", "durationSec" = $3, error = $4, "updatedAt" = now() WHERE id = $1`,
      [id, status, extra.durationSec ?? null, extra.error ?? null],
    ),
  )
}

/** The list as the instructor reads it: title, status and duration per row. */
async function list(page: Page) {
  return page
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent!.trim())),
    )
}

const ROWS: Row[] = [
  { title: `Gagal ${STAMP}`, status: 'ERRORED', error: 'The input file could not be processed.' },
  { title: `Siap ${STAMP}`, status: 'READY', durationSec: 61.2 },
  { title: `Diproses ${STAMP}`, status: 'PREPARING' },
  { title: `Menunggu ${STAMP}`, status: 'WAITING' },
]

test('with JavaScript: each state is shown and a processing video turns ready without a reload', async ({
  page,
}) => {
  test.setTimeout(90_000)
  await signInAs(page, accounts.instructor.nip)
  const courseId = await newCourse(page, `Status Video JS ${STAMP}`)
  const ids = await seedVideos(courseId, ROWS)
  await page.goto(`/studio/courses/${courseId}/videos`)
  // With JavaScript the page polls instead: no reload that would cut off an upload in progress.
  await expect(page.locator('meta[http-equiv="refresh"]')).toHaveCount(0)
  expect(await list(page)).toEqual([
    [`Menunggu ${STAMP}`, 'Menunggu unggahan', '—'],
    [`Diproses ${STAMP}`, 'Sedang diproses', '—'],
    [`Siap ${STAMP}`, 'Siap', '1:01'],
    [`Gagal ${STAMP}`, 'Gagal diproses The input file could not be processed.', '—'],
  ])
  // The worker applies Mux's webhooks: one ready (with its duration), one failed.
  await setStatus(ids[`Diproses ${STAMP}`]!, 'READY', { durationSec: 125 })
  await setStatus(ids[`Menunggu ${STAMP}`]!, 'ERRORED', { error: 'Upload cancelled' })
  await expect
    .poll(() => list(page), { timeout: 20_000 })
    .toEqual([
      [`Menunggu ${STAMP}`, 'Gagal diproses Upload cancelled', '—'],
      [`Diproses ${STAMP}`, 'Siap', '2:05'],
      [`Siap ${STAMP}`, 'Siap', '1:01'],
      [`Gagal ${STAMP}`, 'Gagal diproses The input file could not be processed.', '—'],
    ])
  // Nothing is processing any more: the page stops polling (no request for a while).
  let polled = 0
  page.on('request', (r) => {
    if (r.url().includes('/videos')) polled += 1
  })
  await page.waitForTimeout(5_000)
  expect(polled).toBe(0)
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('the page reloads itself while a video is processing, and stops once none is', async ({
    page,
  }) => {
    await signInAs(page, accounts.instructor.nip)
    const courseId = await newCourse(page, `Status Video HTML ${STAMP}`)
    const ids = await seedVideos(courseId, [ROWS[1]!, ROWS[2]!])
    await page.goto(`/studio/courses/${courseId}/videos`)
    await expect(page.getByTestId('video-PREPARING')).toContainText('Sedang diproses')
    await expect(page.locator('meta[http-equiv="refresh"]')).toHaveAttribute('content', '15')
    await setStatus(ids[`Diproses ${STAMP}`]!, 'READY', { durationSec: 30 })
    // The page's own refresh link (what the meta refresh does every 15 s).
    await page.getByRole('link', { name: 'Muat ulang status' }).click()
    await expect(page.getByTestId('video-PREPARING')).toHaveCount(0)
    await expect(page.getByTestId('video-READY')).toHaveCount(2)
    await expect(page.locator('meta[http-equiv="refresh"]')).toHaveCount(0)
  })
})
