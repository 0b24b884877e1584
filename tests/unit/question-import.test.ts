import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  categoryPath,
  exportMoodleXml,
  htmlToText,
  moodleFraction,
  parseGift,
  parseMoodleXml,
  textToHtml,
  type BankQuestion,
  type ExportQuestion,
} from '~/domain/question-import'

const fixture = (name: string) =>
  fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'moodle', name), 'utf8')

const byName = (qs: BankQuestion[], name: string) => {
  const q = qs.find((x) => x.name === name)
  if (!q) throw new Error(`no question ${name}`)
  return q
}

describe('Moodle XML import', () => {
  const bank = parseMoodleXml(fixture('bank-lengkap.xml'))

  it('reads every supported type, with nothing refused', () => {
    expect(bank.problems).toEqual([])
    expect(bank.questions.map((q) => q.type)).toEqual([
      'SINGLE',
      'MULTIPLE',
      'TRUE_FALSE',
      'SHORT',
      'NUMERIC',
      'ESSAY',
    ])
  })

  it('keeps nested categories below the course, and the question points', () => {
    expect(bank.questions.map((q) => q.category)).toEqual([
      'Keamanan Digital',
      'Keamanan Digital/Kata Sandi',
      'Keamanan Digital/Kata Sandi',
      'Keuangan Daerah',
      'Keuangan Daerah',
      'Keuangan Daerah',
    ])
    expect(byName(bank.questions, 'Kebiasaan kata sandi yang aman').points).toBe(2)
    expect(byName(bank.questions, 'Esai pengendalian intern').points).toBe(5)
  })

  it('maps single choice (100 = the key) with per-option and general feedback', () => {
    const q = byName(bank.questions, 'Ciri surel phishing')
    expect(q.options.filter((o) => o.correct).map((o) => o.text)).toEqual([
      'Domain pengirim jambiprov-go.id.co, bukan jambiprov.go.id',
    ])
    expect(q.options[1]!.feedback).toBe('Waktu pengiriman bukan ciri phishing.')
    expect(q.options[3]!.feedback).toBeNull()
    expect(q.feedback).toBe('Alamat pengirim yang meniru domain resmi adalah tanda utama phishing.')
  })

  it('imports the embedded image: a marker in the text and its bytes', () => {
    const q = byName(bank.questions, 'Ciri surel phishing')
    expect(q.text).toContain('[[gambar:surel palsu.png]]')
    expect(q.images).toHaveLength(1)
    expect(q.images[0]!.name).toBe('surel palsu.png')
    expect(Buffer.from(q.images[0]!.base64, 'base64').subarray(1, 4).toString()).toBe('PNG')
  })

  it('single choice: a negative fraction (-33.33333) is a wrong option; hints and tags are ignored', () => {
    const q = byName(bank.questions, 'Ciri surel phishing')
    expect(q.options.map((o) => o.correct)).toEqual([true, false, false, false])
    expect(q.text).toBe(
      'Perhatikan tangkapan layar surel berikut.\n\n[[gambar:surel palsu.png]]\n\nApa tanda paling kuat bahwa surel ini phishing?',
    )
    expect(q.notes).toEqual([])
  })

  it('decodes &nbsp; in html text to a plain space', () => {
    expect(byName(bank.questions, 'MFA dan SMS').text).toBe(
      'Kode OTP lewat SMS tetap lebih aman daripada kata sandi saja.',
    )
  })

  it('reads <single> and <shuffleanswers> as Moodle writes them: true/false, or 1/0 (older exports, plugins)', () => {
    const xml = fixture('bank-lengkap.xml')
      .replace('<single>false</single>', '<single>0</single>')
      .replace('<single>true</single>', '<single>1</single>')
      .replaceAll('<shuffleanswers>true</shuffleanswers>', '<shuffleanswers>1</shuffleanswers>')
    const again = parseMoodleXml(xml)
    expect(again.problems).toEqual([])
    expect(again.questions).toEqual(bank.questions)
  })

  it('reads format="markdown" and "plain_text" text without markup', () => {
    const xml = fixture('bank-lengkap.xml').replace(
      '<questiontext format="html">\n      <text><![CDATA[<p>Pilih <em>semua</em> kebiasaan yang membuat akun SIMPEG Anda lebih aman.</p>]]></text>',
      '<questiontext format="markdown">\n      <text>Pilih **semua** kebiasaan yang membuat akun *SIMPEG* Anda lebih aman.</text>',
    )
    expect(byName(parseMoodleXml(xml).questions, 'Kebiasaan kata sandi yang aman').text).toBe(
      'Pilih semua kebiasaan yang membuat akun SIMPEG Anda lebih aman.',
    )
  })

  it('maps multiple answers: positive fractions (33.33333) are right, negative wrong', () => {
    const q = byName(bank.questions, 'Kebiasaan kata sandi yang aman')
    expect(q.options.map((o) => o.correct)).toEqual([true, true, true, false])
    expect(q.idnumber).toBe('KS-02')
  })

  it('maps true/false to Benar/Salah with the feedback of each answer', () => {
    const q = byName(bank.questions, 'MFA dan SMS')
    expect(q.options).toEqual([
      {
        text: 'Benar',
        correct: true,
        feedback: 'Benar: faktor kedua apa pun menambah perlindungan.',
      },
      {
        text: 'Salah',
        correct: false,
        feedback: 'OTP SMS masih lebih aman daripada tanpa faktor kedua.',
      },
    ])
  })

  it('keeps short answers at 100 % only (a 50 % answer is dropped with a note)', () => {
    const q = byName(bank.questions, 'Singkatan SP2D')
    expect(q.acceptedAnswers).toEqual(['SP2D', 'Surat Perintah Pencairan Dana'])
    expect(q.notes).toEqual(['partialAnswersDropped'])
  })

  it('puts a description in front of the next question of its category', () => {
    const q = byName(bank.questions, 'Singkatan SP2D')
    expect(q.text.startsWith('Bendahara pengeluaran BPKPD')).toBe(true)
    expect(q.text).toContain('\n\nDokumen apa')
  })

  it('reads numerical answers with tolerance and ignores units', () => {
    const q = byName(bank.questions, 'PPN atas belanja ATK')
    expect(q.numericAnswer).toBe(1.375)
    expect(q.tolerance).toBe(0.01)
    expect(q.notes).toEqual(['unitsIgnored'])
  })

  it('decodes entities in essays', () => {
    expect(byName(bank.questions, 'Esai pengendalian intern').text).toContain('SPM fiktif & beri')
  })

  it('lists unsupported types and malformed entries by name and line, and keeps the rest', () => {
    const r = parseMoodleXml(fixture('tipe-tidak-didukung.xml'))
    expect(r.questions.map((q) => q.name)).toEqual(['Pernyataan sah'])
    // format="plain_text" is kept as written (CDATA because of the "&", as Moodle wraps it).
    expect(r.questions[0]!.text).toBe('Perda APBD ditetapkan bersama DPRD & kepala daerah.')
    expect(r.problems).toEqual([
      { name: 'Isian rumpang APBD', line: 22, code: 'unsupportedType', params: { type: 'cloze' } },
      {
        name: 'Pasangkan dokumen',
        line: 38,
        code: 'unsupportedType',
        params: { type: 'matching' },
      },
      { name: 'Seret kata SPBE', line: 78, code: 'unsupportedType', params: { type: 'ddwtos' } },
      { name: 'Pilihan tanpa kunci', line: 115, code: 'noCorrectOption', params: {} },
      { name: 'Angka rusak', line: 157, code: 'badNumber', params: { value: 'delapan' } },
    ])
  })

  it('refuses a broken file as a whole, naming the line', () => {
    const r = parseMoodleXml(fixture('rusak.xml'))
    expect(r.questions).toEqual([])
    expect(r.problems).toHaveLength(1)
    expect(r.problems[0]).toMatchObject({ code: 'xmlSyntax', line: 17 })
  })

  it('refuses an empty file and XML that is not a Moodle export', () => {
    expect(parseMoodleXml('  ').problems[0]!.code).toBe('emptyFile')
    expect(parseMoodleXml('<html><body/></html>').problems[0]!.code).toBe('notMoodleXml')
  })

  it('refuses partial credit in a single-choice question', () => {
    const xml = fixture('bank-lengkap.xml').replace(
      '<answer fraction="0" format="html">\n      <text><![CDATA[<p>Surel dikirim',
      '<answer fraction="50" format="html">\n      <text><![CDATA[<p>Surel dikirim',
    )
    const r = parseMoodleXml(xml)
    expect(r.problems).toEqual([
      { name: 'Ciri surel phishing', line: 25, code: 'partialSingle', params: {} },
    ])
    expect(r.questions).toHaveLength(5)
  })
})

