// The Mux video path end to end with the real @mux/mux-node client pointed at a local fake Mux
// HTTP server (tests/support/fake-mux.ts): direct upload creation, signed webhooks through the
// route action, the outbox, BullMQ and the video worker, on real PostgreSQL and Redis.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signMuxWebhook, startFakeMux, type RecordedRequest } from '../support/fake-mux'
import { waitFor } from '../support/wait'

const TOKEN_ID = 'bina-test-token-id'
const TOKEN_SECRET = 'bina-test-token-secret'
const WEBHOOK_SECRET = 'bina-test-webhook-secret'
const CORS_ORIGIN = 'http://localhost:3000'

// app/utils/env.server.ts reads process.env once, when first imported: start the fake server
// (so its port is known) and set the Mux variables BEFORE importing any app module.
const fake = await startFakeMux({ tokenId: TOKEN_ID, tokenSecret: TOKEN_SECRET })
process.env.MUX_TOKEN_ID = TOKEN_ID
process.env.MUX_TOKEN_SECRET = TOKEN_SECRET
process.env.MUX_WEBHOOK_SECRET = WEBHOOK_SECRET
process.env.MUX_BASE_URL = fake.url
// Public playback: signing keys from the developer's shell must not leak in.
delete process.env.MUX_SIGNING_KEY_ID
delete process.env.MUX_SIGNING_PRIVATE_KEY

const { muxEnabled, env } = await import('~/utils/env.server')
const { createMuxUpload, playbackFor, processMuxEvent } = await import('~/models/video.server')
const { action } = await import('~/routes/webhooks.mux')
const { relayOutbox } = await import('~/jobs/relay.server')
const { closeQueues, getQueue } = await import('~/jobs/queue.server')
const { prisma } = await import('~/utils/db.server')
const { redis } = await import('~/utils/redis.server')
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

/** Waits until the video queue has nothing waiting, delayed or running. */
async function videoQueueIdle() {
  await waitFor(async () => {
    const c = await getQueue('muxWebhook').getJobCounts(
      'active',
      'waiting',
      'delayed',
      'prioritized',
    )
    return c.active + c.waiting + c.delayed + c.prioritized === 0
  })
}

/** Requests the fake received while running `fn`. */
async function requestsDuring<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; requests: RecordedRequest[] }> {
  const from = fake.requests.length
  const result = await fn()
  return { result, requests: fake.requests.slice(from) }
}

/** The upload the fake created for a video (Mux echoes new_asset_settings.passthrough). */
function fakeUploadFor(videoId: string) {
  const upload = [...fake.uploads.values()].find(
    (u) => u.new_asset_settings.passthrough === videoId,
  )
  if (!upload) throw new Error(`the fake created no upload for video ${videoId}`)
  return upload
}

async function newUpload(title = 'Pengantar Literasi Digital') {
  const { result, requests } = await requestsDuring(() =>
    createMuxUpload({ title, corsOrigin: CORS_ORIGIN }),
  )
  expect(requests).toHaveLength(1)
  return { ...result, uploadId: fakeUploadFor(result.videoId).id }
}

type Json = Record<string, unknown>

/** A Mux webhook event as Mux sends it (fields the app does not read included for realism). */
function muxEvent(type: string, object: { type: 'asset' | 'upload'; id: string }, data: Json) {
  return {
    type,
    request_id: null,
    object,
    id: randomUUID(),
    environment: { name: 'Development', id: 'j0863n' },
    data,
    created_at: new Date().toISOString(),
    attempts: [],
    accessor_source: null,
    accessor: null,
  }
}

function uploadAssetCreated(uploadId: string, videoId: string, assetId: string) {
  return muxEvent(
    'video.upload.asset_created',
    { type: 'upload', id: uploadId },
    {
      id: uploadId,
      asset_id: assetId,
      status: 'asset_created',
      timeout: 3600,
      cors_origin: CORS_ORIGIN,
      new_asset_settings: { playback_policies: ['public'], passthrough: videoId },
    },
  )
}

