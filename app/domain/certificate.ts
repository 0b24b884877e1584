// What a certificate prints, as pure rules: the holder's name with academic titles, and dates in
// Western Indonesia Time (WIB, UTC+7), the time zone of Jambi.

/** "Dr." + "Budi Santoso" + "S.Kom., M.T." -> "Dr. Budi Santoso, S.Kom., M.T." */
export function nameWithGelar(
  name: string,
  gelarDepan?: string | null,
  gelarBelakang?: string | null,
) {
  const front = gelarDepan?.trim()
  const back = gelarBelakang?.trim().replace(/^,\s*/, '')
  return `${front ? `${front} ` : ''}${name.trim()}${back ? `, ${back}` : ''}`
}

const MONTHS_ID = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
]

/** The calendar date in WIB as "1 Desember 2026" (independent of the runtime's ICU data). */
export function wibDateLong(d: Date) {
  const wib = new Date(d.getTime() + 7 * 3600_000)
  return `${wib.getUTCDate()} ${MONTHS_ID[wib.getUTCMonth()]} ${wib.getUTCFullYear()}`
}

/** Level names used in practice for the five competency levels. */
export const LEVEL_NAMES_ID: Record<number, string> = {
  1: 'Paham',
  2: 'Dasar',
  3: 'Menengah',
  4: 'Mumpuni',
  5: 'Ahli',
}

/** Reason categories of a revocation (the enum RevocationReason of the schema). */
export const REVOCATION_REASONS = ['DATA_ERROR', 'ISSUED_IN_ERROR', 'MISCONDUCT', 'OTHER'] as const
export type RevocationReasonCode = (typeof REVOCATION_REASONS)[number]
