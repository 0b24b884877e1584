// Streamed table exports (CSV and XLSX). Rows arrive in batches from an async iterator and are
// written as they come, so a 70,000-row export never holds the table in memory: CSV through a web
// ReadableStream, XLSX through exceljs's streaming WorkbookWriter into a PassThrough (waiting for
// 'drain' between batches so a slow client slows the database reads down).
import { once } from 'node:events'
import { PassThrough, Readable } from 'node:stream'
import ExcelJS from 'exceljs'

export interface Column<R> {
  header: string
  value: (row: R) => string | number | null
  width?: number
}

export type ExportFormat = 'csv' | 'xlsx'

function csvCell(v: string | number | null) {
  if (v == null) return ''
  const s = String(v)
  // Neutralise spreadsheet formulas (CSV injection) and quote when needed.
  const safe = /^[=+\-@\t\r]/.test(s) && typeof v === 'string' ? `'${s}` : s
  return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

export function csvStream<R>(columns: Column<R>[], batches: AsyncIterable<R[]>) {
  const enc = new TextEncoder()
  const it = batches[Symbol.asyncIterator]()
  let headerSent = false
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true
        // BOM so that Excel opens UTF-8 names correctly.
        controller.enqueue(
          enc.encode('\uFEFF' + columns.map((c) => csvCell(c.header)).join(',') + '\r\n'),
        )
        return
      }
      const next = await it.next()
      if (next.done) return controller.close()
      const lines = next.value
        .map((r) => columns.map((c) => csvCell(c.value(r))).join(','))
        .join('\r\n')
      if (lines) controller.enqueue(enc.encode(lines + '\r\n'))
    },
    async cancel() {
      await it.return?.()
    },
  })
}

export function xlsxStream<R>(sheet: string, columns: Column<R>[], batches: AsyncIterable<R[]>) {
  const out = new PassThrough()
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  })
  const ws = wb.addWorksheet(sheet.slice(0, 31))
  ws.columns = columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width ?? 18 }))
  ws.getRow(1).font = { bold: true }
  ;(async () => {
    for await (const batch of batches) {
      for (const r of batch) ws.addRow(columns.map((c) => c.value(r))).commit()
      if (out.writableNeedDrain) await once(out, 'drain')
      if (out.destroyed) return
    }
    ws.commit()
    await wb.commit()
  })().catch((e) => out.destroy(e as Error))
  return Readable.toWeb(out) as ReadableStream<Uint8Array>
}

export function exportResponse<R>(
  format: ExportFormat,
  fileBase: string,
  sheet: string,
  columns: Column<R>[],
  batches: AsyncIterable<R[]>,
) {
  const body = format === 'csv' ? csvStream(columns, batches) : xlsxStream(sheet, columns, batches)
  return new Response(body, {
    headers: {
      'Content-Type':
        format === 'csv'
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${fileBase}.${format}"`,
      'Cache-Control': 'no-store',
    },
  })
}

export async function* once_<R>(rows: R[]): AsyncGenerator<R[]> {
  yield rows
}
