// Uploads of the course studio: lesson images and local videos. The kind of a file is read from
// its first bytes (file-type), never from its name or Content-Type; sizes are counted while the
// bytes stream in, and a refused upload leaves nothing stored (docs/decisions/057).
import { createHash, randomUUID } from 'node:crypto'
import { Readable } from 'node:stream'
import { fileTypeFromBuffer } from 'file-type'
import {
  IMAGE_MAX_BYTES,
  IMAGE_TYPES,
  megabytes,
  VIDEO_MAX_BYTES,
  VIDEO_TYPES,
} from '~/domain/uploads'
import { prisma } from '~/utils/db.server'
import { muxEnabled } from '~/utils/env.server'
import { InvalidError, AppError } from '~/utils/errors'
import { mediaStorage } from '~/utils/storage.server'
import { Mp4DurationProbe } from '~/utils/mp4-probe'
import { createMuxUpload } from './video.server'

const HEAD_BYTES = 4100

function tooLarge(max: number) {
  return new AppError('studio.tooLarge', { status: 413, params: { max: megabytes(max) } })
}

/**
 * Reads the first bytes, judges the type from them, and returns the whole body as a stream that
 * fails once it passes `max` bytes.
 */
export async function checkedUpload(
  data: AsyncIterable<Uint8Array>,
  opts: { max: number; allowed: readonly string[] },
) {
  const it = data[Symbol.asyncIterator]()
  const head: Buffer[] = []
  let headLength = 0
  let ended = false
  while (headLength < HEAD_BYTES) {
    const r = await it.next()
    if (r.done) {
      ended = true
      break
    }
    head.push(Buffer.from(r.value))
    headLength += r.value.byteLength
  }
  const first = Buffer.concat(head)
  if (first.length === 0) throw new InvalidError('studio.emptyFile')
  if (first.length > opts.max) throw tooLarge(opts.max)
  const type = await fileTypeFromBuffer(first)
  if (!type || !opts.allowed.includes(type.ext))
    throw new AppError('studio.wrongType', {
      status: 415,
      params: { found: type?.mime ?? '?', allowed: opts.allowed.join(', ') },
    })
  let total = first.length
  async function* body() {
    yield first
    if (ended) return
    for (;;) {
      const r = await it.next()
      if (r.done) return
      total += r.value.byteLength
      if (total > opts.max) throw tooLarge(opts.max)
      yield Buffer.from(r.value)
    }
  }
  return { ext: type.ext, mime: type.mime, body: body(), size: () => total }
}

/** Stores a lesson image under its content hash; returns the address lesson documents use. */
export async function storeLessonImage(data: AsyncIterable<Uint8Array>) {
  const upload = await checkedUpload(data, { max: IMAGE_MAX_BYTES, allowed: IMAGE_TYPES })
  const parts: Buffer[] = []
  for await (const chunk of upload.body) parts.push(chunk)
  const bytes = Buffer.concat(parts)
  const sha = createHash('sha256').update(bytes).digest('hex')
  const name = `${sha}.${upload.ext}`
  await mediaStorage().putOnce(`images/${name}`, bytes)
  return { src: `/media/images/${name}`, size: bytes.length }
}

/**
 * Streams an MP4 into local storage and records it as a READY video of the course, with the
 * duration read from the file while it streamed (learners' progress is judged against it).
 */
export async function storeLocalStudioVideo(
  courseId: string,
  userId: string,
  title: string,
  data: AsyncIterable<Uint8Array>,
) {
  const upload = await checkedUpload(data, { max: VIDEO_MAX_BYTES, allowed: VIDEO_TYPES })
  const probe = new Mp4DurationProbe()
  async function* probed() {
    for await (const chunk of upload.body) {
      probe.push(chunk)
      yield chunk
    }
  }
  const key = `videos/studio/${randomUUID()}.mp4`
  const storage = mediaStorage()
  await storage.put(key, Readable.from(probed()))
  if (!probe.duration || !Number.isFinite(probe.duration)) {
    await storage.delete(key)
    throw new InvalidError('studio.noDuration')
  }
  const video = await prisma.$transaction(async (tx) => {
    const v = await tx.video.create({
      data: {
        provider: 'LOCAL',
        status: 'READY',
        title,
        localPath: key,
        durationSec: Math.round(probe.duration! * 100) / 100,
      },
      select: { id: true, durationSec: true },
    })
    await tx.studioVideo.create({ data: { videoId: v.id, courseId, createdBy: userId } })
    return v
  })
  return { videoId: video.id, durationSec: video.durationSec, size: upload.size() }
}

/** With Mux configured: a direct-upload URL the browser PUTs the file to. */
export async function startStudioMuxUpload(
  courseId: string,
  userId: string,
  title: string,
  origin: string,
) {
  if (!muxEnabled) throw new InvalidError('studio.muxOff')
  const { videoId, uploadUrl } = await createMuxUpload({ title, corsOrigin: origin })
  await prisma.studioVideo.create({ data: { videoId, courseId, createdBy: userId } })
  return { videoId, uploadUrl }
}

/** The videos of a course: uploaded in its studio or used by its lessons. */
export async function courseVideos(courseId: string) {
  const [uploaded, used] = await Promise.all([
    prisma.studioVideo.findMany({ where: { courseId }, select: { videoId: true } }),
    prisma.lesson.findMany({
      where: { module: { courseId }, videoId: { not: null } },
      select: { videoId: true },
    }),
  ])
  const ids = [...new Set([...uploaded.map((u) => u.videoId), ...used.map((u) => u.videoId!)])]
  return prisma.video.findMany({
    where: { id: { in: ids } },
    orderBy: { createdAt: 'desc' },
    select: {
      id: true,
      title: true,
      provider: true,
      status: true,
      error: true,
      durationSec: true,
      createdAt: true,
    },
  })
}

/** Whether a video belongs to the course (a lesson may only point to the course's own videos). */
export async function isCourseVideo(courseId: string, videoId: string) {
  const videos = await courseVideos(courseId)
  return videos.some((v) => v.id === videoId)
}
