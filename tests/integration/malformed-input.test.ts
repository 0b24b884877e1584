// Bad input on the ui routes is a 4xx with an error code the UI translates, never a 500:
// NUL bytes in fields, ids and query strings, ids that are not cuids/uuids, unknown unit ids.
import { beforeAll, describe, expect, it } from 'vitest'
import * as editUser from '~/routes/admin.users.$userId'
import * as usersIndex from '~/routes/admin.users._index'
import * as newUser from '~/routes/admin.users.new'
import * as catalogue from '~/routes/courses._index'
import * as course from '~/routes/courses.$slug'
import * as lesson from '~/routes/courses.$slug_.lessons.$lessonSlug'
import * as notifications from '~/routes/notifications'
import * as profile from '~/routes/profile'
import * as teamMember from '~/routes/team.$userId'
import { createSession } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { createTestUser, uniqueNip } from '../support/factories'

type Outcome = { status: number; body: unknown }

/** The status and body of what a loader/action returned or threw (Response or data()). */
async function outcome(run: () => Promise<unknown>): Promise<Outcome> {
  let value: unknown
  try {
    value = await run()
  } catch (e) {
    value = e
  }
  if (value instanceof Response) {
    const text = await value.text()
    let body: unknown = text
    try {
      body = JSON.parse(text)
    } catch {
      /* plain text */
    }
    return { status: value.status, body }
  }
  if (value && typeof value === 'object' && 'init' in value && 'data' in value) {
    const v = value as { init: { status?: number } | null; data: unknown }
    return { status: v.init?.status ?? 200, body: v.data }
  }
  if (value instanceof Error) throw value
  return { status: 200, body: value }
}

let adminCookie = ''
let learnerCookie = ''
let supervisorCookie = ''

function req(cookie: string, path: string, form?: Record<string, string>) {
  const headers = { Cookie: cookie.split(';')[0]! }
  if (!form) return new Request(`http://localhost${path}`, { headers })
  const body = new URLSearchParams(form)
  return new Request(`http://localhost${path}`, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
    body,
  })
}

const args = (request: Request, params: Record<string, string> = {}) => ({
  request,
  params,
  context: {},
})

beforeAll(async () => {
  const admin = await createTestUser({ roles: ['ADMIN', 'ASN'] })
  const learner = await createTestUser()
  const opd = await prisma.unit.findFirstOrThrow({ where: { kind: 'OPD' }, select: { code: true } })
  const supervisor = await createTestUser({ roles: ['SUPERVISOR', 'ASN'], unitCode: opd.code })
  adminCookie = await createSession(admin.id, {})
  learnerCookie = await createSession(learner.id, {})
  supervisorCookie = await createSession(supervisor.id, {})
})

async function validUserForm() {
  const [unit, jabatan] = await Promise.all([
    prisma.unit.findFirstOrThrow({ select: { id: true } }),
    prisma.jabatan.findFirstOrThrow({ select: { id: true } }),
  ])
  let nip = uniqueNip()
  while (await prisma.user.findUnique({ where: { nip }, select: { id: true } })) nip = uniqueNip()
  return {
    employeeKind: 'PNS',
    nip,
    name: 'Pegawai Uji Form',
    email: `form.${nip}@test.jambiprov.go.id`,
    unitId: unit.id,
    jabatanId: jabatan.id,
    roles: 'ASN',
  }
}

describe('admin user forms', () => {
  it('refuses an unknown unit id (well-formed cuid) as a field error, 400', async () => {
    const form = { ...(await validUserForm()), unitId: 'cmx0000000000000000000000' }
    const r = await outcome(() => newUser.action(args(req(adminCookie, '/admin/users/new', form))))
    expect(r.status).toBe(400)
    const reply = (r.body as { result: { error: Record<string, string[]> } }).result
    expect(reply.error.unitId).toEqual(['user.unknownUnit'])
  })

  it('refuses an unknown jabatan id as a field error, 400', async () => {
    const form = { ...(await validUserForm()), jabatanId: 'not a real id' }
    const r = await outcome(() => newUser.action(args(req(adminCookie, '/admin/users/new', form))))
    expect(r.status).toBe(400)
    const reply = (r.body as { result: { error: Record<string, string[]> } }).result
    expect(reply.error.jabatanId).toEqual(['user.unknownJabatan'])
  })

  it('refuses a NUL byte in any field with 400, and still creates a clean account', async () => {
    const form = await validUserForm()
    const bad = await outcome(() =>
      newUser.action(args(req(adminCookie, '/admin/users/new', { ...form, name: 'Nama\u0000' }))),
    )
    expect(bad).toEqual({ status: 400, body: { code: 'input.invalidText' } })
    const ok = await outcome(() => newUser.action(args(req(adminCookie, '/admin/users/new', form))))
    expect(ok.status).toBe(200)
    expect(await prisma.user.count({ where: { email: form.email } })).toBe(1)
  })

  it('gives 404 for a user id that is not a cuid, contains NUL, or does not exist', async () => {
    for (const userId of ['abc', 'cmx3y9otf007c547d1byhaxl\u0000', "1' OR '1'='1"]) {
      const r = await outcome(() =>
        editUser.loader(args(req(adminCookie, '/admin/users/x'), { userId })),
      )
      expect(r).toEqual({ status: 404, body: { code: 'user.notFound' } })
    }
    const missing = await outcome(() =>
      editUser.action(
        args(req(adminCookie, '/admin/users/x', { intent: 'reset-password' }), {
          userId: 'cmx0000000000000000000000',
        }),
      ),
    )
    expect(missing).toEqual({ status: 404, body: { code: 'user.notFound' } })
  })

  it('refuses a NUL byte in the user search with 400', async () => {
    const r = await outcome(() => usersIndex.loader(args(req(adminCookie, '/admin/users?q=a%00b'))))
    expect(r).toEqual({ status: 400, body: { code: 'input.invalidText' } })
    const fine = await outcome(() =>
      usersIndex.loader(args(req(adminCookie, '/admin/users?q=Pegawai&page=-3'))),
    )
    expect(fine.status).toBe(200)
  })
})

