// Models, jobs and the domain speak in message codes with parameters, never in ready Indonesian
// sentences (decision 041): every code they throw, return or store exists in both locales, with
// every parameter its text shows; and the files converted so far hold no Indonesian sentence.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { parseWithZod } from '@conform-to/zod'
import { describe, expect, it } from 'vitest'
import { quizSettingsSchema } from '~/schemas/quiz-settings'
import { validateAsnRows, type AsnRowInput, type ImportContext } from '~/utils/asn-import-rules'
import { readMessage, type CodedMessage } from '~/utils/errors'
import { messageTemplate, renderMessage } from '~/utils/messages'

const root = path.resolve(__dirname, '../../app')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name)
    if (statSync(p).isDirectory()) return sourceFiles(p)
    return /\.(ts|tsx)$/.test(name) ? [p] : []
  })
}

/**
 * Models, jobs, domain, schemas, the import rules and the resource routes (downloads, images,
 * exports, JSON for scripts: their bodies are read as they are): the code that must not hold UI
 * text. Pages (.tsx) are checked by ui-literals.test.ts.
 */
const files = [
  ...['models', 'jobs', 'domain', 'schemas'].flatMap((d) => sourceFiles(path.join(root, d))),
  ...readdirSync(path.join(root, 'routes'))
    .filter((f) => /\.ts$/.test(f))
    .map((f) => path.join(root, 'routes', f)),
  path.join(root, 'utils/asn-import-rules.ts'),
  path.join(root, 'utils/auth.server.ts'),
  // The lesson-document validators (decision 044): the editor and the pack importer show them.
  path.join(root, 'utils/rich-text.server.ts'),
  path.join(root, 'utils/markdown.server.ts'),
].map((f) => ({ f: path.relative(root, f), text: readFileSync(f, 'utf8') }))

/** Source without comments (comments may explain Indonesian terms or quote old messages). */
const withoutComments = (text: string) =>
  text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1')

/** Sentences that are not messages of the app (each says why). */
const SENTENCE_OK = [
  // The signature's reason inside the certificate PDF (document metadata, Indonesian by design).
  'reason: `Sertifikat ${cert.code}`',
]

/** The error classes whose first argument is a message code (or, prefixed, its last part). */
const CODED_ERRORS =
  'PackError|AppError|InvalidError|ForbiddenError|NotFoundError|ConflictError|FieldError|QuizError|InstructorError|EssayGradingError|RegradeError|ImportFileError|RichTextError|MarkdownError'

/**
 * Ready sentences where a code belongs: a Response or JSON error body written as text, a coded
 * error or `forbidden()` given a sentence, a result's `message` / `reason` / `error` holding one.
 * A code has no spaces (`quiz.closed`, `attemptsUsed`, `code?max=3`).
 */
function sentencesIn(text: string) {
  const code = withoutComments(text)
  const found: string[] = []
  const lit = `('(?:[^'\\\\\\n]|\\\\.)*'|"(?:[^"\\\\\\n]|\\\\.)*"|\`(?:[^\`\\\\]|\\\\.)*\`)`
  const rules: RegExp[] = [
    new RegExp(`new Response\\(\\s*${lit}`, 'g'),
    new RegExp(`Response\\.json\\(\\s*\\{\\s*(?:error|message):\\s*${lit}`, 'g'),
    new RegExp(`new (?:${CODED_ERRORS})\\(\\s*${lit}`, 'g'),
    new RegExp(`\\bforbidden\\(\\s*${lit}`, 'g'),
    new RegExp(`new PackError\\(\\s*\\w+,\\s*${lit}`, 'g'),
    new RegExp(`\\b(?:message|reason):\\s*${lit}`, 'g'),
  ]
  const seen = new Set<number>()
  for (const re of rules)
    for (const m of code.matchAll(re)) {
      const end = m.index + m[0].length
      const value = m[1]!.slice(1, -1)
      // A code: no whitespace (a template literal may build `code?param=…` or a field path).
      if (seen.has(end) || !/\s/.test(value.replace(/\$\{[^}]*\}/g, ''))) continue
      seen.add(end)
      if (!SENTENCE_OK.includes(m[0])) found.push(m[0].slice(0, 90))
    }
  return found
}

