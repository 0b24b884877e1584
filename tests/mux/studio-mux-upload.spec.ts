// Issue 12, item 3 with Mux configured (playwright.mux.config.ts): the instructor picks a file on
// the course's videos page; the server makes a Mux direct upload (the real @mux/mux-node client
// against the fake Mux server), the browser PUTs the file to that upload URL itself with a moving
// progress bar, Mux's signed webhooks reach the portal, and the list shows the video processing,
// then ready with its duration, without a reload; a second upload that Mux cannot process is shown
// as failed with Mux's reason.
import fs from 'node:fs'
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { withDb } from '../e2e/db'
import { accounts, signInAs } from '../e2e/helpers'

const STAMP = Date.now().toString(36)
const PORT = Number(process.env.E2E_PORT ?? 3160)
const CONTROL = `http://127.0.0.1:${PORT + 3601}/_control/uploads`
const VIDEO = path.resolve('content/courses/keamanan-digital-asn/media/lima-langkah-phishing.mp4')

async function uploadIdOf(title: string) {
  return withDb(async (c) => {
    const r = await c.query('SELECT "muxUploadId" FROM "Video" WHERE title = $1', [title])
    return r.rows[0]?.muxUploadId as string
  })
}

/** Picks the file and sends it; returns the progress values the bar showed. */
async function upload(page: Page, title: string, throttle: boolean) {
  await page.getByLabel('Judul video').fill(title)
  await page.getByLabel('Berkas video').setInputFiles(VIDEO)
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  if (throttle)
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 256 * 1024,
    })
  await page.evaluate(() => {
    const seen: number[] = []
    ;(window as unknown as { seen: number[] }).seen = seen
    new MutationObserver(() => {
      const bar = document.querySelector<HTMLProgressElement>('[data-testid="upload-progress"]')
      if (bar && seen.at(-1) !== bar.value) seen.push(bar.value)
    }).observe(document.body, { subtree: true, childList: true, attributes: true })
  })
  const put = page.waitForRequest((r) => r.method() === 'PUT')
  await page.getByRole('button', { name: 'Unggah' }).click()
  const request = await put
  await expect(page.getByTestId('upload-status')).toHaveText(
    'Unggahan selesai; Mux sedang memproses video. Status diperbarui otomatis.',
    { timeout: 60_000 },
  )
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  })
  await expect(page.getByTestId('upload-progress')).toHaveJSProperty('value', 100)
  return {
    url: request.url(),
    seen: await page.evaluate(() => (window as unknown as { seen: number[] }).seen),
  }
}

test('an instructor uploads straight to Mux with a progress bar; the list follows Mux to ready or failed', async ({
  page,
}) => {
  test.setTimeout(180_000)
  await signInAs(page, accounts.instructor.nip)
  await page.goto('/studio/courses')
  await page.getByLabel('Judul kursus').fill(`Video Mux ${STAMP}`)
  await page
    .getByLabel('Ringkasan (2–3 kalimat)')
    .fill('Kursus uji unggahan video langsung dari peramban ke Mux.')
  await page.getByLabel('JP (jam pelajaran) yang diberikan').fill('1')
  await page.getByRole('button', { name: 'Buat kursus' }).click()
  await page.getByRole('link', { name: 'Video kursus' }).first().click()
  await expect(page.getByText('Berkas dikirim langsung dari peramban Anda ke Mux.')).toBeVisible()

  const title = `Pengantar ${STAMP}`
  const sent = await upload(page, title, true)
  // The file went to the upload URL Mux made for this video, not through the portal.
  const uploadId = await uploadIdOf(title)
  expect(uploadId).toBeTruthy()
  expect(sent.url).toContain(`/upload/${uploadId}?`)
  expect(new URL(sent.url).port).toBe(String(PORT + 3600))
  expect(
    sent.seen.some((v) => v > 0 && v < 100),
    `intermediate values in ${sent.seen.join(',')}`,
  ).toBe(true)
  const received = await (await fetch(`${CONTROL}/${uploadId}`)).json()
  expect(received).toEqual({ bytes: fs.statSync(VIDEO).size })

  // Mux made an asset of it (the webhook): processing, shown without a reload.
  const row = page.locator('tbody tr', { hasText: title })
  await expect(row).toContainText('Sedang diproses', { timeout: 20_000 })
  await expect(row).toHaveAttribute('data-testid', 'video-PREPARING')
  // The asset is ready: the page, still polling, shows it with Mux's duration.
  expect((await fetch(`${CONTROL}/${uploadId}/ready`, { method: 'POST' })).status).toBe(204)
  await expect(row).toHaveAttribute('data-testid', 'video-READY', { timeout: 40_000 })
  await expect(row).toContainText('Siap')
  await expect(row).toContainText('1:15')

  // A second file Mux cannot process: failed, with Mux's reason.
  const broken = `Rusak ${STAMP}`
  await upload(page, broken, false)
  const brokenId = await uploadIdOf(broken)
  const brokenRow = page.locator('tbody tr', { hasText: broken })
  await expect(brokenRow).toHaveAttribute('data-testid', 'video-PREPARING', { timeout: 20_000 })
  expect((await fetch(`${CONTROL}/${brokenId}/errored`, { method: 'POST' })).status).toBe(204)
  await expect(brokenRow).toHaveAttribute('data-testid', 'video-ERRORED', { timeout: 40_000 })
  await expect(brokenRow).toContainText('Gagal diproses The input file could not be processed.')
  await expect(row).toHaveAttribute('data-testid', 'video-READY')
})
