// The competency profile: current level per competency (from ratings), the level the jabatan's
// standard (SKJ) requires, the gap, the evidence behind each level, and recommendations.
import {
  Prisma,
  type CompetencyType,
  type EmployeeKind,
  type JabatanKind,
} from '~/generated/prisma/client'
import { sql } from '~/utils/db.server'
import { rateFromEvidence, type LevelResult } from '~/domain/rating'
import { rankRecommendations } from '~/domain/recommendation'
import { countedJp, jpTarget, jpYear } from './jp.server'

// The profile is read in one statement through `sql` (pg directly) instead of eight ORM queries
// (user, target jabatan, standards, ratings, evidence with its course, history, competencies with
// their levels, the JP sum): the ORM's per-query cost was most of the profile and quiz-result
// pages' time (docs/decisions/073-pages-without-the-orm.md). Timestamps are stored as UTC
// `timestamp(3)`; inside JSON they travel as ISO strings with "Z" and become Dates here.
const iso = (column: string) => Prisma.raw(`to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`)
const date = (s: string) => new Date(s)

interface ProfileRow {
  id: string
  name: string
  employee_kind: EmployeeKind
  jabatan_id: string | null
  jabatan: { id: string; name: string } | null
  target: { id: string; name: string } | null
  /** [jabatanId, competencyId, requiredLevel] */
  standards: [string, string, number][]
  /** [competencyId, level, ratedAt] */
  ratings: [string, number, string][]
  evidence: {
    id: string
    competencyId: string
    byLevel: Record<string, LevelResult> | null
    score: number
    maxScore: number
    takenAt: string
    attemptId: string
    number: number
    course: string
  }[]
  /** [competencyId, level, ratedAt], oldest first */
  history: [string, number, string][]
  competencies: {
    id: string
    code: string
    name: string
    type: CompetencyType
    /** [level, name] */
    levels: [number, string][] | null
  }[]
  jp: number
  /** The profile page only (`withPage`): */
  ledger?: { id: string; jp: number; title: string; sourceType: string; createdAt: string }[]
  jabatan_options?: { id: string; name: string; kind: JabatanKind }[]
  /** Published courses developing a competency of the learner's standard, not completed by them. */
  courses?: { slug: string; title: string; jp: number; competencies: CourseCompetencyRow[] }[]
}
type CourseCompetencyRow = { competencyId: string; level: number }