function assetReady(uploadId: string, videoId: string, assetId: string, playbackId: string) {
  return muxEvent(
    'video.asset.ready',
    { type: 'asset', id: assetId },
    {
      id: assetId,
      upload_id: uploadId,
      passthrough: videoId,
      playback_ids: [{ id: playbackId, policy: 'public' }],
      duration: 42.5,
      status: 'ready',
      aspect_ratio: '16:9',
      max_stored_resolution: 'HD',
      video_quality: 'basic',
      tracks: [{ type: 'video', max_width: 1280, max_height: 720, duration: 42.5, id: 'trk1' }],
      created_at: String(Math.floor(Date.now() / 1000)),
    },
  )
}

function assetErrored(uploadId: string, videoId: string, assetId: string) {
  return muxEvent(
    'video.asset.errored',
    { type: 'asset', id: assetId },
    {
      id: assetId,
      upload_id: uploadId,
      passthrough: videoId,
      status: 'errored',
      errors: { type: 'invalid_input', messages: ['The input file could not be processed.'] },
    },
  )
}

/** POSTs a webhook to the route action with a raw body and a `mux-signature` header. */
async function deliver(
  event: object,
  opts: { secret?: string; at?: number; signature?: string | null } = {},
) {
  const body = JSON.stringify(event)
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'Mux Webhook Sender',
  }
  const signature =
    opts.signature === undefined
      ? signMuxWebhook(body, opts.secret ?? WEBHOOK_SECRET, opts.at)
      : opts.signature
  if (signature !== null) headers['mux-signature'] = signature
  const request = new Request('http://localhost:3000/webhooks/mux', {
    method: 'POST',
    headers,
    body,
  })
  return action({ request, params: {}, context: {} })
}

const outboxFor = (eventId: string) =>
  prisma.outboxMessage.findMany({
    where: { jobName: 'muxWebhook', payload: { path: ['eventId'], equals: eventId } },
  })

/** Runs the outbox relay (as the workers' sweep does) and checks the event's job reached BullMQ. */
async function relay(eventId: string) {
  await relayOutbox()
  const rows = await outboxFor(eventId)
  expect(rows).toHaveLength(1)
  expect(
    rows[0]!.sentAt,
    `the outbox row of event ${eventId} was not relayed: ${rows[0]!.lastError}`,
  ).not.toBeNull()
}

describe('Mux configuration under test', () => {
  it('is enabled and points the client at the fake server', () => {
    expect(muxEnabled).toBe(true)
    expect(env.MUX_BASE_URL).toBe(fake.url)
  })
})

describe('direct upload creation', () => {
  it('sends POST /video/v1/uploads with Basic auth and the video id as passthrough, and stores the upload', async () => {
    const { result, requests } = await requestsDuring(() =>
      createMuxUpload({ title: 'Manajemen Keuangan Daerah', corsOrigin: CORS_ORIGIN }),
    )
    expect(requests).toHaveLength(1)
    const req = requests[0]!
    expect(req.method).toBe('POST')
    expect(req.path).toBe('/video/v1/uploads')
    expect(req.authorization).toBe(
      `Basic ${Buffer.from(`${TOKEN_ID}:${TOKEN_SECRET}`).toString('base64')}`,
    )
    expect(req.headers['content-type']).toMatch(/^application\/json/)
    expect(req.json).toEqual({
      cors_origin: CORS_ORIGIN,
      new_asset_settings: { playback_policy: ['public'], passthrough: result.videoId },
    })

    const upload = fakeUploadFor(result.videoId)
    expect(result.uploadUrl).toBe(upload.url)

    const video = await prisma.video.findUniqueOrThrow({ where: { id: result.videoId } })
    expect(video).toMatchObject({
      provider: 'MUX',
      status: 'WAITING',
      title: 'Manajemen Keuangan Daerah',
      muxUploadId: upload.id,
      muxAssetId: null,
      muxPlaybackId: null,
    })
    expect(await playbackFor(result.videoId)).toEqual({
      kind: 'unavailable',
      reason: 'video.processing',
    })
  })
})

