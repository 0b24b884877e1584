// Row rules of the bulk ASN import: every problem of every row, with the row number, so the admin
// sees the whole list at once. Pure: the caller supplies what the database knows. A problem is a
// code with parameters (errors.codes.asnImport.row.*, domain.nip.* for the NIP), stored as such and
// rendered in the reader's language (docs/decisions/041-coded-model-messages.md).
import { normaliseNip, validateNip } from '~/domain/nip'
import type { CodedMessage } from '~/utils/errors'

export interface AsnRowInput {
  /** 1-based row number in the file, the header being row 1. */
  rowNo: number
  nip: string
  nama: string
  email: string
  jenis: string
  jabatan: string
  kodeUnit: string
  nipAtasan: string
  /**
   * NIP cells of an XLSX file that were not text: an 18-digit NIP stored as a number has lost its
   * last digits (beyond 2^53), a date is no NIP at all; the row is refused with its own reason.
   */
  cellTypes?: { nip?: 'number' | 'date'; nipAtasan?: 'number' | 'date' }
}

export interface AsnRowClean {
  nip: string
  name: string
  email: string
  employeeKind: 'PNS' | 'PPPK'
  jabatanId: string
  unitId: string
  supervisorNip: string | null
}

export interface ImportContext {
  today: Date
  /** Unit code -> id, with closed units flagged. */
  units: Map<string, { id: string; closed: boolean }>
  /** Jabatan code (or lower-cased name) -> id and whether it may have no supervisor (JPT). */
  jabatan: Map<string, { id: string; top: boolean }>
  /** NIP -> the database's user: email and current supervisor NIP. */
  existing: Map<string, { email: string; supervisorNip: string | null }>
  /** Lower-cased email -> the NIP of the database user who has it. */
  emails: Map<string, string>
}

export interface RowProblem extends CodedMessage {
  params: Record<string, string | number>
}

export interface RowResult {
  rowNo: number
  clean: AsnRowClean | null
  problems: RowProblem[]
}

