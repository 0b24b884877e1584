// Issue 12, item 3 with Mux configured, through the studio's own routes: the instructor's page
// asks the mux-upload route for a direct-upload URL (made by the real @mux/mux-node client against
// the fake Mux server), the browser PUTs the file to that URL itself (CORS for the app's origin
// only), and signed webhooks, the outbox and the video worker move the video through the states
// the videos page shows: waiting → processing → ready, or failed with Mux's reason.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signMuxWebhook, startFakeMux } from '../support/fake-mux'
import { waitFor } from '../support/wait'

const TOKEN_ID = 'bina-studio-token-id'
const TOKEN_SECRET = 'bina-studio-token-secret'
const WEBHOOK_SECRET = 'bina-studio-webhook-secret'
const ORIGIN = 'http://localhost:3000'

// env.server.ts reads process.env once: set the Mux variables before any app module is imported.
const fake = await startFakeMux({ tokenId: TOKEN_ID, tokenSecret: TOKEN_SECRET })
process.env.MUX_TOKEN_ID = TOKEN_ID
process.env.MUX_TOKEN_SECRET = TOKEN_SECRET
process.env.MUX_WEBHOOK_SECRET = WEBHOOK_SECRET
process.env.MUX_BASE_URL = fake.url
delete process.env.MUX_SIGNING_KEY_ID
delete process.env.MUX_SIGNING_PRIVATE_KEY

const { createCourse } = await import('~/models/studio.server')
const muxUpload = await import('~/routes/studio.courses.$courseId.mux-upload')
const videosPage = await import('~/routes/studio.courses.$courseId.videos')
const webhook = await import('~/routes/webhooks.mux')
const { relayOutbox } = await import('~/jobs/relay.server')
const { closeQueues } = await import('~/jobs/queue.server')
const { createSession } = await import('~/utils/auth.server')
const { prisma } = await import('~/utils/db.server')
const { redis } = await import('~/utils/redis.server')
const { createTestUser } = await import('../support/factories')
const { startWorkers } = await import('../../workers/index')

let workers: Awaited<ReturnType<typeof startWorkers>> | undefined
beforeAll(async () => {
  workers = await startWorkers(['muxWebhook'])
})
afterAll(async () => {
  await workers?.stop()
  await closeQueues()
  redis().disconnect()
  await fake.close()
})

async function teacherWithCourse() {
  const teacher = await createTestUser({ roles: ['INSTRUCTOR', 'ASN'] })
  const course = await createCourse(teacher, {
    title: `Video Mux ${Date.now()}`,
    summary: 'Kursus uji unggahan video langsung ke Mux.',
    area: 'LITERASI_DIGITAL',
    jp: 1,
    passMark: 70,
  })
  const cookie = (await createSession(teacher.id, {})).split(';')[0]!
  return { teacher, course, cookie }
}

/** What the videos page's script does first: POST the title, read { videoId, uploadUrl }. */
async function askUploadUrl(cookie: string, courseId: string, title: string) {
  const request = new Request(`${ORIGIN}/studio/courses/${courseId}/mux-upload`, {
    method: 'POST',
    headers: {
      Cookie: cookie,
      Accept: 'application/json',
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ title }),
  })
  return muxUpload.action({ request, params: { courseId }, context: {} })
}

/** The status of a route's answer: a Response, or data() with its init. */
const statusOf = (r: unknown) =>
  r instanceof Response ? r.status : ((r as { init?: { status?: number } }).init?.status ?? 200)

/** The videos page's list, as its loader gives it: title → status (and Mux's error). */
async function listed(cookie: string, courseId: string) {
  const request = new Request(`${ORIGIN}/studio/courses/${courseId}/videos`, {
    headers: { Cookie: cookie },
  })
  const data = (await videosPage.loader({ request, params: { courseId }, context: {} })) as {
    muxEnabled: boolean
    videos: { title: string; status: string; error: string | null; durationSec: number | null }[]
  }
  return data
}

/** A webhook as Mux sends it, signed, through the route; then relayed to the worker. */
async function deliver(type: string, object: { type: string; id: string }, data: object) {
  const event = { type, object, id: randomUUID(), data, created_at: new Date().toISOString() }
  const body = JSON.stringify(event)
  const res = await webhook.action({
    request: new Request(`${ORIGIN}/webhooks/mux`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'mux-signature': signMuxWebhook(body, WEBHOOK_SECRET),
      },
      body,
    }),
    params: {},
    context: {},
  })
  expect((res as Response).status).toBe(200)
  await relayOutbox()
  await waitFor(() =>
    prisma.webhookEvent.findFirst({ where: { id: event.id, processedAt: { not: null } } }),
  )
}

