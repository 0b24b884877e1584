// Protected media and server-judged video progress (issue 10, point 6).
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServerBuild } from '@remix-run/node'
import { createApp } from '../../server/app'
import { enrol, lessonForLearner } from '~/models/course.server'
import { prisma } from '~/utils/db.server'
import { redis } from '~/utils/redis.server'
import { createSession } from '~/utils/auth.server'
import { loader as mediaLoader } from '~/routes/media.videos.$videoId'
import { action as progressAction } from '~/routes/courses.$slug_.lessons.$lessonSlug.progress'
import { loader as lessonLoader } from '~/routes/courses.$slug_.lessons.$lessonSlug'
import { createTestUser, requestWithCookie } from '../support/factories'
import { COURSE, currentLessons } from '../support/learning'

const build = (await import(
  new URL('../../build/server/index.js', import.meta.url).href
)) as ServerBuild
let server: Server
let base = ''
beforeAll(async () => {
  server = await new Promise<Server>((resolve) => {
    const s = createApp({ mode: 'production', build }).listen(0, '127.0.0.1', () => resolve(s))
  })
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise((r) => server.close(r))
  redis().disconnect()
})

const video = (await currentLessons()).find((l) => l.kind === 'VIDEO')!
const { durationSec } = await prisma.video.findUniqueOrThrow({ where: { id: video.videoId! } })
const D = durationSec!

async function status(cookie: string, videoId = video.videoId!) {
  const r = await mediaLoader({
    request: requestWithCookie(cookie, `/media/videos/${videoId}`),
    params: { videoId },
    context: {},
  }).catch((e) => e as Response)
  return r.status
}

describe('/media/videos/:id', () => {
  it('serves only the enrolled, instructors and admins; not after the course is unpublished', async () => {
    const stranger = await createTestUser()
    const learner = await createTestUser()
    await enrol(learner.id, COURSE)
    const instructor = await createTestUser({ roles: ['INSTRUCTOR'] })
    const admin = await createTestUser({ roles: ['ADMIN'] })
    const c = async (id: string) => createSession(id, {})
    expect(await status(await c(stranger.id))).toBe(404)
    expect(await status(await c(learner.id))).toBe(200)
    expect(await status(await c(instructor.id))).toBe(200)
    expect(await status(await c(admin.id))).toBe(200)
    expect(await status(await c(learner.id), 'tidak-ada')).toBe(404)
    const course = await prisma.course.findUniqueOrThrow({ where: { slug: COURSE } })
    await prisma.course.update({ where: { id: course.id }, data: { status: 'DRAFT' } })
    try {
      expect(await status(await c(learner.id))).toBe(404)
      expect(await status(await c(instructor.id))).toBe(200)
    } finally {
      await prisma.course.update({ where: { id: course.id }, data: { status: course.status } })
    }
  })

  it('is sent with Range, ETag and 304 by `send`', async () => {
    const learner = await createTestUser()
    await enrol(learner.id, COURSE)
    const cookie = (await createSession(learner.id, {})).split(';')[0]!
    const url = `${base}/media/videos/${video.videoId}`
    const full = await fetch(url, { headers: { Cookie: cookie } })
    expect(full.status).toBe(200)
    expect(full.headers.get('accept-ranges')).toBe('bytes')
    expect(full.headers.get('x-bina-send-file')).toBeNull()
    expect(full.headers.get('cache-control')).toBe('private, max-age=3600')
    const size = (await full.arrayBuffer()).byteLength
    const etag = full.headers.get('etag')!
    expect(etag).toBeTruthy()
    const part = await fetch(url, { headers: { Cookie: cookie, Range: 'bytes=10-19' } })
    expect(part.status).toBe(206)
    expect(part.headers.get('content-range')).toBe(`bytes 10-19/${size}`)
    expect((await part.arrayBuffer()).byteLength).toBe(10)
    // node:http, not fetch: fetch adds "Cache-Control: no-cache" to conditional requests.
    const again = await new Promise<number>((resolve, reject) =>
      http
        .get(url, { headers: { Cookie: cookie, 'If-None-Match': etag } }, (r) => {
          r.resume()
          resolve(r.statusCode!)
        })
        .on('error', reject),
    )
    expect(again).toBe(304)
    const bad = await fetch(url, { headers: { Cookie: cookie, Range: `bytes=${size + 5}-` } })
    expect(bad.status).toBe(416)
    const anonymous = await fetch(url, { redirect: 'manual' })
    expect(anonymous.status).toBe(302)
  })
})

function progressRequest(cookie: string, body: string, json = true) {
  return new Request(`http://localhost/courses/${COURSE}/lessons/${video.slug}/progress`, {
    method: 'POST',
    headers: {
      Cookie: cookie.split(';')[0]!,
      'Content-Type': json ? 'application/json' : 'application/x-www-form-urlencoded',
    },
    body,
  })
}
const params = { slug: COURSE, lessonSlug: video.slug }

describe('video progress judged by the server', () => {
  it('refuses Infinity, reversed ranges and a completion 31 ms after enrolling', async () => {
    const u = await createTestUser()
    await enrol(u.id, COURSE)
    const cookie = await createSession(u.id, {})
    const post = async (body: string) =>
      (await progressAction({
        request: progressRequest(cookie, body),
        params,
        context: {},
      })) as Response
    expect((await post(`{"positionSec":1e999,"ranges":[[0,1e999]]}`)).status).toBe(400)
    expect((await post(`{"positionSec":5,"ranges":[[20,10]]}`)).status).toBe(400)
    const fast = await post(JSON.stringify({ positionSec: D, ranges: [[0, D]] }))
    expect(fast.status).toBe(422)
    const p = await prisma.lessonProgress.findFirst({
      where: { enrolment: { userId: u.id }, completedAt: { not: null } },
    })
    expect(p).toBeNull()
  })

  it('completes without JavaScript only once the duration has passed since the lesson was opened', async () => {
    const u = await createTestUser()
    await enrol(u.id, COURSE)
    const cookie = await createSession(u.id, {})
    // Opening the lesson page starts the clock.
    await lessonLoader({
      request: requestWithCookie(cookie, `/courses/${COURSE}/lessons/${video.slug}`),
      params,
      context: {},
    })
    const early = (await progressAction({
      request: progressRequest(cookie, 'intent=watched', false),
      params,
      context: {},
    })) as Response
    expect(early.status).toBe(302)
    expect(early.headers.get('Location')).toMatch(/\?wait=\d+$/)
    let view = await lessonForLearner(COURSE, video.slug, u.id)
    expect(view!.progress?.completedAt ?? null).toBeNull()
    // As if the duration had passed: move the opening back by the video's length.
    await prisma.lessonProgress.updateMany({
      where: { enrolment: { userId: u.id } },
      data: { videoStartedAt: new Date(Date.now() - D * 1000 - 10) },
    })
    const ok = (await progressAction({
      request: progressRequest(cookie, 'intent=watched', false),
      params,
      context: {},
    })) as Response
    expect(ok.headers.get('Location')).toBe(`/courses/${COURSE}/lessons/${video.slug}`)
    view = await lessonForLearner(COURSE, video.slug, u.id)
    expect(view!.progress?.completedAt).toBeTruthy()
  })
})
