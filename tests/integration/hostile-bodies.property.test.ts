// Property test (issue 10, "Done when"): random and hostile bodies — control characters, NUL,
// huge values, wrong types, JSON where a form is expected, other users' ids, unknown ids — posted
// to EVERY action route and sent to EVERY resource route of the built portal, as every role
// (anonymous, ASN, instructor, supervisor, admin). The routes come from the built route manifest,
// so a new route is covered without editing this file. Asserts: never a 5xx, and no change to any
// table the role may not write (each table's content hash, taken before and after each role's
// run; tables the role may write are listed below with the reason).
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServerBuild } from '@remix-run/node'
import { createApp } from '../../server/app'
import { createSession } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { redis } from '~/utils/redis.server'
import { createTestUser } from '../support/factories'

if (!fs.existsSync('build/server/index.js'))
  execFileSync('npx', ['remix', 'vite:build'], { env: { ...process.env, NODE_ENV: 'production' } })
const build = (await import(
  new URL('../../build/server/index.js', import.meta.url).href
)) as ServerBuild

// ---- routes, from the built manifest ----
interface Target {
  id: string
  pattern: string
  method: 'POST' | 'GET'
}
function fullPath(id: string): string {
  const r = build.routes[id]!
  const own = r.path ?? ''
  const parent = r.parentId ? fullPath(r.parentId) : ''
  return [parent, own].filter(Boolean).join('/').replace(/\/+/g, '/')
}
const targets: Target[] = []
for (const [id, r] of Object.entries(build.routes)) {
  if (id === 'root') continue
  const pattern = `/${fullPath(id)}`
  if (r.module.action) targets.push({ id, pattern, method: 'POST' })
  // A resource route (no component): its loader answers GETs directly with hostile queries.
  if (r.module.loader && !r.module.default) targets.push({ id, pattern, method: 'GET' })
}

// ---- roles ----
type RoleName = 'anonymous' | 'asn' | 'instructor' | 'supervisor' | 'admin'
const ROLES: RoleName[] = ['anonymous', 'asn', 'instructor', 'supervisor', 'admin']

/**
 * Tables a role's requests may legitimately write, whatever it sends. Every other table of the
 * public schema (new tables included, automatically) must stay byte-for-byte unchanged. In the
 * tables a signed-in role may write, the rows of OTHER users (a "userId" column, or the User row
 * itself) must stay unchanged too.
 */
const OWN_RECORD = [
  'Session', // its own session (a hostile /logout ends it)
  'Enrolment',
  'LessonProgress',
  'QuizAttempt',
  'AttemptAnswer',
  'Notification',
  'NotificationPreference',
  'OutboxMessage', // follow-ups of its own facts
  'Password',
  'PasswordResetToken',
  'User', // its own language or password flags
  'EvalSurveyResponse',
  'EvalSurveyAnswer',
  'CertificateExport',
  'AuditLog',
  'DashRefresh', // marks aggregates to refresh
]
const MAY_WRITE: Record<RoleName, string[]> = {
  // "Lupa kata sandi" for an existing identifier records a token and the mail's outbox row (for
  // any account: that is the feature); verifications and failures are logged.
  anonymous: ['PasswordResetToken', 'OutboxMessage', 'AuditLog', 'Session'],
  asn: OWN_RECORD,
  // This instructor teaches no course: nothing beyond its own record.
  instructor: OWN_RECORD,
  supervisor: OWN_RECORD,
  admin: ['*'],
}
/** What an admin's posts must still never rewrite: learners' records and immutable versions. */
const ADMIN_NEVER = [
  'QuizAttempt',
  'AttemptAnswer',
  'LessonProgress',
  'Enrolment',
  'JpCredit',
  'CompetencyRatingHistory',
  'QuestionVersion',
  'LessonVersion',
]

// ---- fixtures ----
let server: Server
let base = ''
const users: Partial<Record<RoleName, { id: string; nip: string }>> = {}
let knownIds: string[] = []
let knownSlugs: string[] = []
let tables: string[] = []

let userIdTables = new Set<string>()

