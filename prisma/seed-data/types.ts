// Shapes of the reference data that prisma/seed.ts loads. Data files in this folder export
// values of these types; seed.ts upserts them by their natural keys (code), so re-seeding updates.

export type CompetencyType = 'TEKNIS' | 'MANAJERIAL' | 'SOSIAL_KULTURAL'
export type JabatanKind =
  'JPT_MADYA' | 'JPT_PRATAMA' | 'ADMINISTRATOR' | 'PENGAWAS' | 'PELAKSANA' | 'FUNGSIONAL'
export type ProgramArea = 'LITERASI_DIGITAL' | 'MANAJEMEN_KEUANGAN' | 'PELAYANAN_PUBLIK'

export interface CompetencyLevelSeed {
  level: 1 | 2 | 3 | 4 | 5
  /** Short name used in practice: Paham, Dasar, Menengah, Mumpuni, Ahli. */
  name: string
  description: string
  /** Behaviour indicators, numbered "<level>.<n>" in order (1.1, 1.2, ...). At least 3. */
  indicators: string[]
}

export interface CompetencySeed {
  /** e.g. "M.01", "SK.01", "T.LD.01" */
  code: string
  type: CompetencyType
  /** Only for TEKNIS competencies. */
  area?: ProgramArea
  name: string
  description: string
  levels: [
    CompetencyLevelSeed,
    CompetencyLevelSeed,
    CompetencyLevelSeed,
    CompetencyLevelSeed,
    CompetencyLevelSeed,
  ]
}

export interface UnitSeed {
  /** Stable code, e.g. "BPKAD" or "BPKAD.ANG". Children's codes start with the parent's code + ".". */
  code: string
  name: string
  /** OPD, BIDANG, SUBBAGIAN, UPTD, SEKSI */
  kind: 'PROVINSI' | 'OPD' | 'BIDANG' | 'SUBBAGIAN' | 'UPTD' | 'SEKSI'
  children?: UnitSeed[]
}

export interface JabatanSeed {
  code: string
  name: string
  kind: JabatanKind
  /** Required level per competency code (the SKJ). Managerial targets follow the kind. */
  standard: Record<string, 1 | 2 | 3 | 4 | 5>
}
