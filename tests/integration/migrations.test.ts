// Migrations over data that already exists: a database at the first release's schema (only the
// init migration) is filled with what a running portal holds (people, a course with a quiz,
// enrolments, a graded and an open attempt with answers, evidence, ratings, JP, notifications,
// outbox rows); then every later migration is applied by the real runner (`prisma migrate deploy`)
// and the rows must still be there, backfilled where a migration says so, with the constraints of
// today's schema holding on them.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const ROOT = process.cwd()
const MIGRATIONS = path.join(ROOT, 'prisma', 'migrations')
/** The schema the pre-existing data is written against. */
const FIRST = '20261127000000_init'

const base = new URL(
  process.env.BINA_TEST_DATABASE_BASE ?? 'postgresql://postgres@127.0.0.1:5432/bina',
)
const dbName = `${base.pathname.slice(1) || 'bina'}_mig_${process.pid}`
const url = (name: string) => {
  const u = new URL(base)
  u.pathname = `/${name}`
  return u.toString()
}
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bina-migrations-'))

async function admin<T>(fn: (c: pg.Client) => Promise<T>) {
  const c = new pg.Client({ connectionString: url('postgres') })
  await c.connect()
  try {
    return await fn(c)
  } finally {
    await c.end()
  }
}

/** `prisma migrate deploy` on the test database, with `dir` as the migrations folder. */
function deploy(dir: string) {
  const config = path.join(tmp, 'prisma.config.ts')
  fs.writeFileSync(
    config,
    `import base from ${JSON.stringify(path.join(ROOT, 'prisma.config.ts'))}\n` +
      `export default { ...base, schema: ${JSON.stringify(path.join(ROOT, 'prisma', 'schema.prisma'))},` +
      ` migrations: { path: ${JSON.stringify(dir)} } }\n`,
  )
  return execFileSync('npx', ['prisma', 'migrate', 'deploy', '--config', config], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url(dbName) },
    encoding: 'utf8',
    stdio: 'pipe',
  })
}

let db: pg.Client
const q = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
  (await db.query(sql, params)).rows as T[]

const T0 = new Date('2026-11-20T02:00:00Z')
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000)

