// Sessions and access checks. The cookie holds only a random token; the database keeps its
// SHA-256. Idle and absolute timeouts end a session; sign-out and deactivation delete its rows.
import { createHash, randomBytes } from 'node:crypto'
import { createCookie, redirect } from '@remix-run/node'
import { Prisma, type EmployeeKind, type JabatanKind, type Role } from '~/generated/prisma/client'
import { prisma, sql } from './db.server'
import type { ErrorParams, ErrorPayload } from './errors'
import { env } from './env.server'
import { receivedAt } from './misc'

export const sessionCookie = createCookie('bina_session', {
  httpOnly: true,
  sameSite: 'lax',
  // `Secure` is decided per request by isSecureRequest (the real scheme), not by NODE_ENV.
  secure: false,
  path: '/',
  secrets: [env.SESSION_SECRET],
  maxAge: env.SESSION_ABSOLUTE_HOURS * 3600,
})

const ABSOLUTE_MS = env.SESSION_ABSOLUTE_HOURS * 3_600_000
/** lastSeenAt is written at most this often, not on every request. */
const TOUCH_MS = 60_000

/** Touches waiting to be written: session id -> the latest arrival time (ms) that used it. */
const touches = new Map<string, number>()
let touchTimer: ReturnType<typeof setTimeout> | null = null
/** How long a touch waits for others before they are written in one statement. */
const TOUCH_BATCH_MS = 1_000

function touchSoon(id: string, at: number) {
  touches.set(id, Math.max(touches.get(id) ?? 0, at))
  touchTimer ??= setTimeout(() => void flushSessionTouches(), TOUCH_BATCH_MS)
  // A process that is stopping does not wait for it: a lost touch only lets the idle window
  // close up to a minute early.
  touchTimer.unref?.()
}

/**
 * Writes the waiting touches: one statement (one commit) for all of them, each session's
 * `lastSeenAt` moved to its latest request's arrival, never back. A failed write is logged; the
 * next request of those sessions touches them again.
 */
export async function flushSessionTouches() {
  if (touchTimer) clearTimeout(touchTimer)
  touchTimer = null
  if (!touches.size) return
  const batch = [...touches]
  touches.clear()
  await sql(
    Prisma.sql`
    UPDATE "Session" s SET "lastSeenAt" = GREATEST(s."lastSeenAt", t.at AT TIME ZONE 'UTC')
    FROM unnest(${batch.map(([id]) => id)}::text[], ${batch.map(([, at]) => new Date(at).toISOString())}::timestamptz[]) AS t(id, at)
    WHERE s.id = t.id`,
    { prepare: true },
  ).catch((e: unknown) =>
    console.error(`[session] lastSeenAt of ${batch.length} sessions not moved: ${String(e)}`),
  )
}

export function hashToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}

export interface SessionUser {
  id: string
  nip: string
  name: string
  email: string
  roles: Role[]
  employeeKind: EmployeeKind
  locale: string
  unitId: string | null
  jabatanId: string | null
  unit: { id: string; name: string; code: string; path: string } | null
  jabatan: { id: string; name: string; kind: JabatanKind } | null
  /** A temporary (admin-issued) password: every page leads to the change page until changed. */
  mustChangePassword: boolean
}

/**
 * Whether the browser reached us over https: APP_ORIGIN's scheme when set, else the scheme of the
 * request as the server saw it (a trusted proxy's X-Forwarded-Proto), set by server/app.ts.
 * So the demo works over plain http on any address, and production behind https marks cookies
 * Secure.
 */
export function isSecureRequest(request: Request) {
  if (env.APP_ORIGIN) return env.APP_ORIGIN.startsWith('https:')
  return request.headers.get('x-bina-proto') === 'https'
}

/** Starts a new session (always a new id) and returns the Set-Cookie header value. */
export async function createSession(
  userId: string,
  meta: { ip?: string; userAgent?: string; secure?: boolean },
) {
  const token = randomBytes(32).toString('base64url')
  await prisma.session.create({
    data: {
      id: hashToken(token),
      userId,
      expiresAt: new Date(Date.now() + ABSOLUTE_MS),
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300),
    },
  })
  return sessionCookie.serialize(token, { secure: meta.secure ?? false })
}

