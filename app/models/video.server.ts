// Video behind one interface with two providers: Mux (when credentials are set) and local files
// served with HTTP range requests (the default, so the demo runs offline).
import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import Mux from '@mux/mux-node'
import { prisma } from '~/utils/db.server'
import { env, muxEnabled } from '~/utils/env.server'
import { muxWebhookContract } from '~/jobs/contracts.server'
import { outboxInsert, relaySoon } from '~/jobs/outbox.server'

let client: Mux | undefined
export function muxClient(): Mux {
  if (!muxEnabled) throw new Error('Mux is not configured (MUX_TOKEN_ID / MUX_TOKEN_SECRET).')
  return (client ??= new Mux({
    tokenId: env.MUX_TOKEN_ID,
    tokenSecret: env.MUX_TOKEN_SECRET,
    webhookSecret: env.MUX_WEBHOOK_SECRET,
    jwtSigningKey: env.MUX_SIGNING_KEY_ID,
    jwtPrivateKey: env.MUX_SIGNING_PRIVATE_KEY,
    ...(env.MUX_BASE_URL ? { baseURL: env.MUX_BASE_URL } : {}),
    maxRetries: 2,
  }))
}

export function mediaRoot(mediaDir = env.MEDIA_DIR) {
  return path.resolve(mediaDir)
}

/** Copies a video file into the media directory (named by content hash) and returns its row id. */
export async function storeLocalVideo(
  file: string,
  mediaDir: string,
  meta: { title: string; durationSec?: number },
) {
  const buf = await fs.readFile(file)
  const hash = createHash('sha256').update(buf).digest('hex').slice(0, 32)
  const rel = path.join('videos', `${hash}.mp4`)
  const dest = path.join(mediaRoot(mediaDir), rel)
  await fs.mkdir(path.dirname(dest), { recursive: true })
  const exists = await fs.stat(dest).catch(() => null)
  if (!exists || exists.size !== buf.length) await fs.writeFile(dest, buf)
  const found = await prisma.video.findFirst({
    where: { provider: 'LOCAL', localPath: rel },
    select: { id: true },
  })
  const data = {
    title: meta.title,
    durationSec: meta.durationSec ?? null,
    status: 'READY' as const,
  }
  if (found) {
    await prisma.video.update({ where: { id: found.id }, data })
    return found.id
  }
  return (
    await prisma.video.create({
      data: { provider: 'LOCAL', localPath: rel, ...data },
      select: { id: true },
    })
  ).id
}

export type Playback =
  | { kind: 'local'; src: string; durationSec: number | null }
  | { kind: 'mux'; playbackId: string; token: string | null; durationSec: number | null }
  /** `reason`: a message code (`video.*`, decision 041) the page shows in the reader's language. */
  | { kind: 'unavailable'; reason: string }

export async function playbackFor(videoId: string): Promise<Playback> {
  const v = await prisma.video.findUnique({ where: { id: videoId } })
  if (!v) return { kind: 'unavailable', reason: 'video.notFound' }
  if (v.status === 'ERRORED') return { kind: 'unavailable', reason: 'video.failed' }
  if (v.status !== 'READY') return { kind: 'unavailable', reason: 'video.processing' }
  if (v.provider === 'LOCAL')
    return { kind: 'local', src: `/media/videos/${v.id}`, durationSec: v.durationSec }
  if (!v.muxPlaybackId) return { kind: 'unavailable', reason: 'video.notReady' }
  const signed = Boolean(env.MUX_SIGNING_KEY_ID && env.MUX_SIGNING_PRIVATE_KEY)
  const token = signed
    ? await muxClient().jwt.signPlaybackId(v.muxPlaybackId, { type: 'video', expiration: '6h' })
    : null
  return { kind: 'mux', playbackId: v.muxPlaybackId, token, durationSec: v.durationSec }
}

/**
 * Whether a user may watch a video: admins and instructors always; a learner only through a
 * lesson of a published course they are enrolled in (not withdrawn), in the version they take.
 */
export async function canWatchVideo(
  user: { id: string; roles: readonly string[] },
  videoId: string,
) {
  if (user.roles.includes('ADMIN') || user.roles.includes('INSTRUCTOR')) return true
  // A video uploaded in a course's studio may also be embedded in its text lessons.
  const studio = await prisma.studioVideo.findUnique({
    where: { videoId },
    select: { courseId: true },
  })
  if (
    studio &&
    (await prisma.enrolment.count({
      where: {
        userId: user.id,
        courseId: studio.courseId,
        status: { not: 'WITHDRAWN' },
        course: { status: 'PUBLISHED' },
      },
    })) > 0
  )
    return true
  const n = await prisma.enrolment.count({
    where: {
      userId: user.id,
      status: { not: 'WITHDRAWN' },
      course: { status: 'PUBLISHED' },
      courseVersion: { lessons: { some: { videoId } } },
    },
  })
  return n > 0
}