/** What a portal of the first release holds, written with that release's columns. */
async function fillFirstRelease() {
  await q(`INSERT INTO "Unit" (id, code, name, kind, path, depth) VALUES
    ('u1', 'MIG', 'Badan Uji Migrasi', 'OPD', 'u1', 0)`)
  await q(
    `INSERT INTO "Jabatan" (id, code, name, kind) VALUES ('j1', 'MIG-J', 'Penata Uji', 'PELAKSANA')`,
  )
  await q(`INSERT INTO "Competency" (id, code, type, area, name, description) VALUES
    ('c1', 'MIG.01', 'TEKNIS', 'LITERASI_DIGITAL', 'Uji Migrasi', 'Kompetensi uji')`)
  await q(
    `INSERT INTO "User" (id, nip, name, email, "employeeKind", roles, "jabatanId", "unitId", "updatedAt") VALUES
    ('boss', '198007102005011002', 'Atasan Uji', 'atasan@uji.go.id', 'PNS', ARRAY['ASN','SUPERVISOR']::"Role"[], 'j1', 'u1', $1),
    ('ani', '199203152019032001', 'Ani Uji', 'ani@uji.go.id', 'PNS', ARRAY['ASN']::"Role"[], 'j1', 'u1', $1),
    ('budi', '199505052020121005', 'Budi Uji', 'budi@uji.go.id', 'PPPK', ARRAY['ASN']::"Role"[], 'j1', 'u1', $1)`,
    [T0],
  )
  await q(`UPDATE "User" SET "supervisorId" = 'boss' WHERE id IN ('ani', 'budi')`)
  await q(`INSERT INTO "Password" ("userId", hash, "updatedAt") VALUES ('ani', 'scrypt$x', $1)`, [
    T0,
  ])
  await q(`INSERT INTO "Notification" (id, "userId", kind, title, body, link, "dedupeKey") VALUES
    ('n1', 'ani', 'WELCOME', 'Selamat datang', 'Selamat datang di Bina', '/', 'WELCOME:ani')`)
  await q(
    `INSERT INTO "Course" (id, slug, title, summary, area, jp, "passMark", status, "updatedAt") VALUES
    ('co', 'uji-migrasi', 'Uji Migrasi', 'Kursus uji', 'LITERASI_DIGITAL', 6, 70, 'PUBLISHED', $1)`,
    [T0],
  )
  await q(`INSERT INTO "CourseVersion" (id, "courseId", version, title, summary, jp, "passMark") VALUES
    ('cv1', 'co', 1, 'Uji Migrasi', 'Kursus uji', 6, 70)`)
  await q(`UPDATE "Course" SET "currentVersionId" = 'cv1' WHERE id = 'co'`)
  await q(
    `INSERT INTO "Module" (id, "courseId", position, title) VALUES ('m1', 'co', 1, 'Modul 1')`,
  )
  await q(`INSERT INTO "Lesson" (id, "moduleId", position, slug, title, kind) VALUES
    ('l1', 'm1', 1, 'bacaan', 'Bacaan', 'TEXT'), ('l2', 'm1', 2, 'kuis', 'Kuis', 'QUIZ')`)
  await q(`INSERT INTO "LessonVersion" (id, "courseVersionId", "lessonId", "moduleTitle", "modulePosition",
      position, slug, title, kind, required, minutes) VALUES
    ('lv1', 'cv1', 'l1', 'Modul 1', 1, 1, 'bacaan', 'Bacaan', 'TEXT', true, 90),
    ('lv2', 'cv1', 'l2', 'Modul 1', 1, 2, 'kuis', 'Kuis', 'QUIZ', true, 20)`)
  await q(`INSERT INTO "QuestionCategory" (id, name, "courseId") VALUES ('qc', 'Bank uji', 'co')`)
  // q1 came from a content pack (its id as the key, unscoped); q2 from the Moodle importer.
  await q(
    `INSERT INTO "Question" (id, "categoryId", type, "competencyId", level, text, points,
      "acceptedAnswers", "updatedAt", "externalId") VALUES
    ('q1', 'qc', 'SINGLE', 'c1', 2, 'Pilih yang benar', 2, NULL, $1, 'uji-01'),
    ('q2', 'qc', 'SHORT', 'c1', 3, 'Ibu kota Jambi?', 1, ARRAY['Jambi','Kota Jambi'], $1, 'bank:co:abc')`,
    [T0],
  )
  // Options stored out of their authoring order: position decides.
  await q(`INSERT INTO "QuestionOption" (id, "questionId", position, text, correct) VALUES
    ('o-b', 'q1', 1, 'Benar', true), ('o-a', 'q1', 0, 'Salah', false)`)
  await q(`INSERT INTO "Quiz" (id, "lessonId", "passMark", "gradingMethod", "timeLimitSec") VALUES
    ('z', 'l2', 80, 'LAST', 1200)`)
  await q(
    `INSERT INTO "Enrolment" (id, "userId", "courseId", "courseVersionId", status, "enrolledAt", "completedAt") VALUES
    ('e-ani', 'ani', 'co', 'cv1', 'COMPLETED', $1, $2),
    ('e-budi', 'budi', 'co', 'cv1', 'ACTIVE', $1, NULL)`,
    [at(0), at(60)],
  )
  await q(
    `INSERT INTO "LessonProgress" (id, "enrolmentId", "lessonId", "completedAt", "updatedAt") VALUES
    ('p1', 'e-ani', 'l1', $1, $1), ('p2', 'e-budi', 'l1', NULL, $1)`,
    [at(10)],
  )
  await q(`INSERT INTO "JpCredit" (id, "userId", year, jp, "sourceType", "sourceId", title) VALUES
    ('jp1', 'ani', 2026, 6, 'COURSE', 'e-ani', 'Uji Migrasi')`)
  const layout = JSON.stringify([
    { questionId: 'q2', points: 1 },
    { questionId: 'q1', points: 2, optionOrder: ['o-a', 'o-b'] },
  ])
  await q(
    `INSERT INTO "QuizAttempt" (id, "quizId", "userId", "enrolmentId", number, status, "startedAt",
      "deadlineAt", "submittedAt", "gradedAt", layout, score, "maxScore", percent, passed) VALUES
    ('a-graded', 'z', 'ani', 'e-ani', 1, 'GRADED', $1, $2, $3, $4, $5, 3, 3, 100, true),
    ('a-open', 'z', 'budi', 'e-budi', 1, 'IN_PROGRESS', $1, $2, NULL, NULL, $5, NULL, NULL, NULL, NULL)`,
    [at(20), at(40), at(30), at(31), layout],
  )
  await q(
    `INSERT INTO "AttemptAnswer" ("attemptId", "questionId", response, "savedAt", score, "maxScore") VALUES
    ('a-graded', 'q1', '{"optionIds":["o-b"]}', $1, 2, 2),
    ('a-graded', 'q2', '{"text":"Jambi"}', $2, 1, 1),
    ('a-open', 'q2', '{"text":"Muaro"}', $1, NULL, NULL)`,
    [at(22), at(25)],
  )
  await q(
    `INSERT INTO "Evidence" (id, "attemptId", "userId", "competencyId", "byLevel", score, "maxScore", "takenAt") VALUES
    ('ev1', 'a-graded', 'ani', 'c1', '{"2":{"score":2,"max":2},"3":{"score":1,"max":1}}', 3, 3, $1)`,
    [at(31)],
  )
  await q(
    `INSERT INTO "CompetencyRating" ("userId", "competencyId", level, "ratedAt", provenance) VALUES
    ('ani', 'c1', 3, $1, '{"attempts":["a-graded"]}')`,
    [at(32)],
  )
  await q(
    `INSERT INTO "OutboxMessage" (id, "jobName", payload, "sentAt") VALUES
    ('ob1', 'notify', '{"kind":"WELCOME","userId":"ani","subjectId":"ani"}', $1)`,
    [at(1)],
  )
}