const R = 'asnImport.row.'
const problem = (code: string, params: RowProblem['params'] = {}): RowProblem => ({
  code: `${R}${code}`,
  params,
})

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export function validateAsnRows(rows: AsnRowInput[], ctx: ImportContext): RowResult[] {
  const byNip = new Map<string, number[]>()
  const byEmail = new Map<string, number[]>()
  for (const r of rows) {
    const nip = normaliseNip(r.nip)
    if (nip) {
      const list = byNip.get(nip)
      if (list) list.push(r.rowNo)
      else byNip.set(nip, [r.rowNo])
    }
    const email = r.email.trim().toLowerCase()
    if (email) {
      const list = byEmail.get(email)
      if (list) list.push(r.rowNo)
      else byEmail.set(email, [r.rowNo])
    }
  }

  const results: RowResult[] = rows.map((r) => {
    const errors: RowProblem[] = []
    const nip = normaliseNip(r.nip)
    const jenis = r.jenis.trim().toUpperCase()
    let kind: 'PNS' | 'PPPK' | null = null
    if (jenis === 'PNS' || jenis === 'PPPK') kind = jenis
    else errors.push(problem('kind', { value: r.jenis.trim() }))
    const nipCell = r.cellTypes?.nip
    if (nipCell)
      errors.push(
        problem(nipCell === 'number' ? 'nipNumberCell' : 'nipDateCell', {
          column: 'NIP',
          value: r.nip,
        }),
      )
    else {
      const nipCheck = validateNip(nip, { kind: kind ?? 'PNS', today: ctx.today })
      if (!nipCheck.ok)
        errors.push({ code: `domain.nip.${nipCheck.code}`, params: nipCheck.params })
    }
    const dupNip = byNip.get(nip) ?? []
    if (nip && dupNip.length > 1)
      errors.push(problem('nipRepeated', { nip, rows: dupNip.join(', ') }))

    const name = r.nama.trim().replace(/\s+/g, ' ')
    if (!name) errors.push(problem('nameRequired'))
    else if (name.length > 200) errors.push(problem('nameTooLong', { max: 200 }))

    const email = r.email.trim().toLowerCase()
    if (!email) errors.push(problem('emailRequired'))
    else if (!EMAIL.test(email)) errors.push(problem('emailInvalid', { email: r.email.trim() }))
    else {
      const dupEmail = byEmail.get(email) ?? []
      if (dupEmail.length > 1)
        errors.push(problem('emailRepeated', { email, rows: dupEmail.join(', ') }))
      const owner = ctx.emails.get(email)
      if (owner && owner !== nip) errors.push(problem('emailTaken', { email, nip: owner }))
    }

    const unit = ctx.units.get(r.kodeUnit.trim())
    if (!r.kodeUnit.trim()) errors.push(problem('unitRequired'))
    else if (!unit) errors.push(problem('unitUnknown', { code: r.kodeUnit.trim() }))
    else if (unit.closed) errors.push(problem('unitClosed', { code: r.kodeUnit.trim() }))

    const jab = ctx.jabatan.get(r.jabatan.trim()) ?? ctx.jabatan.get(r.jabatan.trim().toLowerCase())
    if (!r.jabatan.trim()) errors.push(problem('jabatanRequired'))
    else if (!jab) errors.push(problem('jabatanUnknown', { jabatan: r.jabatan.trim() }))

    const supervisorNip = normaliseNip(r.nipAtasan) || null
    const atasanCell = r.cellTypes?.nipAtasan
    if (atasanCell)
      errors.push(
        problem(atasanCell === 'number' ? 'nipNumberCell' : 'nipDateCell', {
          column: 'NIP atasan',
          value: r.nipAtasan,
        }),
      )
    else if (!supervisorNip && jab && !jab.top) errors.push(problem('supervisorRequired'))
    else if (supervisorNip && supervisorNip === nip) errors.push(problem('supervisorSelf'))
    else if (supervisorNip && !byNip.has(supervisorNip) && !ctx.existing.has(supervisorNip))
      errors.push(problem('supervisorUnknown', { nip: supervisorNip }))

    const clean =
      errors.length === 0
        ? {
            nip,
            name,
            email,
            employeeKind: kind!,
            jabatanId: jab!.id,
            unitId: unit!.id,
            supervisorNip,
          }
        : null
    return { rowNo: r.rowNo, clean, problems: errors }
  })

  // Circular supervision: follow each chain through the file (which wins) and the database.
  const fileSup = new Map<string, string | null>()
  const rowOf = new Map<string, RowResult>()
  rows.forEach((r, i) => {
    const nip = normaliseNip(r.nip)
    if ((byNip.get(nip) ?? []).length === 1) {
      fileSup.set(nip, normaliseNip(r.nipAtasan) || null)
      rowOf.set(nip, results[i]!)
    }
  })
  const supOf = (nip: string) =>
    fileSup.has(nip) ? fileSup.get(nip)! : (ctx.existing.get(nip)?.supervisorNip ?? null)
  for (const [nip, res] of rowOf) {
    const seen = new Set<string>([nip])
    let cur = supOf(nip)
    while (cur && !seen.has(cur)) {
      seen.add(cur)
      cur = supOf(cur)
    }
    if (cur === nip && fileSup.get(nip) !== nip) {
      res.problems.push(problem('supervisorCycle', { chain: [...seen, nip].join(' → ') }))
      res.clean = null
    }
  }

  // A row whose supervisor is an invalid row of the file (and not already in the database) cannot
  // be imported alone: repeat until no row changes.
  for (let changed = true; changed;) {
    changed = false
    for (const [, res] of rowOf) {
      const sup = res.clean?.supervisorNip
      if (!sup) continue
      const supRow = rowOf.get(sup)
      const supInFileInvalid = (byNip.get(sup) ?? []).length > 0 && (!supRow || !supRow.clean)
      if (supInFileInvalid && !ctx.existing.has(sup)) {
        const at = (byNip.get(sup) ?? []).join(', ')
        res.problems.push(problem('supervisorInvalid', { nip: sup, rows: at }))
        res.clean = null
        changed = true
      }
    }
  }
  return results
}