/** The media-relative path of a local video file, for the static sender. */
export async function localVideoPath(videoId: string) {
  const v = await prisma.video.findUnique({
    where: { id: videoId },
    select: { provider: true, localPath: true, status: true },
  })
  if (!v || v.provider !== 'LOCAL' || !v.localPath || v.status !== 'READY') return null
  return v.localPath
}

/** Creates a Mux direct upload for an instructor's browser to PUT the file to. */
export async function createMuxUpload(opts: { title: string; corsOrigin: string }) {
  const video = await prisma.video.create({
    data: { provider: 'MUX', title: opts.title, status: 'WAITING' },
    select: { id: true },
  })
  const signed = Boolean(env.MUX_SIGNING_KEY_ID && env.MUX_SIGNING_PRIVATE_KEY)
  const upload = await muxClient().video.uploads.create({
    cors_origin: opts.corsOrigin,
    new_asset_settings: { playback_policy: [signed ? 'signed' : 'public'], passthrough: video.id },
  })
  await prisma.video.update({ where: { id: video.id }, data: { muxUploadId: upload.id } })
  return { videoId: video.id, uploadUrl: upload.url }
}

export class WebhookSignatureError extends Error {}

/**
 * Verifies a Mux webhook on its raw body, stores the event by its id and records the processing
 * job in the same transaction. A duplicate delivery finds the row and changes nothing.
 */
export async function receiveMuxWebhook(rawBody: string, headers: Headers) {
  let event: { id: string; type: string }
  try {
    event = (await muxClient().webhooks.unwrap(
      rawBody,
      headers,
      env.MUX_WEBHOOK_SECRET,
    )) as unknown as { id: string; type: string }
  } catch (e) {
    throw new WebhookSignatureError(e instanceof Error ? e.message : String(e))
  }
  const outboxId = await prisma.$transaction(async (tx) => {
    const inserted = await tx.webhookEvent.createMany({
      data: [{ id: event.id, provider: 'mux', type: event.type, payload: JSON.parse(rawBody) }],
      skipDuplicates: true,
    })
    if (inserted.count === 0) return null
    return outboxInsert(tx, muxWebhookContract, { eventId: event.id })
  })
  if (outboxId) relaySoon([outboxId])
  return { duplicate: outboxId === null, eventId: event.id }
}

type MuxEventData = {
  id?: string
  asset_id?: string
  upload_id?: string
  passthrough?: string
  duration?: number
  playback_ids?: { id: string; policy: string }[]
  errors?: { messages?: string[] }
}

/** The `muxWebhook` job: applies a stored event to its video once. */
export async function processMuxEvent({ eventId }: { eventId: string }) {
  const event = await prisma.webhookEvent.findUnique({ where: { id: eventId } })
  if (!event || event.processedAt) return { applied: false }
  const data = ((event.payload as { data?: MuxEventData }).data ?? {}) as MuxEventData
  const findVideo = () =>
    prisma.video.findFirst({
      where: {
        OR: [
          ...(data.passthrough ? [{ id: data.passthrough }] : []),
          ...(event.type.startsWith('video.upload') && data.id ? [{ muxUploadId: data.id }] : []),
          ...(event.type.startsWith('video.asset') && data.id ? [{ muxAssetId: data.id }] : []),
          ...(data.upload_id ? [{ muxUploadId: data.upload_id }] : []),
        ],
      },
      select: { id: true, status: true },
    })
  const video = await findVideo()
  await prisma.$transaction(async (tx) => {
    // Claim the event inside the transaction: a concurrent run of the same job applies nothing.
    const claimed = await tx.webhookEvent.updateMany({
      where: { id: event.id, processedAt: null },
      data: { processedAt: new Date() },
    })
    if (claimed.count === 0) return
    if (video) {
      switch (event.type) {
        case 'video.upload.asset_created':
          if (video.status === 'WAITING')
            await tx.video.update({
              where: { id: video.id },
              data: { muxAssetId: data.asset_id, status: 'PREPARING' },
            })
          break
        case 'video.asset.created':
          if (video.status === 'WAITING')
            await tx.video.update({
              where: { id: video.id },
              data: { muxAssetId: data.id, status: 'PREPARING' },
            })
          break
        case 'video.asset.ready':
          await tx.video.update({
            where: { id: video.id },
            data: {
              status: 'READY',
              muxAssetId: data.id,
              muxPlaybackId: data.playback_ids?.[0]?.id ?? null,
              durationSec: data.duration ?? null,
              error: null,
            },
          })
          break
        case 'video.asset.errored':
        case 'video.upload.errored':
        case 'video.upload.cancelled':
          await tx.video.update({
            where: { id: video.id },
            data: { status: 'ERRORED', error: data.errors?.messages?.join('; ') ?? event.type },
          })
          break
      }
    }
  })
  return { applied: Boolean(video) }
}