// The session's id read from a Cookie header, remembered per header (decision 075): checking the
// cookie's signature is an HMAC (and parsing the header) on every request, ~2.5% of a page's CPU,
// then the token's SHA-256 is the session's id (~14 µs more, decision 126); the same header always
// gives the same answer. Bounded (2,000 headers of at most 2 KB; the map starts again when full).
const MAX_TOKENS = 2_000
const tokens = new Map<string, string | null>()
/** The session id (the token's hash) of the request's session cookie, or null. */
async function readSessionId(request: Request): Promise<string | null> {
  const header = request.headers.get('Cookie')
  if (!header) return null
  const known = tokens.get(header)
  if (known !== undefined) return known
  const value = await sessionCookie.parse(header)
  const id = typeof value === 'string' && value.length > 20 ? hashToken(value) : null
  if (header.length > 2048) return id
  if (tokens.size >= MAX_TOKENS) tokens.clear()
  tokens.set(header, id)
  return id
}

type SessionState =
  | { status: 'none' }
  | { status: 'expired' }
  | { status: 'active'; sessionId: string; user: SessionUser; unread: number }

interface SessionRow {
  user_id: string
  expired: boolean
  needs_touch: boolean
  active: boolean
  nip: string
  name: string
  email: string
  roles: string[]
  employee_kind: string
  locale: string
  unit_id: string | null
  unit_name: string | null
  unit_code: string | null
  unit_path: string | null
  jabatan_id: string | null
  jabatan_name: string | null
  jabatan_kind: string | null
  must_change: boolean
  unread: number
}

// Every request reads its session: one statement (session, user, unit, jabatan, and the unread
// notification count the header shows on every page) through `sql`, i.e. `pg` directly: the
// ORM's per-statement cost (~0.7 ms of CPU even for $queryRaw) was most of a cached page's time
// (docs/decisions/073-pages-without-the-orm.md). Timeouts are evaluated by the database clock.
async function loadSession(request: Request): Promise<SessionState> {
  const id = await readSessionId(request)
  if (!id) return { status: 'none' } as const
  // Through `sql` as a prepared statement: every request reads its session (decision 071).
  const rows = await sql<SessionRow>(
    Prisma.sql`
    SELECT s."userId" AS user_id,
      (s."expiresAt" <= now() AT TIME ZONE 'UTC' OR s."lastSeenAt" + make_interval(mins => ${env.SESSION_IDLE_MINUTES}::int) <= now() AT TIME ZONE 'UTC') AS expired,
      (s."lastSeenAt" + make_interval(secs => ${TOUCH_MS / 1000}::int) < now() AT TIME ZONE 'UTC') AS needs_touch,
      u.active, u.nip, u.name, u.email, u.roles::text[] AS roles, u."employeeKind"::text AS employee_kind, u.locale,
      un.id AS unit_id, un.name AS unit_name, un.code AS unit_code, un.path AS unit_path,
      j.id AS jabatan_id, j.name AS jabatan_name, j.kind::text AS jabatan_kind,
      COALESCE(p."mustChange", false) AS must_change,
      (SELECT count(*)::int FROM "Notification" n WHERE n."userId" = u.id AND n."readAt" IS NULL) AS unread
    FROM "Session" s
    JOIN "User" u ON u.id = s."userId"
    LEFT JOIN "Password" p ON p."userId" = u.id
    LEFT JOIN "Unit" un ON un.id = u."unitId"
    LEFT JOIN "Jabatan" j ON j.id = u."jabatanId"
    WHERE s.id = ${id}`,
    { prepare: true },
  )
  const r = rows[0]
  if (!r) return { status: 'expired' } as const
  if (r.expired || !r.active) {
    await prisma.session.deleteMany({ where: r.active ? { id } : { userId: r.user_id } })
    return { status: 'expired' } as const
  }
  // The sliding idle window moves at most once a minute, and the request does not wait for it:
  // the page needs nothing from this write (decision 108). The touches of a process are written
  // together, once a second, each with its request's arrival time (decision 120).
  if (r.needs_touch) touchSoon(id, receivedAt(request))
  const user: SessionUser = {
    id: r.user_id,
    nip: r.nip,
    name: r.name,
    email: r.email,
    roles: r.roles as Role[],
    employeeKind: r.employee_kind as EmployeeKind,
    locale: r.locale,
    unitId: r.unit_id,
    jabatanId: r.jabatan_id,
    unit: r.unit_id
      ? { id: r.unit_id, name: r.unit_name!, code: r.unit_code!, path: r.unit_path! }
      : null,
    jabatan: r.jabatan_id
      ? { id: r.jabatan_id, name: r.jabatan_name!, kind: r.jabatan_kind as JabatanKind }
      : null,
    mustChangePassword: r.must_change,
  }
  return { status: 'active', sessionId: id, user, unread: r.unread } as const
}