describe('Mux direct upload from the studio', () => {
  it('the browser PUTs the file to the URL the server made; webhooks make it ready; the page shows each state', async () => {
    const { course, cookie } = await teacherWithCourse()
    const res = (await askUploadUrl(cookie, course.id, 'Pengantar Keamanan Akun')) as Response
    expect(res.status).toBe(201)
    const { videoId, uploadUrl } = (await res.json()) as { videoId: string; uploadUrl: string }
    const upload = [...fake.uploads.values()].find(
      (u) => u.new_asset_settings.passthrough === videoId,
    )!
    expect(upload, 'the route created a Mux upload with the video as passthrough').toBeTruthy()
    expect(uploadUrl).toBe(upload.url)
    expect(upload.cors_origin).toBe(ORIGIN)
    expect(await prisma.studioVideo.findUnique({ where: { videoId } })).toMatchObject({
      courseId: course.id,
    })
    // Shown at once as waiting for its upload (a processing state: the page keeps refreshing).
    expect((await listed(cookie, course.id)).videos).toEqual([
      expect.objectContaining({ title: 'Pengantar Keamanan Akun', status: 'WAITING' }),
    ])
    expect((await listed(cookie, course.id)).muxEnabled).toBe(true)

    // The browser's preflight and PUT: allowed for the app's origin, not for another site.
    const preflight = (origin: string) =>
      fetch(uploadUrl, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'PUT' },
      })
    expect((await preflight(ORIGIN)).headers.get('access-control-allow-origin')).toBe(ORIGIN)
    expect(
      (await preflight('https://elsewhere.example')).headers.get('access-control-allow-origin'),
    ).toBeNull()
    const file = Buffer.alloc(256 * 1024, 7)
    const put = await fetch(uploadUrl, { method: 'PUT', body: file, headers: { Origin: ORIGIN } })
    expect(put.status).toBe(200)
    expect(fake.received.get(upload.id)?.equals(file)).toBe(true)

    // Mux: the upload became an asset (processing), then the asset is ready.
    const assetId = `asset${randomUUID().replaceAll('-', '')}`
    await deliver(
      'video.upload.asset_created',
      { type: 'upload', id: upload.id },
      { id: upload.id, asset_id: assetId, new_asset_settings: { passthrough: videoId } },
    )
    expect((await listed(cookie, course.id)).videos).toEqual([
      expect.objectContaining({ status: 'PREPARING', durationSec: null }),
    ])
    await deliver(
      'video.asset.ready',
      { type: 'asset', id: assetId },
      {
        id: assetId,
        upload_id: upload.id,
        passthrough: videoId,
        duration: 61.2,
        playback_ids: [{ id: `pb${randomUUID().replaceAll('-', '')}`, policy: 'public' }],
      },
    )
    expect((await listed(cookie, course.id)).videos).toEqual([
      expect.objectContaining({ status: 'READY', durationSec: 61.2, error: null }),
    ])
  })

  it('an asset Mux cannot process is shown as failed with its reason; another course never sees it', async () => {
    const { course, cookie } = await teacherWithCourse()
    const other = await teacherWithCourse()
    const res = (await askUploadUrl(cookie, course.id, 'Berkas rusak')) as Response
    const { videoId } = (await res.json()) as { videoId: string }
    const upload = [...fake.uploads.values()].find(
      (u) => u.new_asset_settings.passthrough === videoId,
    )!
    const assetId = `asset${randomUUID().replaceAll('-', '')}`
    await deliver(
      'video.asset.errored',
      { type: 'asset', id: assetId },
      {
        id: assetId,
        upload_id: upload.id,
        passthrough: videoId,
        errors: { type: 'invalid_input', messages: ['The input file could not be processed.'] },
      },
    )
    expect((await listed(cookie, course.id)).videos).toEqual([
      expect.objectContaining({
        title: 'Berkas rusak',
        status: 'ERRORED',
        error: 'The input file could not be processed.',
      }),
    ])
    expect((await listed(other.cookie, other.course.id)).videos).toEqual([])
    // Another instructor cannot make upload URLs for this course: 403, and no Mux call is made.
    const calls = fake.requests.length
    expect(statusOf(await askUploadUrl(other.cookie, course.id, 'Penyusup'))).toBe(403)
    expect(fake.requests.length).toBe(calls)
    // A title that is too short is refused before Mux is asked.
    expect(statusOf(await askUploadUrl(cookie, course.id, 'ab'))).toBe(400)
    expect(fake.requests.length).toBe(calls)
  })
})
