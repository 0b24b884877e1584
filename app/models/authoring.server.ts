// Authoring overview for instructors and admins: every course with its published version, size and
// enrolments; publishing a new version; the video library and Mux direct uploads.
import { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { AppError, messageWith } from '~/utils/errors'
import { muxEnabled } from '~/utils/env.server'
import { publishCourse } from './course.server'
import { createMuxUpload } from './video.server'

export async function authoringCourses() {
  const [courses, enrolments] = await Promise.all([
    prisma.course.findMany({
      orderBy: { title: 'asc' },
      select: {
        id: true,
        slug: true,
        title: true,
        status: true,
        jp: true,
        updatedAt: true,
        currentVersion: { select: { version: true, publishedAt: true } },
        modules: { select: { _count: { select: { lessons: true } } } },
        _count: { select: { versions: true } },
      },
    }),
    prisma.enrolment.groupBy({ by: ['courseId', 'status'], _count: { _all: true } }),
  ])
  const counts = new Map<string, { active: number; completed: number }>()
  for (const row of enrolments) {
    const c = counts.get(row.courseId) ?? { active: 0, completed: 0 }
    if (row.status === 'ACTIVE') c.active += row._count._all
    if (row.status === 'COMPLETED') c.completed += row._count._all
    counts.set(row.courseId, c)
  }
  return courses.map(({ modules, _count, ...c }) => ({
    ...c,
    versions: _count.versions,
    lessons: modules.reduce((sum, m) => sum + m._count.lessons, 0),
    enrolments: counts.get(c.id) ?? { active: 0, completed: 0 },
  }))
}

export type PublishResult =
  { ok: true; version: number; title: string } | { ok: false; message: string }

/** Publishes the course's working structure as a new version; errors come back as message codes. */
export async function publishNewVersion(courseId: string): Promise<PublishResult> {
  const course = await prisma.course.findUnique({
    where: { id: courseId },
    select: { title: true },
  })
  if (!course) return { ok: false, message: 'studio.courseNotFound' }
  try {
    const result = await publishCourse(courseId)
    return { ok: true, version: result.version, title: course.title }
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2025')
      return { ok: false, message: 'studio.courseNotFound' }
    if (
      e instanceof Prisma.PrismaClientKnownRequestError &&
      (e.code === 'P2002' || e.code === 'P2034')
    ) {
      return { ok: false, message: 'studio.publishRace' }
    }
    // publishCourse's own rule violations are coded.
    if (e instanceof AppError) return { ok: false, message: messageWith(e.code, e.params) }
    console.error(`[authoring] publishing course ${courseId} failed`, e)
    return { ok: false, message: 'authoring.publishFailed' }
  }
}

export async function videoLibrary(take = 200) {
  const videos = await prisma.video.findMany({
    orderBy: { createdAt: 'desc' },
    take,
    select: {
      id: true,
      title: true,
      provider: true,
      status: true,
      error: true,
      durationSec: true,
      createdAt: true,
      _count: { select: { lessons: true } },
    },
  })
  return videos.map(({ _count, ...v }) => ({ ...v, lessons: _count.lessons }))
}

export type UploadResult =
  { ok: true; videoId: string; uploadUrl: string; title: string } | { ok: false; message: string }

/** Starts a Mux direct upload the instructor's browser then PUTs the file to. */
export async function startMuxUpload(input: {
  title: string
  origin: string
}): Promise<UploadResult> {
  if (!muxEnabled) return { ok: false, message: 'authoring.muxOff' }
  try {
    const { videoId, uploadUrl } = await createMuxUpload({
      title: input.title,
      corsOrigin: input.origin,
    })
    if (!uploadUrl) throw new Error(`Mux returned no upload URL for video ${videoId}`)
    return { ok: true, videoId, uploadUrl, title: input.title }
  } catch (e) {
    console.error('[authoring] creating a Mux direct upload failed', e)
    return { ok: false, message: 'authoring.muxUploadFailed' }
  }
}