/** Every code a model or job raises through one of the coded error classes or helpers. */
function codesInSource() {
  const found: { file: string; code: string }[] = []
  const prefixed: [RegExp, string][] = [
    [/new EssayGradingError\(\s*'(\w+)'/g, 'essayGrading.'],
    [/new RegradeError\(\s*'(\w+)'/g, 'regrade.'],
    [/new ImportFileError\(\s*'(\w+)'/g, 'asnImport.file.'],
    [/\bproblem\(\s*'(\w+)'/g, 'asnImport.row.'],
    [/`\$\{Q\}(\w+)`/g, 'quizSettings.'],
    [/new QuizError\(\s*'(\w+)'/g, 'quiz.'],
    [/new InstructorError\(\s*'(\w+)'/g, 'instructors.'],
    [/new PackError\(\s*\w+,\s*'(\w+)'/g, 'pack.'],
    [/new RichTextError\(\s*'(\w+)'/g, 'lessonDoc.'],
    [/new MarkdownError\(\s*'(\w+)'/g, 'lessonDoc.markdown.'],
    [
      /new (?:AppError|InvalidError|ForbiddenError|NotFoundError|ConflictError)\(\s*'([\w.]+)'/g,
      '',
    ],
    [/\bforbidden\(\s*'([\w.]+)'/g, ''],
    // Result objects: { ok: false, message: 'authoring.muxOff' }, { reason: 'video.failed' }
    [/\b(?:message|reason):\s*'([a-zA-Z]\w*(?:\.\w+)+)'/g, ''],
  ]
  for (const { f, text } of files) {
    for (const [re, prefix] of prefixed)
      for (const m of text.matchAll(re)) found.push({ file: f, code: `${prefix}${m[1]}` })
    // messageWith('jobsAdmin.retry.notFound', …), FieldError(field, 'quizSettings.drawMax'),
    // 'asnImport.noValidRows' and other literal codes of the coded areas.
    for (const m of text.matchAll(
      /'((?:asnImport|essayGrading|regrade|jobsAdmin|quizSettings|quiz\.answer|instructors|certificateExport|scope|export|media|videoProgress|enrolment|authoring|signIn|mux|team|pack\.v)(?:\.\w+)+)'/g,
    ))
      found.push({ file: f, code: m[1]! })
  }
  return found
}

/** The `{{name}}` placeholders of a template. */
const placeholders = (template: string) =>
  [...template.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort()

function missingIn(messages: (string | CodedMessage)[]) {
  const missing: string[] = []
  for (const m of messages) {
    const coded = typeof m === 'string' ? readMessage(m) : m
    if (!coded) {
      missing.push(`not a code: ${String(m)}`)
      continue
    }
    for (const lng of ['id', 'en'] as const) {
      const template = messageTemplate(coded.code, lng)
      if (template === undefined) {
        missing.push(`${lng}: ${coded.code}`)
        continue
      }
      // Every value the text shows is supplied (an empty "{{max}}" reads as a broken sentence).
      const absent = placeholders(template).filter((p) => coded.params?.[p] === undefined)
      if (absent.length) missing.push(`${lng}: ${coded.code} lacks ${absent.join(', ')}`)
    }
  }
  return missing
}

describe('model and job message codes', () => {
  it('finds the codes in the source (the scan works)', () => {
    const codes = codesInSource().map((c) => c.code)
    for (const c of [
      'essayGrading.scoreRange',
      'regrade.notInstructor',
      'asnImport.file.missingColumns',
      'asnImport.row.supervisorCycle',
      'quizSettings.drawMax',
      'jobsAdmin.retry.notFailed',
      // issue 8 (decision 043): quiz rules, certificates, resource routes, video, sign-in
      'quiz.attemptsUsed',
      'quiz.answer.tooLong',
      'instructors.notInstructor',
      'certificate.issuing',
      'certificateExport.notDone',
      'scope.outOfScope',
      'team.outOfScope',
      'media.videoNotFound',
      'export.query',
      'video.processing',
      'videoProgress.tooFast',
      'signIn.throttledSeconds',
      'authoring.muxOff',
      'mux.badSignature',
      'pack.jp',
      'pack.v.single',
      // issue 8 (decision 044): the lesson-document validators
      'lessonDoc.link',
      'lessonDoc.content',
      'lessonDoc.markdown.html',
    ])
      expect(codes).toContain(c)
  })

  it('every code thrown, returned or stored by a model or job exists in both languages', () => {
    const missing = codesInSource()
      .filter(({ code }) => ['id', 'en'].some((l) => !messageTemplate(code, l as 'id' | 'en')))
      .map(({ file, code }) => `${file}: ${code}`)
    expect(missing).toEqual([])
  })

  it('the check fails on a code missing from a locale', () => {
    expect(missingIn([{ code: 'asnImport.row.noSuchProblem' }])).toEqual([
      'id: asnImport.row.noSuchProblem',
      'en: asnImport.row.noSuchProblem',
    ])
    expect(missingIn([{ code: 'asnImport.row.unitUnknown' }])).toEqual([
      'id: asnImport.row.unitUnknown lacks code',
      'en: asnImport.row.unitUnknown lacks code',
    ])
    expect(missingIn(['Unit tidak dikenal.'])).toEqual(['not a code: Unit tidak dikenal.'])
  })

  it('every problem the ASN import stores is a code with its parameters in both languages', () => {
    const today = new Date('2026-12-01T00:00:00Z')
    const ctx: ImportContext = {
      today,
      units: new Map([
        ['U1', { id: 'u1', closed: false }],
        ['U0', { id: 'u0', closed: true }],
      ]),
      jabatan: new Map([
        ['J1', { id: 'j1', top: false }],
        ['JPT', { id: 'jpt', top: true }],
      ]),
      existing: new Map(),
      emails: new Map([['dipakai@uji.go.id', '199001012015031001']]),
    }
    const row = (rowNo: number, over: Partial<AsnRowInput>): AsnRowInput => ({
      rowNo,
      nip: '199203152019032001',
      nama: 'Pegawai',
      email: `p${rowNo}@uji.go.id`,
      jenis: 'PNS',
      jabatan: 'J1',
      kodeUnit: 'U1',
      nipAtasan: '198007102005011002',
      ...over,
    })
    const rows: AsnRowInput[] = [
      row(2, { nip: '198007102005011002', jabatan: 'JPT', nipAtasan: '' }),
      row(3, { nip: '12345', jenis: 'HONORER', nama: '', email: '' }),
      row(4, { nip: '198502302010011001', nama: 'x'.repeat(201), email: 'bukan-email' }),
      row(5, { nip: '199001012015031002', email: 'dipakai@uji.go.id', kodeUnit: '' }),
      row(6, { nip: '199001012015031003', kodeUnit: 'U9', jabatan: '' }),
      row(7, { nip: '199001012015031004', kodeUnit: 'U0', jabatan: 'J9' }),
      row(8, { nip: '199001012015031005', nipAtasan: '' }),
      row(9, { nip: '199001012015031006', nipAtasan: '199001012015031006' }),
      row(10, { nip: '199001012015031007', nipAtasan: '199001012015031999' }),
      row(11, { nip: '199001012015031008', nipAtasan: '199001012015031009' }),
      row(12, { nip: '199001012015031009', nipAtasan: '199001012015031008' }),
      row(13, { nip: '199001012015031010', email: 'sama@uji.go.id' }),
      row(14, { nip: '199001012015031010', email: 'sama@uji.go.id' }),
      row(15, { nip: '199001012015031011', nipAtasan: '199001012015031010' }),
    ]
    const problems = validateAsnRows(rows, ctx).flatMap((r) => r.problems)
    const codes = new Set(problems.map((p) => p.code))
    // The rows above reach (nearly) every rule; each stored problem is a code, never a sentence.
    expect(codes.size).toBeGreaterThanOrEqual(16)
    expect(missingIn(problems)).toEqual([])
    for (const p of problems) expect(renderMessage(p, 'en')).not.toMatch(/\b(tidak|wajib|sudah)\b/)
  })

  it('every quiz-settings schema message is a code with its parameters in both languages', () => {
    const slots = [
      { id: 's1', kind: 'CATEGORY' as const, categoryName: 'A', categoryQuestions: 3 },
      { id: 's2', kind: 'CATEGORY' as const, categoryName: 'B', categoryQuestions: 0 },
    ]
    const forms: Record<string, string>[] = [
      { passMark: '', attemptsAllowed: '', gradingMethod: 'X', draw_s1: '', draw_s2: '1' },
      {
        passMark: '150',
        attemptsAllowed: '21',
        gradingMethod: 'HIGHEST',
        timeLimitMinutes: '0',
        openAt: '2026-02-30T08:00',
        closeAt: 'besok',
        draw_s1: '9',
        draw_s2: '1',
      },
      {
        passMark: '70.5',
        attemptsAllowed: '1',
        gradingMethod: 'HIGHEST',
        openAt: '2026-03-10T10:00',
        closeAt: '2026-03-10T09:00',
        draw_s1: '0',
        draw_s2: '1.5',
      },
    ]
    const messages: string[] = []
    for (const values of forms) {
      const fd = new FormData()
      for (const [k, v] of Object.entries(values)) fd.set(k, v)
      const s = parseWithZod(fd, { schema: quizSettingsSchema(slots) })
      expect(s.status).toBe('error')
      if (s.status === 'error')
        messages.push(
          ...Object.values(s.error ?? {})
            .flat()
            .map(String),
        )
    }
    expect(messages.length).toBeGreaterThanOrEqual(10)
    expect(missingIn(messages)).toEqual([])
  })

  it('models, jobs and resource routes throw and return codes, never sentences', () => {
    const found = files.flatMap(({ f, text }) => sentencesIn(text).map((x) => `${f}: ${x}`))
    expect(found).toEqual([])
  })

  it('the sentence check fails on each way a sentence was written before', () => {
    const samples = [
      "throw new Response('Sertifikat tidak ditemukan.', { status: 404 })",
      'throw new Response(`Unit ${x} not found`, { status: 404 })',
      "return Response.json({ error: 'Data kemajuan video tidak valid.' }, { status: 400 })",
      "throw new QuizError('Kuis belum dibuka.')",
      "throw new NotFoundError('The course was not found.')",
      "throw forbidden('Unit ini berada di luar lingkup Anda.')",
      "throw new PackError(file, 'berkas video tidak ditemukan')",
      "return { ok: false, message: 'NIP/email atau kata sandi salah.' }",
      "return { kind: 'unavailable', reason: 'Video belum siap diputar.' }",
    ]
    for (const sample of samples) expect(sentencesIn(sample), sample).toHaveLength(1)
    const codes = [
      "throw new QuizError('attemptsUsed', 400, { max: 3 })",
      "throw new NotFoundError('certificate.notFound')",
      "throw forbidden('team.outOfScope')",
      "return { ok: false, message: 'signIn.wrongCredentials' }",
      "const message = messageWith('quiz.answer.tooLong', { max })",
      'return { ok: false, message: `${code}?max=${max}` }',
    ]
    for (const sample of codes) expect(sentencesIn(sample), sample).toEqual([])
  })

  it('models, jobs, rules and resource routes hold no Indonesian sentence (but the listed documents)', () => {
    const words =
      /\b(tidak|harus|wajib|sudah|belum|gagal|ditemukan|baris|kolom|berkas|silakan|terlalu|dikenal|diizinkan|butuh)\b/i
    const found: string[] = []
    for (const { f, text } of files) {
      if (Object.hasOwn(INDONESIAN_BY_DESIGN, f)) continue
      for (const m of withoutComments(text).matchAll(/'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g))
        if (words.test(m[0])) found.push(`${f}: ${m[0].slice(0, 80)}`)
    }
    expect(found).toEqual([])
    // Every exception names a file that exists (a renamed file must not slip out of the check).
    expect(Object.keys(INDONESIAN_BY_DESIGN).filter((f) => !files.some((x) => x.f === f))).toEqual(
      [],
    )
  })
})

/**
 * Files whose Indonesian text is a document or content in its own right, not a message of the
 * app (each with the reason); everything else in `files` is checked word by word.
 */
const INDONESIAN_BY_DESIGN: Record<string, string> = {
  'models/certificate-pdf.server.ts': 'the certificate PDF is an Indonesian official document',
  'models/evaluation.server.ts': 'the default survey items are content, stored with each survey',
  'models/password.server.ts': "the reset mail is written per the holder's language (id and en)",
  'domain/question-import.ts': 'Moodle XML feedback written into an exported bank (content)',
  'routes/program.$programId.ekspor.ts': 'the AKPK plan export follows the Indonesian form',
  'routes/supervisi.ekspor.$view.ts': 'dashboard exports: Indonesian column headers (reports)',
}