describe('signed webhooks', () => {
  it('moves an upload WAITING → PREPARING → READY through the route, the outbox and the video worker', async () => {
    const { videoId, uploadId } = await newUpload()
    const assetId = `asset${randomUUID().replaceAll('-', '')}`
    const playbackId = `pb${randomUUID().replaceAll('-', '')}`

    const created = uploadAssetCreated(uploadId, videoId, assetId)
    const res1 = await deliver(created)
    expect(res1.status).toBe(200)
    expect(await res1.json()).toEqual({ received: true, duplicate: false })
    expect(await prisma.webhookEvent.findUnique({ where: { id: created.id } })).toMatchObject({
      provider: 'mux',
      type: 'video.upload.asset_created',
    })
    expect(await outboxFor(created.id)).toHaveLength(1)
    await relay(created.id)
    const preparing = await waitFor(async () => {
      const v = await prisma.video.findUniqueOrThrow({ where: { id: videoId } })
      return v.status === 'PREPARING' ? v : null
    })
    expect(preparing.muxAssetId).toBe(assetId)

    const ready = assetReady(uploadId, videoId, assetId, playbackId)
    const res2 = await deliver(ready)
    expect(res2.status).toBe(200)
    expect(await res2.json()).toEqual({ received: true, duplicate: false })
    await relay(ready.id)
    const done = await waitFor(async () => {
      const v = await prisma.video.findUniqueOrThrow({ where: { id: videoId } })
      return v.status === 'READY' ? v : null
    })
    expect(done).toMatchObject({
      muxAssetId: assetId,
      muxPlaybackId: playbackId,
      durationSec: 42.5,
      error: null,
    })

    for (const id of [created.id, ready.id]) {
      const ev = await waitFor(() =>
        prisma.webhookEvent.findFirst({ where: { id, processedAt: { not: null } } }),
      )
      expect(ev.processedAt).toBeInstanceOf(Date)
      expect((await outboxFor(id))[0]!.sentAt).toBeInstanceOf(Date)
    }
    expect(await playbackFor(videoId)).toEqual({
      kind: 'mux',
      playbackId,
      token: null,
      durationSec: 42.5,
    })
  })
})

describe('rejected webhooks', () => {
  it('answers 400 to a wrong, stale or missing signature and changes nothing', async () => {
    const { videoId, uploadId } = await newUpload()
    const assetId = `asset${randomUUID().replaceAll('-', '')}`
    const event = assetReady(uploadId, videoId, assetId, `pb${randomUUID().replaceAll('-', '')}`)
    const before = await prisma.video.findUniqueOrThrow({ where: { id: videoId } })
    const [eventsBefore, outboxBefore] = await Promise.all([
      prisma.webhookEvent.count(),
      prisma.outboxMessage.count(),
    ])

    const wrongSecret = await deliver(event, { secret: 'not-the-webhook-secret' })
    expect(wrongSecret.status).toBe(400)
    const stale = await deliver(event, { at: Math.floor(Date.now() / 1000) - 10 * 60 })
    expect(stale.status).toBe(400)
    const unsigned = await deliver(event, { signature: null })
    expect(unsigned.status).toBe(400)
    // A correct signature of a different body (the body was tampered with on the way).
    const tampered = await deliver(event, {
      signature: signMuxWebhook(
        JSON.stringify({ ...event, type: 'video.asset.errored' }),
        WEBHOOK_SECRET,
      ),
    })
    expect(tampered.status).toBe(400)

    // Give a wrongly accepted delivery every chance to be relayed and processed.
    await relayOutbox()
    await videoQueueIdle()
    expect(await prisma.webhookEvent.findUnique({ where: { id: event.id } })).toBeNull()
    expect(await outboxFor(event.id)).toHaveLength(0)
    expect(await prisma.webhookEvent.count()).toBe(eventsBefore)
    expect(await prisma.outboxMessage.count()).toBe(outboxBefore)
    expect(await prisma.video.findUniqueOrThrow({ where: { id: videoId } })).toEqual(before)

    // Control: the very same body with a fresh, correct signature is accepted and applied.
    const ok = await deliver(event)
    expect(ok.status).toBe(200)
    await relay(event.id)
    await waitFor(
      async () =>
        (await prisma.video.findUniqueOrThrow({ where: { id: videoId } })).status === 'READY',
    )
  })
})

