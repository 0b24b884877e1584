// Test data built through the same models the app uses. NIPs are valid and unique per call.
import { prisma } from '~/utils/db.server'
import { hashPassword } from '~/utils/password.server'
import { makeNip } from '~/utils/nip'
import type { Role } from '~/generated/prisma/client'

let seq = 0
export function uniqueNip() {
  seq++
  const n = (process.pid * 31 + seq * 7 + Date.now()) % 900
  return makeNip({
    birthDate: new Date(Date.UTC(1960 + (seq % 20), seq % 12, 1 + (seq % 27))),
    tmtYear: 2000 + (seq % 20),
    tmtMonth: 1 + (seq % 12),
    sex: seq % 2 ? 'L' : 'P',
    sequence: 1 + ((n + seq) % 998),
  })
}

export const TEST_PASSWORD = 'kata-sandi-uji-123'
let cachedHash: Promise<string> | undefined

export async function createTestUser(
  opts: { roles?: Role[]; unitCode?: string; supervisorId?: string; active?: boolean } = {},
) {
  cachedHash ??= hashPassword(TEST_PASSWORD)
  const unit = opts.unitCode
    ? await prisma.unit.findUniqueOrThrow({ where: { code: opts.unitCode }, select: { id: true } })
    : null
  let nip = uniqueNip()
  while (await prisma.user.findUnique({ where: { nip }, select: { id: true } })) nip = uniqueNip()
  return prisma.user.create({
    data: {
      nip,
      name: `Pegawai Uji ${nip.slice(-6)}`,
      email: `uji.${nip}@test.jambiprov.go.id`,
      roles: opts.roles ?? ['ASN'],
      unitId: unit?.id,
      supervisorId: opts.supervisorId,
      active: opts.active ?? true,
      password: { create: { hash: await cachedHash } },
    },
    select: {
      id: true,
      nip: true,
      email: true,
      name: true,
      roles: true,
      unit: { select: { path: true } },
    },
  })
}

/** A request carrying the given Set-Cookie value, as a browser would send it back. */
export function requestWithCookie(setCookie: string, path = '/') {
  const cookie = setCookie.split(';')[0]!
  return new Request(`http://localhost${path}`, { headers: { Cookie: cookie } })
}
