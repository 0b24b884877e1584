import type { ProgramArea } from '~/generated/prisma/enums'

export const AREAS: { value: ProgramArea; label: string }[] = [
  { value: 'LITERASI_DIGITAL', label: 'Literasi Digital' },
  { value: 'MANAJEMEN_KEUANGAN', label: 'Manajemen Keuangan' },
  { value: 'PELAYANAN_PUBLIK', label: 'Pelayanan Publik' },
]
export const areaLabel = (a: ProgramArea) => AREAS.find((x) => x.value === a)?.label ?? a