describe('duplicate webhooks', () => {
  it('stores, relays and applies a redelivered event once', async () => {
    const { videoId, uploadId } = await newUpload()
    const assetId = `asset${randomUUID().replaceAll('-', '')}`
    const playbackId = `pb${randomUUID().replaceAll('-', '')}`
    const ready = assetReady(uploadId, videoId, assetId, playbackId)

    const first = await deliver(ready)
    expect(first.status).toBe(200)
    expect(await first.json()).toEqual({ received: true, duplicate: false })
    await relay(ready.id)
    await waitFor(
      async () =>
        (await prisma.video.findUniqueOrThrow({ where: { id: videoId } })).status === 'READY',
    )
    const readyEvent = await waitFor(() =>
      prisma.webhookEvent.findFirst({ where: { id: ready.id, processedAt: { not: null } } }),
    )

    // A later failure of the asset: the video is now ERRORED.
    const errored = assetErrored(uploadId, videoId, assetId)
    expect((await deliver(errored)).status).toBe(200)
    await relay(errored.id)
    const erroredVideo = await waitFor(async () => {
      const v = await prisma.video.findUniqueOrThrow({ where: { id: videoId } })
      return v.status === 'ERRORED' ? v : null
    })
    expect(erroredVideo.error).toBe('The input file could not be processed.')
    await waitFor(() =>
      prisma.webhookEvent.findFirst({ where: { id: errored.id, processedAt: { not: null } } }),
    )

    // Mux redelivers the older ready event (same event id, freshly signed). Were it applied
    // again, the video would flip back to READY.
    const again = await deliver(ready)
    expect(again.status).toBe(200)
    expect(await again.json()).toEqual({ received: true, duplicate: true })
    await relay(ready.id)
    await videoQueueIdle()

    expect(await prisma.webhookEvent.count({ where: { id: ready.id } })).toBe(1)
    expect(await outboxFor(ready.id)).toHaveLength(1)
    expect(await prisma.webhookEvent.findUniqueOrThrow({ where: { id: ready.id } })).toEqual(
      readyEvent,
    )
    expect(await prisma.video.findUniqueOrThrow({ where: { id: videoId } })).toEqual(erroredVideo)

    // The job running again (at-least-once delivery) applies nothing either.
    expect(await processMuxEvent({ eventId: ready.id })).toEqual({ applied: false })
    expect(await prisma.video.findUniqueOrThrow({ where: { id: videoId } })).toEqual(erroredVideo)
    expect(await prisma.webhookEvent.findUniqueOrThrow({ where: { id: ready.id } })).toEqual(
      readyEvent,
    )
    expect(await playbackFor(videoId)).toEqual({
      kind: 'unavailable',
      reason: 'video.failed',
    })
  })

  it('stores one event and one outbox row when the same delivery arrives concurrently', async () => {
    const { videoId, uploadId } = await newUpload()
    const assetId = `asset${randomUUID().replaceAll('-', '')}`
    const created = uploadAssetCreated(uploadId, videoId, assetId)
    const responses = await Promise.all([deliver(created), deliver(created), deliver(created)])
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as { duplicate: boolean }[]
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200])
    expect(bodies.filter((b) => !b.duplicate)).toHaveLength(1)
    expect(await prisma.webhookEvent.count({ where: { id: created.id } })).toBe(1)
    expect(await outboxFor(created.id)).toHaveLength(1)
    await relay(created.id)
    await waitFor(
      async () =>
        (await prisma.video.findUniqueOrThrow({ where: { id: videoId } })).status === 'PREPARING',
    )
  })
})
