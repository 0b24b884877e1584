// Bulk ASN import from CSV or XLSX: upload -> validate every row (job) -> the admin sees every bad
// row with its reasons -> import all (only when every row is valid) or only the valid rows (job).
// Writing happens in one transaction, so an import is all-or-nothing; a re-import updates by NIP.
import { parse as parseCsv } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { validateAsnRows, type AsnRowInput, type ImportContext } from '~/utils/asn-import-rules'
import {
  asnImportApplyContract,
  asnImportValidateContract,
  dashboardRefreshContract,
} from '~/jobs/contracts.server'
import { outboxInsert, relaySoon } from '~/jobs/outbox.server'
import { prisma } from '~/utils/db.server'
import { InvalidError, messageWith, NotFoundError } from '~/utils/errors'
import { audit } from './audit.server'
import { lockTreeShared } from './org.server'

export { IMPORT_MAX_BYTES } from '~/schemas/asn-import'
const BATCH = 5_000

/** Header names accepted for each column (lower-cased, spaces collapsed). */
const HEADERS: Record<keyof Omit<AsnRowInput, 'rowNo' | 'cellTypes'>, string[]> = {
  nip: ['nip'],
  nama: ['nama', 'name', 'nama lengkap'],
  email: ['email', 'e-mail', 'surel'],
  jenis: ['pns/pppk', 'jenis', 'jenis pegawai', 'status', 'kind'],
  jabatan: ['jabatan', 'kode jabatan'],
  kodeUnit: ['kode unit', 'unit', 'kode_unit'],
  nipAtasan: ['nip atasan', 'nip_atasan', 'atasan'],
}

/** A file that cannot be read as an import: a code with parameters (errors.codes.asnImport.file.*). */
export class ImportFileError extends InvalidError {
  constructor(code: string, params: Record<string, string | number> = {}) {
    super(`asnImport.file.${code}`, { params })
    this.name = 'ImportFileError'
  }
}

function mapHeader(header: string[]) {
  const norm = header.map((h) =>
    String(h ?? '')
      .trim()
      .toLowerCase()
      .replace(/\s+/g, ' '),
  )
  const index = {} as Record<keyof typeof HEADERS, number>
  const missing: string[] = []
  for (const [key, names] of Object.entries(HEADERS) as [keyof typeof HEADERS, string[]][]) {
    const i = norm.findIndex((h) => names.includes(h))
    if (i < 0) missing.push(names[0]!)
    index[key] = i
  }
  if (missing.length) throw new ImportFileError('missingColumns', { columns: missing.join(', ') })
  return index
}

type CellType = 'number' | 'date' | undefined

/** `types`: per row and column, the XLSX cells that were numbers or dates (CSV: none). */
function toRows(table: string[][], types: CellType[][] = []): AsnRowInput[] {
  if (table.length === 0) throw new ImportFileError('empty')
  const idx = mapHeader(table[0]!)
  const rows: AsnRowInput[] = []
  for (let i = 1; i < table.length; i++) {
    const cells = table[i]!
    if (cells.every((c) => !String(c ?? '').trim())) continue
    const get = (k: keyof typeof HEADERS) => String(cells[idx[k]] ?? '').trim()
    const nipType = types[i]?.[idx.nip]
    const atasanType = types[i]?.[idx.nipAtasan]
    rows.push({
      ...(nipType || atasanType
        ? {
            cellTypes: {
              nip: nipType,
              nipAtasan: atasanType && get('nipAtasan') ? atasanType : undefined,
            },
          }
        : {}),
      rowNo: i + 1,
      nip: get('nip'),
      nama: get('nama'),
      email: get('email'),
      jenis: get('jenis'),
      jabatan: get('jabatan'),
      kodeUnit: get('kodeUnit'),
      nipAtasan: get('nipAtasan'),
    })
  }
  return rows
}

function cellType(v: ExcelJS.CellValue): CellType {
  if (typeof v === 'number') return 'number'
  if (v instanceof Date) return 'date'
  if (v && typeof v === 'object' && 'result' in v) {
    if (typeof v.result === 'number') return 'number'
    if (v.result instanceof Date) return 'date'
  }
  return undefined
}

function cellText(v: ExcelJS.CellValue): string {
  if (v == null) return ''
  if (typeof v === 'object') {
    if ('text' in v && typeof v.text === 'string') return v.text
    if ('result' in v) return String(v.result ?? '')
    if ('richText' in v) return v.richText.map((r) => r.text).join('')
    if (v instanceof Date) return v.toISOString()
  }
  return String(v)
}

