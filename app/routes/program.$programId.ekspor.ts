// The program's AKPK plan rows as CSV or XLSX (Indonesian headers, streamed).
import type { LoaderFunctionArgs } from '@remix-run/node'
import { jakartaDate } from '~/domain/time'
import { z } from 'zod'
import { akpkPath } from '~/domain/program'
import { exportResponse, type Column } from '~/models/export.server'
import { akpkRows } from '~/models/program.server'
import { exportQuerySchema } from '~/schemas/program'
import { requireRole } from '~/utils/auth.server'
import { InvalidError } from '~/utils/errors'
import { readSearchParams, routeParam, withResourceErrors } from '~/utils/route-errors.server'

type Row = Awaited<ReturnType<ReturnType<typeof akpkRows>['next']>>['value'] extends
  (infer R)[] | void
  ? R
  : never

const METHOD = {
  ELEARNING: 'E-learning',
  CLASSICAL: 'Pelatihan klasikal',
  COACHING: 'Coaching',
  MENTORING: 'Mentoring',
  ON_THE_JOB: 'Pembelajaran di tempat kerja',
}
// The Jakarta day of a date entered as a Jakarta day (stored as 00:00 WIB, 17:00 UTC the day before).
const day = jakartaDate

const columns: Column<Row>[] = [
  { header: 'Tahun', value: (r) => r.year, width: 8 },
  { header: 'Kompetensi', value: (r) => `${r.competency.code} ${r.competency.name}`, width: 36 },
  {
    header: 'Sasaran ASN',
    value: (r) =>
      [r.targetUnit, r.targetJabatan, r.onlyWithGap ? 'yang di bawah standar' : null]
        .filter(Boolean)
        .join(' · '),
    width: 40,
  },
  { header: 'Jumlah peserta', value: (r) => r.progress.members || r.memberCount },
  {
    header: 'Jalur',
    value: (r) => (akpkPath(r.method) === 'KLASIKAL' ? 'Klasikal' : 'Nonklasikal'),
  },
  { header: 'Metode', value: (r) => METHOD[r.method], width: 24 },
  { header: 'Kegiatan (kursus)', value: (r) => r.course, width: 36 },
  { header: 'Penyelenggara', value: (r) => r.provider, width: 28 },
  { header: 'Jadwal mulai', value: (r) => day(r.startsOn), width: 12 },
  { header: 'Jadwal selesai', value: (r) => day(r.endsOn), width: 12 },
  { header: 'Batas waktu', value: (r) => day(r.dueAt), width: 12 },
  { header: 'JP', value: (r) => r.jp, width: 6 },
  { header: 'Anggaran (Rp)', value: (r) => r.budget, width: 16 },
  { header: 'Sumber dana', value: (r) => r.fundingSource, width: 16 },
  { header: 'Selesai', value: (r) => r.progress.completed },
]

export const loader = withResourceErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const viewer = await requireRole(request, 'ADMIN')
  const id = routeParam(params, 'programId', z.string().min(1).max(60), 'program.notFound')
  const q = exportQuerySchema.safeParse(Object.fromEntries(readSearchParams(request)))
  if (!q.success) throw new InvalidError('export.format')
  const rows = akpkRows(viewer, id)
  // Fail before streaming (404/403) rather than in the middle of the file.
  const first = await rows.next()
  async function* all() {
    if (!first.done) yield first.value
    yield* rows
  }
  return exportResponse(q.data.format, `akpk-${id}`, 'AKPK', columns, all())
})