beforeAll(async () => {
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`)
    await c.query(`CREATE DATABASE "${dbName}"`)
  })
  const first = path.join(tmp, 'migrations')
  fs.mkdirSync(first)
  fs.cpSync(path.join(MIGRATIONS, FIRST), path.join(first, FIRST), { recursive: true })
  fs.copyFileSync(
    path.join(MIGRATIONS, 'migration_lock.toml'),
    path.join(first, 'migration_lock.toml'),
  )
  deploy(first)
  db = new pg.Client({ connectionString: url(dbName) })
  await db.connect()
  await fillFirstRelease()
  // Every later migration, by the runner the deploy uses.
  deploy(MIGRATIONS)
}, 240_000)

afterAll(async () => {
  await db?.end()
  await admin((c) => c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`))
  fs.rmSync(tmp, { recursive: true, force: true })
})

describe('migrations over a first-release database', { timeout: 60_000 }, () => {
  it('applied every migration of the tree', async () => {
    const applied = await q<{ migration_name: string }>(
      `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    )
    const all = fs.readdirSync(MIGRATIONS).filter((d) => /^\d{14}_/.test(d))
    expect(applied.map((r) => r.migration_name).sort()).toEqual(all.sort())
  })

  it('keeps people, enrolments, progress, JP, attempts, answers, evidence and ratings', async () => {
    const count = async (table: string) =>
      Number((await q<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`))[0]!.n)
    expect({
      users: await count('User'),
      enrolments: await count('Enrolment'),
      progress: await count('LessonProgress'),
      jp: await count('JpCredit'),
      attempts: await count('QuizAttempt'),
      answers: await count('AttemptAnswer'),
      evidence: await count('Evidence'),
      ratings: await count('CompetencyRating'),
      notifications: await count('Notification'),
    }).toEqual({
      users: 3,
      enrolments: 2,
      progress: 2,
      jp: 1,
      attempts: 2,
      answers: 3,
      evidence: 1,
      ratings: 1,
      notifications: 1,
    })
    const [ani] = await q(
      `SELECT nip, name, "supervisorId", "employeeKind" FROM "User" WHERE id = 'ani'`,
    )
    expect(ani).toEqual({
      nip: '199203152019032001',
      name: 'Ani Uji',
      supervisorId: 'boss',
      employeeKind: 'PNS',
    })
    const [e] = await q(`SELECT status, "completedAt" FROM "Enrolment" WHERE id = 'e-ani'`)
    expect(e).toEqual({ status: 'COMPLETED', completedAt: at(60) })
    const [ev] = await q(`SELECT score, "maxScore", "byLevel" FROM "Evidence" WHERE id = 'ev1'`)
    expect(ev).toEqual({
      score: 3,
      maxScore: 3,
      byLevel: { '2': { score: 2, max: 2 }, '3': { score: 1, max: 1 } },
    })
    const [n] = await q(`SELECT title, body FROM "Notification" WHERE id = 'n1'`)
    expect(n).toEqual({ title: 'Selamat datang', body: 'Selamat datang di Bina' })
  })

  it('backfills what later columns say about existing attempts', async () => {
    const rows = await q(
      `SELECT id, "ratedAt", "passMark", "gradingMethod", "lastSavedAt", "timedOut", percent, passed
       FROM "QuizAttempt" ORDER BY id`,
    )
    expect(rows).toEqual([
      // Graded before `ratedAt` existed: rated then; the settings of the quiz it was graded under.
      {
        id: 'a-graded',
        ratedAt: at(31),
        passMark: 80,
        gradingMethod: 'LAST',
        lastSavedAt: at(25),
        timedOut: false,
        percent: 100,
        passed: true,
      },
      {
        id: 'a-open',
        ratedAt: null,
        passMark: 80,
        gradingMethod: 'LAST',
        lastSavedAt: at(22),
        timedOut: false,
        percent: null,
        passed: null,
      },
    ])
  })

  it('turns each question into its version 1, and attempts point at that version', async () => {
    const versions = await q(
      `SELECT v."questionId", v.version, v.type, v.text, v.points, v."acceptedAnswers", v."optionIds",
              q."currentVersionId" = v.id AS current
       FROM "QuestionVersion" v JOIN "Question" q ON q.id = v."questionId" ORDER BY v."questionId"`,
    )
    expect(versions).toEqual([
      {
        questionId: 'q1',
        version: 1,
        type: 'SINGLE',
        text: 'Pilih yang benar',
        points: 2,
        acceptedAnswers: null,
        optionIds: ['o-a', 'o-b'], // authoring order (position), not insertion order
        current: true,
      },
      {
        questionId: 'q2',
        version: 1,
        type: 'SHORT',
        text: 'Ibu kota Jambi?',
        points: 1,
        acceptedAnswers: ['Jambi', 'Kota Jambi'],
        optionIds: [],
        current: true,
      },
    ])
    const ids = Object.fromEntries(
      (
        await q<{ questionId: string; id: string }>(
          `SELECT "questionId", id FROM "QuestionVersion"`,
        )
      ).map((r) => [r.questionId, r.id]),
    )
    for (const a of await q<{ layout: { questionId: string; versionId: string }[] }>(
      `SELECT layout FROM "QuizAttempt"`,
    )) {
      // Order and drawn options are kept; each entry names its version.
      expect(a.layout).toEqual([
        { questionId: 'q2', points: 1, versionId: ids.q2 },
        { questionId: 'q1', points: 2, optionOrder: ['o-a', 'o-b'], versionId: ids.q1 },
      ])
    }
  })

  it('scopes a pack question key to its course (decision 067), once; other keys stay', async () => {
    const keys = () => q(`SELECT id, "externalId" FROM "Question" ORDER BY id`)
    const scoped = [
      { id: 'q1', externalId: 'pack:co:uji-01' },
      { id: 'q2', externalId: 'bank:co:abc' },
    ]
    expect(await keys()).toEqual(scoped)
    // Run again (a restore, a hand re-run): nothing is scoped twice.
    const sql = fs.readFileSync(
      path.join(MIGRATIONS, '20261202020000_pack_question_keys_per_course', 'migration.sql'),
      'utf8',
    )
    await q(sql)
    expect(await keys()).toEqual(scoped)
    // A question whose category has no course keeps its key (it does not become NULL).
    await q(
      `INSERT INTO "QuestionCategory" (id, name, "courseId") VALUES ('qc0', 'Tanpa kursus', NULL)`,
    )
    await q(
      `INSERT INTO "Question" (id, "categoryId", "updatedAt", "externalId") VALUES
      ('q3', 'qc0', $1, 'lepas-01')`,
      [T0],
    )
    await q(sql)
    expect(await keys()).toEqual([...scoped, { id: 'q3', externalId: 'lepas-01' }])
    await q(`DELETE FROM "Question" WHERE id = 'q3'`)
  })

  it("holds today's constraints on the old rows", async () => {
    // What a learner's record points to is immutable: a version's text cannot be changed...
    await expect(
      q(`UPDATE "QuestionVersion" SET text = 'diubah' WHERE "questionId" = 'q1'`),
    ).rejects.toThrow(/immutable/)
    const [v] = await q(`SELECT text FROM "QuestionVersion" WHERE "questionId" = 'q1'`)
    expect(v).toEqual({ text: 'Pilih yang benar' })
    // ...and a person with a learning record is not deleted along with it.
    await expect(q(`DELETE FROM "User" WHERE id = 'ani'`)).rejects.toThrow(/foreign key/)
    expect(await q(`SELECT id FROM "Evidence" WHERE "userId" = 'ani'`)).toHaveLength(1)
    // Uniqueness still holds on migrated rows (NIP; one attempt number per person and quiz).
    await expect(
      q(`INSERT INTO "User" (id, nip, name, email, "updatedAt") VALUES
        ('dup', '199203152019032001', 'Ganda', 'ganda@uji.go.id', now())`),
    ).rejects.toThrow(/unique/)
    await expect(
      q(`INSERT INTO "QuizAttempt" (id, "quizId", "userId", number, layout, "passMark", "gradingMethod")
         VALUES ('a-dup', 'z', 'ani', 1, '[]', 80, 'LAST')`),
    ).rejects.toThrow(/unique/)
    // The notification's new parameters column is optional; the stored text stays readable.
    const [n] = await q(`SELECT params FROM "Notification" WHERE id = 'n1'`)
    expect(n).toEqual({ params: null })
  })
})