export async function parseAsnFile(content: Uint8Array, format: 'csv' | 'xlsx') {
  if (format === 'csv') {
    const text = Buffer.from(content).toString('utf8')
    const first = text.slice(0, text.indexOf('\n') >>> 0)
    const delimiter =
      (first.match(/;/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0) ? ';' : ','
    try {
      const table = parseCsv(text, { delimiter, bom: true, relax_column_count: true }) as string[][]
      return toRows(table)
    } catch (e) {
      if (e instanceof ImportFileError) throw e
      throw new ImportFileError('csvUnreadable', { reason: (e as Error).message })
    }
  }
  const wb = new ExcelJS.Workbook()
  try {
    await wb.xlsx.load(Buffer.from(content) as unknown as ArrayBuffer)
  } catch {
    throw new ImportFileError('xlsxUnreadable')
  }
  const ws = wb.worksheets[0]
  if (!ws) throw new ImportFileError('xlsxNoSheet')
  const table: string[][] = []
  const types: CellType[][] = []
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const values = (row.values as ExcelJS.CellValue[]).slice(1)
    table[n - 1] = values.map(cellText)
    types[n - 1] = values.map(cellType)
  })
  for (let i = 0; i < table.length; i++) table[i] ??= []
  return toRows(table, types)
}

// ---------------------------------------------------------------------------------------------

export async function createImport(actorId: string, file: { name: string; bytes: Uint8Array }) {
  const lower = file.name.toLowerCase()
  const format = lower.endsWith('.csv') ? 'csv' : lower.endsWith('.xlsx') ? 'xlsx' : null
  if (!format) throw new ImportFileError('format')
  if (file.bytes.byteLength === 0) throw new ImportFileError('empty')
  const { row, outboxId } = await prisma.$transaction(async (tx) => {
    const row = await tx.asnImport.create({
      data: {
        createdById: actorId,
        fileName: file.name.slice(0, 200),
        format,
        content: Buffer.from(file.bytes),
      },
      select: { id: true },
    })
    return {
      row,
      outboxId: await outboxInsert(tx, asnImportValidateContract, { importId: row.id }),
    }
  })
  relaySoon([outboxId])
  return row.id
}

async function importContext(
  nips: string[],
  emails: string[],
  today: Date,
): Promise<ImportContext> {
  const [units, jabatan, existing, emailOwners] = await Promise.all([
    prisma.unit.findMany({ select: { id: true, code: true, closedAt: true } }),
    prisma.jabatan.findMany({ select: { id: true, code: true, name: true, kind: true } }),
    prisma.$queryRaw<{ nip: string; email: string; sup: string | null }[]>`
      SELECT u.nip, u.email, s.nip AS sup FROM "User" u LEFT JOIN "User" s ON s.id = u."supervisorId"
      WHERE u.nip = ANY(${nips}::text[])`,
    prisma.$queryRaw<{ nip: string; email: string }[]>`
      SELECT nip, lower(email) AS email FROM "User" WHERE lower(email) = ANY(${emails}::text[])`,
  ])
  const jab = new Map<string, { id: string; top: boolean }>()
  for (const j of jabatan) {
    const v = { id: j.id, top: j.kind === 'JPT_MADYA' || j.kind === 'JPT_PRATAMA' }
    jab.set(j.code, v)
    jab.set(j.name.toLowerCase(), v)
  }
  return {
    today,
    units: new Map(units.map((u) => [u.code, { id: u.id, closed: u.closedAt != null }])),
    jabatan: jab,
    existing: new Map(existing.map((e) => [e.nip, { email: e.email, supervisorNip: e.sup }])),
    emails: new Map(emailOwners.map((e) => [e.email, e.nip])),
  }
}

