// The password policy (OWASP ASVS 5.0 V6.2): length, no common password, nothing taken from the
// account itself (NIP, name, email). Pure: the caller passes the account's facts and gets codes.
import { COMMON_PASSWORDS } from './common-passwords'

export const PASSWORD_MIN_LENGTH = 10
/** Long passphrases are welcome; the cap only bounds the hashing work per request. */
export const PASSWORD_MAX_LENGTH = 128

export type PasswordProblem = 'TOO_SHORT' | 'TOO_LONG' | 'COMMON' | 'CONTAINS_NIP' | 'CONTAINS_NAME'

const common = new Set(COMMON_PASSWORDS.map((p) => p.toLowerCase().replace(/\s+/g, '')))

/** Name parts worth refusing: words of 4+ letters, without academic titles such as "S.Kom.". */
function nameParts(name: string) {
  return name
    .split(/[,\s]+/)
    .filter((w) => !w.includes('.'))
    .map((w) => w.toLowerCase().replace(/[^\p{L}]/gu, ''))
    .filter((w) => w.length >= 4)
}

export function checkPassword(
  password: string,
  account: { nip?: string | null; name?: string | null; email?: string | null } = {},
): PasswordProblem | null {
  const length = [...password].length
  if (length < PASSWORD_MIN_LENGTH) return 'TOO_SHORT'
  if (length > PASSWORD_MAX_LENGTH) return 'TOO_LONG'
  const folded = password.toLowerCase().replace(/\s+/g, '')
  if (common.has(folded)) return 'COMMON'
  const digits = password.replace(/\D/g, '')
  const nip = account.nip?.replace(/\s+/g, '')
  // The NIP, or its birth-date part (the first 8 digits), anywhere in the password.
  if (nip && (digits.includes(nip) || (nip.length >= 8 && digits.includes(nip.slice(0, 8)))))
    return 'CONTAINS_NIP'
  const lettersOnly = folded.replace(/[^\p{L}]/gu, '')
  const parts = [
    ...nameParts(account.name ?? ''),
    ...nameParts((account.email ?? '').split('@')[0]!.replace(/[._-]+/g, ' ')),
  ]
  if (parts.some((w) => lettersOnly.includes(w))) return 'CONTAINS_NAME'
  return null
}