/** A content hash per table: the whole table, or only other users' rows (`others`). */
async function tableHashes(role: RoleName) {
  const own = role === 'anonymous' ? undefined : users[role]!.id
  const out: Record<string, string> = {}
  for (const t of tables) {
    let where: string
    if (role === 'admin') {
      if (!ADMIN_NEVER.includes(t)) continue
      where = 'TRUE'
    } else if (!MAY_WRITE[role].includes(t)) where = 'TRUE'
    else if (!own) continue
    else if (t === 'User') where = `x.id <> '${own}'`
    else if (userIdTables.has(t)) where = `x."userId" IS DISTINCT FROM '${own}'`
    else continue
    const [row] = await prisma.$queryRawUnsafe<{ h: string | null; n: bigint }[]>(
      `SELECT md5(string_agg(x::text, '|' ORDER BY x::text)) AS h, count(*) AS n FROM "${t}" x WHERE ${where}`,
    )
    out[t] = `${row!.n}:${row!.h ?? ''}`
  }
  return out
}

beforeAll(async () => {
  server = await new Promise<Server>((resolve) => {
    const s = createApp({ mode: 'production', build }).listen(0, '127.0.0.1', () => resolve(s))
  })
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  users.asn = await createTestUser()
  users.instructor = await createTestUser({ roles: ['ASN', 'INSTRUCTOR'] })
  users.supervisor = await createTestUser({ roles: ['ASN', 'SUPERVISOR'] })
  users.admin = await createTestUser({ roles: ['ASN', 'ADMIN'] })
  const rows = await prisma.$queryRawUnsafe<{ tablename: string }[]>(
    `SELECT tablename::text AS tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
  )
  tables = rows.map((r) => r.tablename).sort()
  const withUser = await prisma.$queryRawUnsafe<{ table_name: string }[]>(
    `SELECT table_name::text AS table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'userId'`,
  )
  userIdTables = new Set(withUser.map((r) => r.table_name))
  // Existing ids of every table with an id column (other users' rows among them).
  for (const t of tables) {
    const ids = await prisma
      .$queryRawUnsafe<{ id: unknown }[]>(
        `SELECT id::text AS id FROM "${t}" ORDER BY random() LIMIT 2`,
      )
      .catch(() => [])
    for (const r of ids)
      if (typeof r.id === 'string' || typeof r.id === 'number') knownIds.push(String(r.id))
  }
  knownIds = [...new Set(knownIds)].filter((id) => !id.includes('/'))
  knownSlugs = (await prisma.course.findMany({ select: { slug: true }, take: 3 })).map(
    (c) => c.slug,
  )
}, 60_000)
afterAll(async () => {
  await new Promise((r) => server.close(r))
  redis().disconnect()
})

// ---- generators ----
const CONTROL = ['\u0000', '\u0001', '\u0008', '\u001b', '\u007f', '\u202e', '\ufeff']
const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc
    .tuple(fc.string({ maxLength: 10 }), fc.constantFrom(...CONTROL), fc.string({ maxLength: 10 }))
    .map(([a, c, b]) => a + c + b),
  fc.constantFrom(
    '',
    ' ',
    '-1',
    '0',
    '1e309',
    'NaN',
    'Infinity',
    '-Infinity',
    '9'.repeat(40),
    'true',
    'null',
    '[]',
    '{}',
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    '../../../etc/passwd',
    '//evil.example',
    '/\\evil.example',
    'https://evil.example/',
    '\u0000',
  ),
  fc.nat({ max: 3 }).map((k) => 'x'.repeat([300, 5_000, 19_000, 25_000][k]!)),
)
const idValue = () =>
  fc.oneof(
    fc.constantFrom(...knownIds, ...knownSlugs),
    fc.constantFrom(...Object.values(users).map((u) => u!.id)),
    // Unknown ids of the right shape and of no shape.
    fc.stringMatching(/^c[a-z0-9]{24}$/),
    fc.uuid(),
    hostileString,
  )
const FIELD_NAMES = [
  'intent',
  'id',
  'userId',
  'courseId',
  'lessonId',
  'videoId',
  'attemptId',
  'questionId',
  'optionId',
  'answer',
  'answers',
  'score',
  'points',
  'identifier',
  'password',
  'currentPassword',
  'newPassword',
  'confirmPassword',
  'token',
  'redirectTo',
  'language',
  'lng',
  'name',
  'email',
  'nip',
  'roles',
  'role',
  'active',
  'unitId',
  'supervisorId',
  'reason',
  'code',
  'passMark',
  'attemptsAllowed',
  'opensAt',
  'closesAt',
  'from',
  'to',
  'position',
  'duration',
]
const INTENTS = [
  'enrol',
  'enroll',
  'complete',
  'submit',
  'save',
  'start',
  'confirm',
  'grade',
  'revoke',
  'retry',
  'deactivate',
  'activate',
  'reset-password',
  'resetPassword',
  'publish',
  'delete',
  'markRead',
  'mark-all-read',
  'add',
  'remove',
]
const fieldValue = () =>
  fc.oneof(idValue(), hostileString, fc.constantFrom(...INTENTS), fc.integer().map(String))
const formBody = () =>
  fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...FIELD_NAMES), hostileString), fieldValue()), {
      maxLength: 8,
    })
    .map((pairs) => {
      const p = new URLSearchParams()
      for (const [k, v] of pairs) p.append(k, v)
      return { type: 'application/x-www-form-urlencoded', body: p.toString() }
    })
const jsonBody = () =>
  fc
    .oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.dictionary(fc.constantFrom(...FIELD_NAMES), fc.oneof(fieldValue(), fc.jsonValue())),
    )
    .map((v) => ({ type: 'application/json', body: JSON.stringify(v) }))
const rawBody = () =>
  fc
    .oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.constantFrom('%', '%E0%A4%A', 'a=%00', '=&=&&', '{"a":', 'a'.repeat(70_000)),
    )
    .map((body) => ({ type: 'application/x-www-form-urlencoded', body }))
const request = () =>
  fc.record({
    params: fc.array(idValue(), { minLength: 4, maxLength: 4 }),
    body: fc.oneof({ weight: 3, arbitrary: formBody() }, jsonBody(), rawBody()),
    query: fc.option(fc.tuple(fc.constantFrom(...FIELD_NAMES, '_data', 'index'), fieldValue())),
  })

function fill(pattern: string, params: string[]) {
  let i = 0
  return pattern.replace(/:[\w]+/g, () => encodeURIComponent(params[i++ % params.length]!))
}

// Per (role, route): a few generated requests. Keeps the whole run well under two minutes.
const RUNS_PER_ROUTE = Number(process.env.HOSTILE_RUNS ?? 3)

describe('hostile bodies to every action and resource route, as every role', () => {
  it('finds the routes in the built manifest', () => {
    expect(targets.length).toBeGreaterThan(20)
    expect(targets.map((t) => t.pattern)).toEqual(
      expect.arrayContaining(['/login', '/settings/password', '/webhooks/mux']),
    )
  })

  for (const role of ROLES) {
    it(`as ${role}: never a 5xx, and nothing changes that ${role} may not write`, async () => {
      const before = await tableHashes(role)
      const failures: string[] = []
      for (const target of targets) {
        // A fresh session per route: a hostile post to /logout must not end the role's run.
        const user = role === 'anonymous' ? undefined : users[role]!
        const cookie = user ? (await createSession(user.id, {})).split(';')[0]! : undefined
        await fc
          .assert(
            fc.asyncProperty(request(), async (req) => {
              const path = fill(target.pattern, req.params)
              const qs = req.query ? `?${new URLSearchParams([req.query]).toString()}` : ''
              const res = await fetch(`${base}${path}${qs}`, {
                method: target.method,
                redirect: 'manual',
                headers: {
                  Origin: base,
                  ...(cookie ? { Cookie: cookie } : {}),
                  ...(target.method === 'POST' ? { 'Content-Type': req.body.type } : {}),
                },
                body: target.method === 'POST' ? req.body.body : undefined,
              })
              await res.arrayBuffer()
              if (res.status >= 500 && !failures.some((f) => f.startsWith(target.id)))
                failures.push(
                  `${target.id}: ${target.method} ${path}${qs} -> ${res.status} ${req.body.type} ${JSON.stringify(req.body.body.slice(0, 200))}`,
                )
              return res.status < 500
            }),
            {
              numRuns: RUNS_PER_ROUTE,
              endOnFailure: true,
              seed: Number(process.env.HOSTILE_SEED ?? Date.now() % 1e9),
            },
          )
          // The failing request is in `failures` (shrinking is off: the first failure is kept).
          .catch(() => undefined)
      }
      expect(failures).toEqual([])
      const after = await tableHashes(role)
      const changed = Object.keys(before).filter((t) => before[t] !== after[t])
      expect(Object.keys(before).length).toBeGreaterThan(5)
      expect(changed, `tables ${role} may not write`).toEqual([])
    }, 120_000)
  }
})
