// Sessions and access checks. The cookie holds only a random token; the database keeps its
// SHA-256. Idle and absolute timeouts end a session; sign-out and deactivation delete its rows.
import { createHash, randomBytes } from 'node:crypto'
import { createCookie, redirect } from '@remix-run/node'
import type { Role } from '~/generated/prisma/client'
import { prisma } from './db.server'
import { env, isProduction } from './env.server'

export const sessionCookie = createCookie('bina_session', {
  httpOnly: true,
  sameSite: 'lax',
  secure: isProduction,
  path: '/',
  secrets: [env.SESSION_SECRET],
  maxAge: env.SESSION_ABSOLUTE_HOURS * 3600,
})

const IDLE_MS = env.SESSION_IDLE_MINUTES * 60_000
const ABSOLUTE_MS = env.SESSION_ABSOLUTE_HOURS * 3_600_000
/** lastSeenAt is written at most this often, not on every request. */
const TOUCH_MS = 60_000

export function hashToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}

export const userSelect = {
  id: true,
  nip: true,
  name: true,
  email: true,
  roles: true,
  employeeKind: true,
  locale: true,
  unitId: true,
  jabatanId: true,
  unit: { select: { id: true, name: true, code: true, path: true } },
  jabatan: { select: { id: true, name: true, kind: true } },
} as const

export type SessionUser = NonNullable<Awaited<ReturnType<typeof findUser>>>

/** Starts a new session (always a new id) and returns the Set-Cookie header value. */
export async function createSession(userId: string, meta: { ip?: string; userAgent?: string }) {
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
  return sessionCookie.serialize(token)
}

async function readToken(request: Request): Promise<string | null> {
  const value = await sessionCookie.parse(request.headers.get('Cookie'))
  return typeof value === 'string' && value.length > 20 ? value : null
}

type SessionState =
  | { status: 'none' }
  | { status: 'expired' }
  | { status: 'active'; sessionId: string; user: Awaited<ReturnType<typeof findUser>> & object }

function findUser(id: string) {
  return prisma.user.findFirst({ where: { id, active: true }, select: userSelect })
}

async function loadSession(request: Request) {
  const token = await readToken(request)
  if (!token) return { status: 'none' } as const
  const id = hashToken(token)
  const session = await prisma.session.findUnique({
    where: { id },
    select: { id: true, userId: true, expiresAt: true, lastSeenAt: true },
  })
  if (!session) return { status: 'expired' } as const
  const now = Date.now()
  if (session.expiresAt.getTime() <= now || session.lastSeenAt.getTime() + IDLE_MS <= now) {
    await prisma.session.deleteMany({ where: { id } })
    return { status: 'expired' } as const
  }
  const user = await findUser(session.userId)
  if (!user) {
    await prisma.session.deleteMany({ where: { userId: session.userId } })
    return { status: 'expired' } as const
  }
  if (now - session.lastSeenAt.getTime() > TOUCH_MS) {
    await prisma.session.update({ where: { id }, data: { lastSeenAt: new Date(now) } })
  }
  return { status: 'active', sessionId: id, user } as const
}

export async function getSession(request: Request): Promise<SessionState> {
  return loadSession(request)
}

export async function getOptionalUser(request: Request) {
  const s = await loadSession(request)
  return s.status === 'active' ? s.user : null
}

function loginRedirect(request: Request, reason?: 'expired') {
  const url = new URL(request.url)
  const params = new URLSearchParams({ redirectTo: url.pathname + url.search })
  if (reason) params.set('reason', reason)
  return redirect(`/login?${params}`, {
    headers: reason ? { 'Set-Cookie': clearCookieHeader } : undefined,
  })
}

const clearCookieHeader = `bina_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${isProduction ? '; Secure' : ''}`

export async function requireUser(request: Request) {
  const s = await loadSession(request)
  if (s.status === 'active') return s.user
  throw loginRedirect(request, s.status === 'expired' ? 'expired' : undefined)
}

export function hasRole(user: { roles: Role[] }, ...roles: Role[]) {
  return roles.some((r) => user.roles.includes(r))
}

export function forbidden(message = 'Anda tidak memiliki akses ke halaman ini.') {
  return new Response(message, { status: 403, statusText: 'Forbidden' })
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
  const token = await readToken(request)
  if (token) await prisma.session.deleteMany({ where: { id: hashToken(token) } })
  return clearCookieHeader
}

export async function endAllSessions(userId: string) {
  await prisma.session.deleteMany({ where: { userId } })
}

export function clientMeta(request: Request) {
  // Set by server/index.ts from the socket (or the trusted proxy), never taken from the client.
  const ip = request.headers.get('x-bina-client-ip') ?? undefined
  return { ip, userAgent: request.headers.get('user-agent') ?? undefined }
}