describe('GIFT import', () => {
  const bank = parseGift(fixture('bank.gift'))

  it('reads each supported type in its category', () => {
    expect(bank.questions.map((q) => [q.name, q.type, q.category])).toEqual([
      ['SP-01 Komponen standar pelayanan', 'SINGLE', 'Pelayanan Publik/Standar Pelayanan'],
      ['SP-02 Saluran pengaduan', 'MULTIPLE', 'Pelayanan Publik/Standar Pelayanan'],
      ['SP-03 Maklumat', 'TRUE_FALSE', 'Pelayanan Publik/Standar Pelayanan'],
      ['SP-04 Singkatan SKM: survei', 'SHORT', 'Pelayanan Publik/Survei'],
      ['SP-05 Unsur SKM', 'NUMERIC', 'Pelayanan Publik/Survei'],
      ['SP-06 Rentang nilai', 'NUMERIC', 'Pelayanan Publik/Survei'],
      ['SP-07 Esai perbaikan', 'ESSAY', 'Pelayanan Publik/Survei'],
    ])
  })

  it('keeps option and general feedback; [html] text is reduced to text', () => {
    const q = bank.questions[0]!
    expect(q.text).toBe(
      'Manakah yang termasuk komponen standar pelayanan menurut UU 25/2009 = Pasal 21?',
    )
    expect(q.options[0]).toEqual({
      text: 'Persyaratan',
      correct: true,
      feedback: 'Persyaratan adalah komponen penyampaian pelayanan.',
    })
    expect(q.feedback).toBe('Komponen standar pelayanan diatur dalam Pasal 21 UU 25/2009.')
  })

  it('weights: positive are right, negative wrong', () => {
    expect(bank.questions[1]!.options.map((o) => o.correct)).toEqual([true, true, false])
  })

  it('true/false feedback: the second is for a right answer, the first for a wrong one', () => {
    const q = bank.questions[2]!
    expect(q.options[0]).toMatchObject({ text: 'Benar', correct: true })
    expect(q.options[0]!.feedback).toBe('Benar, maklumat wajib dipublikasikan.')
    expect(q.options[1]!.feedback).toBe('Maklumat memang wajib diumumkan.')
  })

  it('numeric: value:tolerance (the full-credit answer of several) and low..high ranges', () => {
    expect([bank.questions[4]!.numericAnswer, bank.questions[4]!.tolerance]).toEqual([9, 0])
    expect(bank.questions[5]!.numericAnswer).toBe(82.455)
    expect(bank.questions[5]!.tolerance).toBe(5.845)
  })

  it('short answers: every = is accepted; [markdown] text loses its marks', () => {
    expect(bank.questions[3]!.acceptedAnswers).toEqual(['SKM', 'S.K.M.'])
    expect(bank.questions[3]!.text).toBe('Apa singkatan Survei Kepuasan Masyarakat?')
  })

  it('unescapes \\~ \\= \\{ \\} \\: in text, options, feedback and titles', () => {
    expect(bank.questions[0]!.options[2]!.text).toBe('Merek komputer loket {merek apa pun}')
    expect(bank.questions[1]!.options[2]!.text).toBe('Pesan pribadi ke petugas ~ tanpa nomor tiket')
    expect(bank.questions[3]!.name).toBe('SP-04 Singkatan SKM: survei')
  })

  it('an unescaped ":" in a feedback is a syntax error of that entry only', () => {
    const broken = fixture('bank.gift').replace('#Hampir\\: ada', '#Hampir: ada')
    const r = parseGift(broken)
    expect(r.questions.map((q) => q.name)).not.toContain('SP-05 Unsur SKM')
    expect(r.questions).toHaveLength(6)
    expect(r.problems[0]).toMatchObject({ name: 'SP-05 Unsur SKM', code: 'giftSyntax', line: 32 })
  })

  it('a description opens the essay that follows it', () => {
    expect(bank.questions[6]!.text).toBe(
      'Antrean di gerai MPP mencapai dua jam pada hari Senin.\n\nJelaskan tiga langkah perbaikan layanan untuk kasus di atas.',
    )
  })

  it('lists matching as unsupported and a broken entry with its name and line', () => {
    expect(bank.problems).toEqual([
      { name: 'SP-08 Pasangan', line: 42, code: 'unsupportedType', params: { type: 'matching' } },
      expect.objectContaining({ name: 'SP-09 Rusak', code: 'giftSyntax', line: 50 }),
    ])
  })
})