async function readProfile(
  userId: string,
  opts: { targetJabatanId?: string; year: number; withPage: boolean; codes?: string[] },
) {
  // Only some competencies (the quiz result page): their evidence and rows, no history.
  const codes = opts.codes
  const evidenceOf = codes
    ? Prisma.sql`AND e."competencyId" IN (SELECT k.id FROM "Competency" k WHERE k.code = ANY(${codes}::text[]))`
    : Prisma.empty
  const history = codes
    ? Prisma.sql`'[]'::json AS history`
    : Prisma.sql`COALESCE((SELECT json_agg(json_build_array(h."competencyId", h.level, ${iso('h."ratedAt"')}) ORDER BY h."ratedAt")
        FROM "CompetencyRatingHistory" h WHERE h."userId" = u.id), '[]') AS history`
  const competencyOf = codes ? Prisma.sql`AND k.code = ANY(${codes}::text[])` : Prisma.empty
  const page = opts.withPage
    ? Prisma.sql`,
      COALESCE((SELECT json_agg(json_build_object('id', c.id, 'jp', c.jp, 'title', c.title,
          'sourceType', c."sourceType", 'createdAt', ${iso('c."createdAt"')}) ORDER BY c."createdAt")
        FROM "JpCredit" c WHERE c."userId" = u.id AND c.year = ${opts.year}::int), '[]') AS ledger,
      COALESCE((SELECT json_agg(json_build_object('id', j.id, 'name', j.name, 'kind', j.kind) ORDER BY j.name)
        FROM "Jabatan" j), '[]') AS jabatan_options,
      COALESCE((SELECT json_agg(json_build_object('slug', c.slug, 'title', c.title, 'jp', c.jp,
          'competencies', (SELECT json_agg(json_build_object('competencyId', cc."competencyId", 'level', cc.level))
                           FROM "CourseCompetency" cc WHERE cc."courseId" = c.id)) ORDER BY c.title)
        FROM "Course" c
        WHERE c.status = 'PUBLISHED'
          AND EXISTS (SELECT 1 FROM "CourseCompetency" cc JOIN std ON std."competencyId" = cc."competencyId"
                      AND std."jabatanId" = u.jabatan_id WHERE cc."courseId" = c.id)
          AND NOT EXISTS (SELECT 1 FROM "Enrolment" e WHERE e."courseId" = c.id AND e."userId" = u.id
                          AND e.status = 'COMPLETED')), '[]') AS courses`
    : Prisma.empty
  const [r] = await sql<ProfileRow>(
    Prisma.sql`
    WITH u AS (
      SELECT u.id, u.name, u."employeeKind"::text AS employee_kind, u."jabatanId" AS jabatan_id
      FROM "User" u WHERE u.id = ${userId}
    ), tgt AS (
      SELECT j.id, j.name FROM "Jabatan" j, u
      WHERE j.id = ${opts.targetJabatanId ?? null}::text AND j.id IS DISTINCT FROM u.jabatan_id
    ), std AS (
      SELECT s."jabatanId", s."competencyId", s."requiredLevel" FROM "JabatanStandard" s
      WHERE s."jabatanId" IN (SELECT jabatan_id FROM u UNION ALL SELECT id FROM tgt)
    ), rat AS (
      SELECT r."competencyId", r.level, r."ratedAt" FROM "CompetencyRating" r WHERE r."userId" = ${userId}
    )
    SELECT u.id, u.name, u.employee_kind, u.jabatan_id,
      (SELECT json_build_object('id', j.id, 'name', j.name) FROM "Jabatan" j WHERE j.id = u.jabatan_id) AS jabatan,
      (SELECT json_build_object('id', tgt.id, 'name', tgt.name) FROM tgt) AS target,
      COALESCE((SELECT json_agg(json_build_array(std."jabatanId", std."competencyId", std."requiredLevel"))
        FROM std), '[]') AS standards,
      COALESCE((SELECT json_agg(json_build_array(rat."competencyId", rat.level, ${iso('rat."ratedAt"')}))
        FROM rat), '[]') AS ratings,
      COALESCE((SELECT json_agg(json_build_object('id', e.id, 'competencyId', e."competencyId",
          'byLevel', e."byLevel", 'score', e.score, 'maxScore', e."maxScore", 'takenAt', ${iso('e."takenAt"')},
          'attemptId', a.id, 'number', a.number, 'course', c.title) ORDER BY e."takenAt" DESC)
        FROM "Evidence" e
        JOIN "QuizAttempt" a ON a.id = e."attemptId"
        JOIN "Quiz" q ON q.id = a."quizId"
        JOIN "Lesson" l ON l.id = q."lessonId"
        JOIN "Module" m ON m.id = l."moduleId"
        JOIN "Course" c ON c.id = m."courseId"
        WHERE e."userId" = u.id ${evidenceOf}), '[]') AS evidence,
      ${history},
      COALESCE((SELECT json_agg(json_build_object('id', k.id, 'code', k.code, 'name', k.name, 'type', k.type,
          'levels', (SELECT json_agg(json_build_array(cl.level, cl.name)) FROM "CompetencyLevel" cl
                     WHERE cl."competencyId" = k.id)) ORDER BY k.code)
        FROM "Competency" k
        WHERE k.id IN (SELECT "competencyId" FROM std UNION SELECT "competencyId" FROM rat) ${competencyOf}), '[]') AS competencies,
      (SELECT COALESCE(sum(c.jp), 0)::int FROM "JpCredit" c WHERE c."userId" = u.id AND c.year = ${opts.year}::int) AS jp
      ${page}
    FROM u`,
    { prepare: true },
  )
  if (!r) throw new Error(`No user ${userId}`)
  return r
}

