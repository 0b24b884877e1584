// Password hashing: argon2id with parameters at or above OWASP ASVS v4 2.4.1 / OWASP cheat sheet
// (m = 19 MiB, t = 2, p = 1). See docs/decisions/003-auth-sessions.md.
import { hash, verify } from '@node-rs/argon2'

const OPTIONS = {
  algorithm: 2 /* Algorithm.Argon2id (a const enum) */ as const,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
}

export function hashPassword(password: string) {
  return hash(password, OPTIONS)
}

export async function verifyPassword(hashed: string, password: string) {
  try {
    return await verify(hashed, password)
  } catch {
    return false
  }
}

// Verified against when the account does not exist, so both paths cost the same time.
let dummyHash: Promise<string> | undefined
export function dummyPasswordHash() {
  return (dummyHash ??= hashPassword('bina-timing-equaliser'))
}

export const PASSWORD_MIN = 10