describe('text and categories', () => {
  it('strips the course prefix and "top"', () => {
    expect(categoryPath('$course$/top/Keamanan/Phishing')).toBe('Keamanan/Phishing')
    expect(categoryPath('$course$/top')).toBe('')
    expect(categoryPath('$course$/Keuangan')).toBe('Keuangan')
  })

  it('html and text convert both ways', () => {
    const text = 'Baris satu\nbaris dua & <tiga>\n\nParagraf [[gambar:a b.png]] dua'
    expect(htmlToText(textToHtml(text))).toBe(text)
  })

  it('writes fractions the way Moodle does', () => {
    expect(moodleFraction(100 / 3)).toBe('33.33333')
    expect(moodleFraction(-100)).toBe('-100')
    expect(moodleFraction(50)).toBe('50')
  })
})

describe('Moodle XML export', () => {
  const toExport = (q: BankQuestion, i: number): ExportQuestion => ({
    ...q,
    idnumber: q.idnumber ?? `id-${i}`,
    competencyCode: 'T.LD.01',
    level: 2,
  })

  it('round-trips: export then import gives the same questions, categories and images', () => {
    const bank = parseMoodleXml(fixture('bank-lengkap.xml'))
    const files = new Map(bank.questions.flatMap((q) => q.images.map((i) => [i.name, i.base64])))
    const xml = exportMoodleXml(bank.questions.map(toExport), files)
    const again = parseMoodleXml(xml)
    expect(again.problems).toEqual([])
    const strip = (q: BankQuestion) => ({ ...q, notes: [] })
    expect(again.questions.map(strip)).toEqual(
      bank.questions.map((q, i) => strip({ ...q, ...toExport(q, i) } as BankQuestion)),
    )
  })

  it('writes Moodle layout: category pseudo-questions, <text> wrappers, fractions', () => {
    const bank = parseMoodleXml(fixture('bank-lengkap.xml'))
    const xml = exportMoodleXml(bank.questions.map(toExport))
    expect(xml).toContain('<question type="category">')
    expect(xml).toContain('<text>$course$/top/Keamanan Digital/Kata Sandi</text>')
    expect(xml).toContain('<answer fraction="33.33333" format="html">')
    expect(xml).toContain('<answer fraction="-100" format="html">')
    expect(xml).toContain('<tolerance>0.01</tolerance>')
    expect(xml).toContain('<question type="essay">')
  })

  it('round-trips GIFT questions through Moodle XML', () => {
    const bank = parseGift(fixture('bank.gift'))
    const again = parseMoodleXml(exportMoodleXml(bank.questions.map(toExport)))
    expect(
      again.questions.map((q) => [
        q.type,
        q.text,
        q.options,
        q.acceptedAnswers,
        q.numericAnswer,
        q.tolerance,
        q.feedback,
      ]),
    ).toEqual(
      bank.questions.map((q) => [
        q.type,
        q.text,
        q.options,
        q.acceptedAnswers,
        q.numericAnswer,
        q.tolerance,
        q.feedback,
      ]),
    )
  })
})
