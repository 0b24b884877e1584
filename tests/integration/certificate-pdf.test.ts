// The certificate PDF's text survives the shared base font subset (decision 106): an ASCII
// certificate (the cached font file) and one with other glyphs (embedded per document) both
// print every character, with DejaVu embedded, in any order of rendering.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { renderCertificatePdf, type CertificatePrint } from '~/models/certificate-pdf.server'

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bina-cert-pdf-'))
const print = (holderName: string, courseTitle: string): CertificatePrint => ({
  code: 'ABCD-EFGH-JKMN-PQRS-TV',
  holderName,
  holderNip: '199203152019032001',
  courseTitle,
  jp: 6,
  completedAt: new Date('2026-11-30T03:00:00Z'),
  issuedAt: new Date('2026-12-01T03:00:00Z'),
  competencies: [{ code: 'T-KEU-01', name: 'Penganggaran APBD', level: 3 }],
  signerName: 'Dr. H. Sudirman, S.E., M.M.',
  signerTitle: 'Kepala BPSDM Provinsi Jambi',
  signerNip: '197001011995031001',
  issuer: 'Badan Pengembangan Sumber Daya Manusia',
  verifyUrl: 'http://localhost:3000/verifikasi/ABCD-EFGH-JKMN-PQRS-TV',
})

async function textOf(p: CertificatePrint) {
  const file = path.join(tmp, `${Math.random().toString(36).slice(2)}.pdf`)
  fs.writeFileSync(file, await renderCertificatePdf(p))
  const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' })
  expect(fonts).toMatch(/DejaVuSans-Bold +CID TrueType +Identity-H +yes yes yes/)
  expect(fonts).toMatch(/DejaVuSans +CID TrueType +Identity-H +yes yes yes/)
  return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' })
}

describe('certificate PDF text', () => {
  it('prints ASCII and non-ASCII names, ligature words and the URL, whichever comes first', async () => {
    const cases = [
      print('Dr. Nurul Fadhilah, S.Ak., M.Ak.', 'Efisiensi Anggaran & Office (affine, fluent)'),
      print('Ir. José Müller’s “Ñandú”, S.T.', 'Pelayanan Publik — Prima'),
      print('Yoga Pratama, S.Kom.', 'Literasi Digital: [Kata Sandi] {MFA} ~ 100%'),
    ]
    for (const c of [...cases, ...cases.reverse()]) {
      const text = await textOf(c)
      for (const s of [c.holderName, c.courseTitle, c.verifyUrl, 'Verifikasi keaslian'])
        expect(text).toContain(s)
    }
  })
})
