// Exports of every dashboard table as CSV or XLSX, Indonesian headers, streamed.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { averageGap, jpGoal, jpStatus, percent, shareBelow } from '~/domain/supervision'
import { exportResponse, once_, type Column } from '~/models/export.server'
import {
  dashboard,
  peopleBatches,
  PEOPLE_FILTERS,
  type PersonRow,
} from '~/models/supervision.server'
import { requireRole } from '~/utils/auth.server'
import { InvalidError } from '~/utils/errors'
import { withResourceErrors } from '~/utils/route-errors.server'

const Query = z.object({
  view: z.enum(['pegawai', 'unit', 'kursus', 'kesenjangan']),
  format: z.enum(['csv', 'xlsx']).default('xlsx'),
  unit: z.string().min(1).optional(),
  filter: z.enum(PEOPLE_FILTERS as ['all', 'below', 'overdue', 'gap']).default('all'),
})

const JP_STATUS = { BELOW: 'Di bawah 20 JP', MET: 'Terpenuhi', CAP: 'Batas 24 JP (PPPK)' }

const peopleColumns: Column<PersonRow>[] = [
  { header: 'NIP', value: (r) => r.nip, width: 22 },
  { header: 'Nama', value: (r) => r.name, width: 36 },
  { header: 'Jenis', value: (r) => r.employeeKind, width: 8 },
  { header: 'Jabatan', value: (r) => r.jabatanName, width: 30 },
  { header: 'JP tahun ini', value: (r) => r.jp },
  { header: 'Target/batas JP', value: (r) => jpGoal(r.employeeKind) },
  { header: 'Status JP', value: (r) => JP_STATUS[jpStatus(r.employeeKind, r.jp)] },
  { header: 'Kursus diikuti', value: (r) => r.enrolled },
  { header: 'Kursus selesai', value: (r) => r.completed },
  { header: 'Penugasan', value: (r) => r.assigned },
  { header: 'Penugasan terlambat', value: (r) => r.overdue },
  { header: 'Kompetensi terukur', value: (r) => r.assessed },
  { header: 'Kompetensi di bawah standar', value: (r) => r.gapCount },
  { header: 'Total kesenjangan (level)', value: (r) => r.gapSum },
]

export const loader = withResourceErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const viewer = await requireRole(request, 'SUPERVISOR', 'ADMIN')
  const url = new URL(request.url)
  const parsed = Query.safeParse({ ...Object.fromEntries(url.searchParams), view: params.view })
  if (!parsed.success) throw new InvalidError('export.query')
  const { view, format, unit, filter } = parsed.data
  const stamp = new Date().toISOString().slice(0, 10)

  if (view === 'pegawai') {
    // Checks the scope (403) before the response starts streaming.
    const batches = peopleBatches(viewer, unit, filter)
    const first = await batches.next()
    async function* all() {
      if (!first.done) yield first.value
      yield* batches
    }
    return exportResponse(format, `pegawai-${stamp}`, 'Pegawai', peopleColumns, all())
  }

  const d = await dashboard(viewer, { unitId: unit })
  if (view === 'unit') {
    type R = (typeof d.children)[number]
    const cols: Column<R>[] = [
      { header: 'Kode unit', value: (r) => r.code },
      { header: 'Unit', value: (r) => r.name, width: 40 },
      { header: 'Jumlah pegawai', value: (r) => r.headcount },
      { header: 'PNS', value: (r) => r.pns },
      { header: 'PPPK', value: (r) => r.pppk },
      {
        header: 'Rata-rata JP',
        value: (r) => (r.headcount ? +(r.jpSum / r.headcount).toFixed(1) : 0),
      },
      { header: 'PNS di bawah 20 JP', value: (r) => r.pnsBelow },
      { header: 'PPPK mencapai 24 JP', value: (r) => r.pppkAtCap },
      { header: 'Kursus diikuti', value: (r) => r.enrolled },
      { header: 'Kursus selesai', value: (r) => r.completed },
      { header: 'Penyelesaian (%)', value: (r) => percent(r.completed, r.enrolled) },
      { header: 'Penugasan terlambat', value: (r) => r.overdue },
    ]
    return exportResponse(format, `unit-${stamp}`, 'Unit', cols, once_(d.children))
  }
  if (view === 'kursus') {
    type R = (typeof d.courses)[number]
    const cols: Column<R>[] = [
      { header: 'Kursus', value: (r) => r.title, width: 40 },
      { header: 'Terdaftar', value: (r) => r.enrolled },
      { header: 'Selesai', value: (r) => r.completed },
      { header: 'Penyelesaian (%)', value: (r) => percent(r.completed, r.enrolled) },
      { header: 'Ditugaskan', value: (r) => r.assigned },
      { header: 'Terlambat', value: (r) => r.overdue },
    ]
    return exportResponse(format, `kursus-${stamp}`, 'Kursus', cols, once_(d.courses))
  }
  // kesenjangan: one row per unit and competency
  const rows = d.heatmap.rows.flatMap((r) =>
    r.cells.map(([people, below, gapSum], i) => ({
      unit: r.own ? `${r.name} (langsung)` : r.name,
      comp: d.heatmap.competencies[i]!,
      cell: { people, below, gapSum },
    })),
  )
  type R = (typeof rows)[number]
  const cols: Column<R>[] = [
    { header: 'Unit', value: (r) => r.unit, width: 40 },
    { header: 'Kode kompetensi', value: (r) => r.comp.code },
    { header: 'Kompetensi', value: (r) => r.comp.name, width: 36 },
    { header: 'Pegawai dengan standar', value: (r) => r.cell.people },
    { header: 'Di bawah standar', value: (r) => r.cell.below },
    {
      header: 'Persentase di bawah standar',
      value: (r) => {
        const s = shareBelow(r.cell)
        return s == null ? null : Math.round(s * 100)
      },
    },
    {
      header: 'Rata-rata kesenjangan (level)',
      value: (r) => {
        const a = averageGap(r.cell)
        return a == null ? null : +a.toFixed(2)
      },
    },
  ]
  return exportResponse(format, `kesenjangan-${stamp}`, 'Kesenjangan', cols, once_(rows))
})