/** Job: parse and validate every row; idempotent (a validated import is left as it is). */
// Status and progress writes use updateMany: update() would return the whole row, the uploaded
// file included (8.8 MB at 70,000 rows), once per batch.
export async function validateImport(importId: string, progress?: (n: number) => unknown) {
  const imp = await prisma.asnImport.findUnique({ where: { id: importId } })
  if (!imp || (imp.status !== 'UPLOADED' && imp.status !== 'VALIDATING')) return
  await prisma.asnImport.updateMany({ where: { id: importId }, data: { status: 'VALIDATING' } })
  let rows: AsnRowInput[]
  try {
    rows = await parseAsnFile(imp.content, imp.format as 'csv' | 'xlsx')
  } catch (e) {
    if (!(e instanceof ImportFileError)) throw e
    await prisma.asnImport.updateMany({
      where: { id: importId },
      data: {
        status: 'FAILED',
        error: e.code,
        errorParams: e.params,
        finishedAt: new Date(),
      },
    })
    return
  }
  const { normaliseNip } = await import('~/utils/nip')
  const ctx = await importContext(
    rows.map((r) => normaliseNip(r.nip)).concat(rows.map((r) => normaliseNip(r.nipAtasan))),
    rows.map((r) => r.email.trim().toLowerCase()),
    imp.createdAt,
  )
  const results = validateAsnRows(rows, ctx)
  const inputBy = new Map(rows.map((r) => [r.rowNo, r]))
  await prisma.asnImportRow.deleteMany({ where: { importId } })
  for (let i = 0; i < results.length; i += BATCH) {
    const part = results.slice(i, i + BATCH)
    // One multi-row INSERT per batch: rows travel as three arrays (row number, data as JSON
    // text, problems as JSON text), not as 5,000 ORM objects. `problems` holds each problem's
    // code and parameters (rendered in the reader's language); `errors` the codes alone, so a
    // valid row stays `cardinality(errors) = 0` (decision 041).
    await prisma.$executeRaw`
      INSERT INTO "AsnImportRow" ("importId", "rowNo", data, errors, problems)
      SELECT ${importId}, x.n, x.d::jsonb,
             ARRAY(SELECT p->>'code' FROM jsonb_array_elements(x.e::jsonb) AS p), x.e::jsonb
      FROM unnest(${part.map((r) => r.rowNo)}::int[],
                  ${part.map((r) => JSON.stringify(r.clean ?? inputBy.get(r.rowNo)!))}::text[],
                  ${part.map((r) => JSON.stringify(r.problems))}::text[]) AS x(n, d, e)`
    await prisma.asnImport.updateMany({
      where: { id: importId },
      data: { processed: i + part.length, total: results.length },
    })
    await progress?.(Math.round(((i + part.length) / results.length) * 100))
  }
  const invalid = results.filter((r) => r.problems.length > 0).length
  await prisma.asnImport.updateMany({
    where: { id: importId },
    data: {
      status: 'VALIDATED',
      total: results.length,
      valid: results.length - invalid,
      invalid,
      processed: 0,
    },
  })
}

export type ImportMode = 'ALL' | 'VALID_ONLY'

/** The admin's go-ahead: ALL only when every row is valid; VALID_ONLY after seeing the list. */
export async function startApply(importId: string, mode: ImportMode) {
  const imp = await prisma.asnImport.findUnique({
    where: { id: importId },
    select: { status: true, invalid: true, valid: true },
  })
  if (!imp) throw new NotFoundError('asnImport.notFound')
  if (imp.status !== 'VALIDATED') return { ok: false as const, error: 'asnImport.notAwaiting' }
  if (mode === 'ALL' && imp.invalid > 0)
    return {
      ok: false as const,
      error: messageWith('asnImport.invalidRows', { count: imp.invalid }),
    }
  if (imp.valid === 0) return { ok: false as const, error: 'asnImport.noValidRows' }
  const outboxId = await prisma.$transaction(async (tx) => {
    const n = await tx.asnImport.updateMany({
      where: { id: importId, status: 'VALIDATED' },
      data: { status: 'IMPORTING', mode, processed: 0, error: null },
    })
    return n.count === 1 ? outboxInsert(tx, asnImportApplyContract, { importId }) : null
  })
  relaySoon([outboxId])
  return { ok: true as const }
}