function buildProfile(r: ProfileRow, year: number, now: Date) {
  const user = {
    id: r.id,
    name: r.name,
    employeeKind: r.employee_kind,
    jabatanId: r.jabatan_id,
    jabatan: r.jabatan,
  }
  const target = r.target
  const ratingAt = new Map(r.ratings.map(([competencyId, , ratedAt]) => [competencyId, ratedAt]))
  const rows = r.competencies.map((c) => {
    const required = r.standards.find(([j, k]) => j === user.jabatanId && k === c.id)?.[2] ?? null
    const targetRequired = target
      ? (r.standards.find(([j, k]) => j === target.id && k === c.id)?.[2] ?? null)
      : null
    // The level is recomputed here from the evidence with the same rule the rating job uses
    // (app/domain/rating.ts), so the profile explains exactly the level it shows.
    const own = r.evidence.filter((e) => e.competencyId === c.id)
    const rating = rateFromEvidence(
      own.map((e) => ({
        id: e.id,
        attemptId: e.attemptId,
        takenAt: date(e.takenAt),
        byLevel: e.byLevel ?? {},
      })),
      now,
    )
    const statusBy = new Map(rating.evidence.map((e) => [e.attemptId, e]))
    const current = rating.level
    const ratedAt = ratingAt.get(c.id)
    return {
      id: c.id,
      code: c.code,
      name: c.name,
      type: c.type,
      current,
      /** The level's name from the competency dictionary (null at level 0). */
      currentName: c.levels?.find(([level]) => level === current)?.[1] ?? null,
      /** False only when no evidence counts ("not yet measured"). */
      measured: rating.measured,
      /** Per level: the best result, where it came from, and whether it reaches the threshold. */
      levels: rating.levels.map((l) => ({
        level: l.level,
        percent: Math.round(l.best * 100),
        attemptId: l.attemptId,
        takenAt: l.takenAt,
        reached: l.reached,
      })),
      ratedAt: ratedAt ? date(ratedAt) : null,
      required,
      gap: required != null ? Math.max(0, required - current) : null,
      targetRequired,
      targetGap: targetRequired != null ? Math.max(0, targetRequired - current) : null,
      evidence: own.map((e) => ({
        attemptId: e.attemptId,
        course: e.course,
        number: e.number,
        percent: e.maxScore ? Math.round((e.score / e.maxScore) * 100) : 0,
        takenAt: date(e.takenAt),
        status: statusBy.get(e.attemptId)?.status ?? 'counted',
        validUntil: statusBy.get(e.attemptId)?.validUntil ?? null,
      })),
      history: r.history
        .filter(([competencyId]) => competencyId === c.id)
        .map(([, level, ratedAt]) => ({ level, ratedAt: date(ratedAt) })),
    }
  })
  const jp = countedJp(user.employeeKind, r.jp)
  return { user, target, rows, year, jp, jpTarget: jpTarget(user.employeeKind) }
}

export type CompetencyProfile = ReturnType<typeof buildProfile>

/**
 * The learner's profile. `codes`: only those competencies (their rows, evidence and levels are
 * the same as in the whole profile; no history), for a page that shows a few of them. `now`: the
 * request's arrival (evidence validity and the JP year are judged at it).
 */
export async function competencyProfile(
  userId: string,
  opts: { targetJabatanId?: string; codes?: string[]; now?: Date } = {},
): Promise<CompetencyProfile> {
  const now = opts.now ?? new Date()
  const year = jpYear(now)
  return buildProfile(await readProfile(userId, { ...opts, year, withPage: false }), year, now)
}

/**
 * Everything the /profile page shows, in the one statement: the profile, the recommendations,
 * this year's JP ledger and the jabatan to compare with.
 */
export async function profilePage(
  userId: string,
  opts: { targetJabatanId?: string; now?: Date } = {},
) {
  const now = opts.now ?? new Date()
  const year = jpYear(now)
  const r = await readProfile(userId, { ...opts, year, withPage: true })
  const profile = buildProfile(r, year, now)
  return {
    profile,
    recs: rankFor(profile, r.courses ?? []),
    ledger: (r.ledger ?? []).map((l) => ({ ...l, createdAt: date(l.createdAt) })),
    jabatan: r.jabatan_options ?? [],
  }
}

function rankFor(
  p: CompetencyProfile,
  courses: {
    slug: string
    title: string
    jp: number
    competencies: CourseCompetencyRow[] | null
  }[],
) {
  const gaps = p.rows.filter((r) => (r.gap ?? 0) > 0)
  if (gaps.length === 0) return []
  return rankRecommendations({
    gaps: gaps.map((r) => ({
      competencyId: r.id,
      name: r.name,
      current: r.current,
      gap: r.gap ?? 0,
    })),
    courses: courses.map((c) => ({ ...c, competencies: c.competencies ?? [] })),
    jpTarget: p.jpTarget,
    jp: p.jp,
  })
}

/** Published courses that develop competencies with a gap, most useful first, with the reason. */
export async function recommendations(userId: string, profile?: CompetencyProfile) {
  const p = profile ?? (await competencyProfile(userId))
  const gaps = p.rows.filter((r) => (r.gap ?? 0) > 0).map((r) => r.id)
  if (gaps.length === 0) return []
  const courses = await sql<{
    slug: string
    title: string
    jp: number
    competencies: CourseCompetencyRow[] | null
  }>(Prisma.sql`
    SELECT c.slug, c.title, c.jp,
      (SELECT json_agg(json_build_object('competencyId', cc."competencyId", 'level', cc.level))
       FROM "CourseCompetency" cc WHERE cc."courseId" = c.id) AS competencies
    FROM "Course" c
    WHERE c.status = 'PUBLISHED'
      AND EXISTS (SELECT 1 FROM "CourseCompetency" cc WHERE cc."courseId" = c.id
                  AND cc."competencyId" = ANY(${gaps}::text[]))
      AND NOT EXISTS (SELECT 1 FROM "Enrolment" e WHERE e."courseId" = c.id AND e."userId" = ${userId}
                      AND e.status = 'COMPLETED')
    ORDER BY c.title`)
  return rankFor(p, courses)
}