// Remix gives each loader of a page its own copy of the Request, so the root loader and the route
// loader each looked the session up (two reads, two cookie signature checks per page). The lookups
// of one GET request now share one read: the key is the arrival stamp server/index.ts sets on
// every request plus the Cookie header. Only safe methods share (after an action, loaders must see
// what it changed); entries live one second (docs/decisions/070-where-page-time-goes.md).
const sharedLookups = new Map<string, Promise<SessionState>>()
function loadSessionOnce(request: Request): Promise<SessionState> {
  const at = request.headers.get('x-bina-received-at')
  if (!at || (request.method !== 'GET' && request.method !== 'HEAD')) return loadSession(request)
  const key = `${at} ${request.headers.get('Cookie') ?? ''}`
  let lookup = sharedLookups.get(key)
  if (!lookup) {
    lookup = loadSession(request)
    sharedLookups.set(key, lookup)
    setTimeout(() => sharedLookups.delete(key), 1000).unref()
  }
  return lookup
}

export async function getSession(request: Request): Promise<SessionState> {
  return loadSessionOnce(request)
}

export async function getOptionalUser(request: Request) {
  const s = await loadSessionOnce(request)
  return s.status === 'active' ? s.user : null
}

/** The signed-in user (or null) and their unread notification count: the page header's data. */
export async function headerState(request: Request) {
  const s = await loadSessionOnce(request)
  return s.status === 'active' ? { user: s.user, unread: s.unread } : { user: null, unread: 0 }
}

function loginRedirect(request: Request, reason?: 'expired') {
  const url = new URL(request.url)
  const params = new URLSearchParams({ redirectTo: url.pathname + url.search })
  if (reason) params.set('reason', reason)
  return redirect(`/login?${params}`, {
    headers: reason ? { 'Set-Cookie': clearCookieHeader(request) } : undefined,
  })
}

const clearCookieHeader = (request: Request) =>
  `bina_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${isSecureRequest(request) ? '; Secure' : ''}`

export const CHANGE_PASSWORD_PATH = '/settings/password'

export async function requireUser(request: Request) {
  const s = await loadSessionOnce(request)
  if (s.status === 'active') {
    if (s.user.mustChangePassword && new URL(request.url).pathname !== CHANGE_PASSWORD_PATH)
      throw redirect(CHANGE_PASSWORD_PATH)
    return s.user
  }
  throw loginRedirect(request, s.status === 'expired' ? 'expired' : undefined)
}

/** The signed-in user and this session's id (the change-password page keeps this session). */
export async function requireUserSession(request: Request) {
  const s = await loadSession(request)
  if (s.status === 'active') return s
  throw loginRedirect(request, s.status === 'expired' ? 'expired' : undefined)
}

export function hasRole(user: { roles: Role[] }, ...roles: Role[]) {
  return roles.some((r) => user.roles.includes(r))
}

/**
 * A 403 carrying a message code ({ code, params }, JSON): a page's error boundary and a resource
 * route (withResourceErrors) show it in the reader's language.
 */
export function forbidden(code = 'forbidden', params?: ErrorParams) {
  return Response.json({ code, ...(params ? { params } : {}) } satisfies ErrorPayload, {
    status: 403,
    statusText: 'Forbidden',
  })
}

/** The signed-in user, if they hold at least one of `roles`; a 403 response otherwise. */
export async function requireRole(request: Request, ...roles: Role[]) {
  const user = await requireUser(request)
  if (!hasRole(user, ...roles)) throw forbidden()
  return user
}

export async function requireAnonymous(request: Request) {
  const user = await getOptionalUser(request)
  if (user) throw redirect('/')
}

/** Ends this session and returns the header that clears the cookie. */
export async function logout(request: Request) {
  const id = await readSessionId(request)
  if (id) await prisma.session.deleteMany({ where: { id } })
  return clearCookieHeader(request)
}

export async function endAllSessions(userId: string) {
  await prisma.session.deleteMany({ where: { userId } })
}

export function clientMeta(request: Request) {
  // Set by server/index.ts from the socket (or the trusted proxy), never taken from the client.
  const ip = request.headers.get('x-bina-client-ip') ?? undefined
  return {
    ip,
    userAgent: request.headers.get('user-agent') ?? undefined,
    secure: isSecureRequest(request),
  }
}