describe('learner routes', () => {
  it('refuses NUL in the catalogue search and profile target with 400; garbage filters are ignored', async () => {
    for (const [mod, path] of [
      [catalogue, '/courses?q=%00'],
      [profile, '/profile?target=x%00'],
    ] as const) {
      const r = await outcome(() => mod.loader(args(req(learnerCookie, path))))
      expect(r).toEqual({ status: 400, body: { code: 'input.invalidText' } })
    }
    const r = await outcome(() =>
      catalogue.loader(args(req(learnerCookie, '/courses?area=NOPE&maxJp=abc&competency=%27;--'))),
    )
    expect(r.status).toBe(200)
    const p = await outcome(() => profile.loader(args(req(learnerCookie, '/profile?target=zzz'))))
    expect(p.status).toBe(200)
  })

  it('gives 404 for a course or lesson slug with NUL or odd characters', async () => {
    for (const slug of ['keamanan\u0000', '../etc', '']) {
      const r = await outcome(() => course.loader(args(req(learnerCookie, '/courses/x'), { slug })))
      expect(r).toEqual({ status: 404, body: { code: 'course.notFound' } })
    }
    const r = await outcome(() =>
      lesson.loader(
        args(req(learnerCookie, '/courses/x/lessons/y'), {
          slug: 'keamanan-digital-asn',
          lessonSlug: 'a\u0000b',
        }),
      ),
    )
    expect(r).toEqual({ status: 404, body: { code: 'lesson.notFound' } })
  })

  it('refuses an unknown intent on the course page with 400 and enrols in an unknown course with 404', async () => {
    const unknown = await outcome(() =>
      course.action(
        args(req(learnerCookie, '/courses/x', { intent: 'hack' }), {
          slug: 'keamanan-digital-asn',
        }),
      ),
    )
    expect(unknown).toEqual({ status: 400, body: { code: 'input.unknownIntent' } })
    const missing = await outcome(() =>
      course.action(
        args(req(learnerCookie, '/courses/x', { intent: 'enrol' }), { slug: 'tidak-ada' }),
      ),
    )
    expect(missing).toEqual({ status: 404, body: { code: 'course.notFound' } })
  })

  it('refuses a notification id with NUL or not an id with 400', async () => {
    const nul = await outcome(() =>
      notifications.action(args(req(learnerCookie, '/notifications', { id: 'a\u0000' }))),
    )
    expect(nul).toEqual({ status: 400, body: { code: 'input.invalidText' } })
    for (const id of ['not-an-id', '']) {
      const r = await outcome(() =>
        notifications.action(args(req(learnerCookie, '/notifications', { id }))),
      )
      expect(r).toEqual({ status: 400, body: { code: 'notification.unknown' } })
    }
    const all = await outcome(() =>
      notifications.action(args(req(learnerCookie, '/notifications', { id: 'all' }))),
    )
    expect(all.status).toBe(200)
  })
})

describe('team member', () => {
  it('gives 404 for a malformed id and 403 with a code for someone outside the scope', async () => {
    const r = await outcome(() =>
      teamMember.loader(args(req(supervisorCookie, '/team/x'), { userId: 'x\u0000' })),
    )
    expect(r).toEqual({ status: 404, body: { code: 'team.notFound' } })
    const stranger = await createTestUser()
    const denied = await outcome(() =>
      teamMember.loader(args(req(supervisorCookie, '/team/x'), { userId: stranger.id })),
    )
    expect(denied).toEqual({ status: 403, body: { code: 'team.outOfScope' } })
  })
})