/** Job: upsert the valid rows by NIP, then link supervisors; one transaction. */
export async function applyImport(importId: string, progress?: (n: number) => unknown) {
  const imp = await prisma.asnImport.findUnique({
    where: { id: importId },
    select: { status: true, valid: true, createdById: true, mode: true, fileName: true },
  })
  if (!imp || imp.status !== 'IMPORTING') return
  let created = 0
  let updated = 0
  let refreshId: string | undefined
  let reopened = 0
  await prisma.$transaction(
    async (tx) => {
      // A unit closed after validation takes no one (docs/decisions/081): under the shared tree
      // lock (no close can slip in before the commit), its rows become invalid with the same
      // reason (code and parameters) validation gives, nothing is written, and the import waits
      // for the admin again.
      await lockTreeShared(tx)
      const closed = await tx.$executeRaw`
        UPDATE "AsnImportRow" r
        SET errors = r.errors || ARRAY['asnImport.row.unitClosed'],
            problems = r.problems || jsonb_build_array(jsonb_build_object(
              'code', 'asnImport.row.unitClosed', 'params', jsonb_build_object('code', un.code)))
        FROM "Unit" un
        WHERE r."importId" = ${importId} AND cardinality(r.errors) = 0
          AND un.id = r.data->>'unitId' AND un."closedAt" IS NOT NULL`
      if (closed > 0) {
        reopened = closed
        await tx.asnImport.updateMany({
          where: { id: importId },
          data: {
            status: 'VALIDATED',
            valid: { decrement: closed },
            invalid: { increment: closed },
            processed: 0,
            error: 'user.importUnitClosed',
          },
        })
        return
      }
      let after = 0
      for (;;) {
        // The valid rows go from AsnImportRow to User inside PostgreSQL (no round trip of the
        // data through node), one batch of row numbers at a time.
        const res = await tx.$queryRaw<{ inserted: boolean; last: number }[]>`
          WITH part AS (
            SELECT "rowNo", data FROM "AsnImportRow"
            WHERE "importId" = ${importId} AND "rowNo" > ${after} AND cardinality(errors) = 0
            ORDER BY "rowNo" LIMIT ${BATCH}
          ), ins AS (
            INSERT INTO "User" (id, nip, name, email, "employeeKind", "jabatanId", "unitId", "updatedAt")
            SELECT gen_random_uuid()::text, data->>'nip', data->>'name', data->>'email',
                   (data->>'employeeKind')::"EmployeeKind", data->>'jabatanId', data->>'unitId', now()
            FROM part
            ON CONFLICT (nip) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email,
              "employeeKind" = EXCLUDED."employeeKind", "jabatanId" = EXCLUDED."jabatanId",
              "unitId" = EXCLUDED."unitId", "updatedAt" = now()
            RETURNING (xmax = 0) AS inserted
          )
          SELECT ins.inserted, (SELECT max("rowNo") FROM part) AS last FROM ins`
        if (res.length === 0) break
        after = res[0]!.last
        for (const r of res) {
          if (r.inserted) created++
          else updated++
        }
        await prisma.asnImport.updateMany({
          where: { id: importId },
          data: { processed: created + updated },
        })
        await progress?.(Math.round(((created + updated) / imp.valid) * 90))
      }
      // Supervisors, now that every person of the file exists.
      await tx.$executeRaw`
        UPDATE "User" u SET "supervisorId" = s.id, "updatedAt" = now()
        FROM "AsnImportRow" r
        LEFT JOIN "User" s ON s.nip = r.data->>'supervisorNip'
        WHERE r."importId" = ${importId} AND cardinality(r.errors) = 0
          AND u.nip = r.data->>'nip' AND u."supervisorId" IS DISTINCT FROM s.id`
      await tx.asnImport.updateMany({
        where: { id: importId },
        data: {
          status: 'DONE',
          created,
          updated,
          processed: created + updated,
          finishedAt: new Date(),
        },
      })
      await audit(tx, {
        actorId: imp.createdById,
        action: 'ASN_IMPORT',
        entityType: 'AsnImport',
        entityId: importId,
        after: { fileName: imp.fileName, mode: imp.mode, created, updated },
      })
      refreshId = await outboxInsert(tx, dashboardRefreshContract, { importId })
    },
    { timeout: 300_000, maxWait: 10_000 },
  )
  if (reopened > 0) return { created: 0, updated: 0, refused: reopened }
  await progress?.(100)
  relaySoon([refreshId])
  return { created, updated }
}

export async function importStatus(
  importId: string,
  opts: { page?: number; onlyErrors?: boolean } = {},
) {
  const imp = await prisma.asnImport.findUnique({
    where: { id: importId },
    omit: { content: true },
  })
  if (!imp) throw new NotFoundError('asnImport.notFound')
  const pageSize = 100
  const page = Math.max(1, opts.page ?? 1)
  const where = {
    importId,
    ...(opts.onlyErrors !== false ? { NOT: { errors: { isEmpty: true } } } : {}),
  }
  const rows = await prisma.asnImportRow.findMany({
    where,
    orderBy: { rowNo: 'asc' },
    skip: (page - 1) * pageSize,
    take: pageSize,
    select: { rowNo: true, data: true, errors: true, problems: true },
  })
  return { imp, rows, page, pageSize }
}

export function recentImports() {
  return prisma.asnImport.findMany({
    orderBy: { createdAt: 'desc' },
    take: 20,
    omit: { content: true },
  })
}

/** Audit entry of an admin starting an import (who, which import, which mode). */
export async function auditImportStart(adminId: string, importId: string, mode: string) {
  await audit(prisma, {
    actorId: adminId,
    action: 'ASN_IMPORT_START',
    entityType: 'AsnImport',
    entityId: importId,
    after: { mode },
  })
}
