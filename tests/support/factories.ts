// Test data built through the same models the app uses. NIPs are valid and unique per call.
import { randomInt } from 'node:crypto'
import { prisma } from '~/utils/db.server'
import { hashPassword } from '~/utils/password.server'
import { makeNip } from '~/utils/nip'
import type { Role } from '~/generated/prisma/client'

export function uniqueNip() {
  // Random fields, not a per-file counter: test files share a database, and counters restart in
  // every file (two files drawing the same NIP made the import tests flaky). ~7 million NIPs.
  const r = randomInt(0, 2 ** 30)
  return makeNip({
    birthDate: new Date(Date.UTC(1960 + (r % 20), (r >> 5) % 12, 1 + ((r >> 9) % 27))),
    tmtYear: 2000 + ((r >> 14) % 20),
    tmtMonth: 1 + ((r >> 19) % 12),
    sex: (r >> 23) % 2 ? 'L' : 'P',
    sequence: 1 + randomInt(0, 998),
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
