// The competency profile: current level per competency (from ratings), the level the jabatan's
// standard (SKJ) requires, the gap, the evidence behind each level, and recommendations.
import { prisma } from '~/utils/db.server'
import { rateFromEvidence, type LevelResult } from '~/domain/rating'
import { rankRecommendations } from '~/domain/recommendation'
import { countedJp, jpForYear, jpTarget, jpYear } from './jp.server'

export async function competencyProfile(userId: string, opts: { targetJabatanId?: string } = {}) {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      employeeKind: true,
      jabatanId: true,
      jabatan: { select: { id: true, name: true } },
    },
  })
  const target =
    opts.targetJabatanId && opts.targetJabatanId !== user.jabatanId
      ? await prisma.jabatan.findUnique({
          where: { id: opts.targetJabatanId },
          select: { id: true, name: true },
        })
      : null
  const jabatanIds = [user.jabatanId, target?.id].filter((x): x is string => Boolean(x))
  const [standards, ratings, evidence, history] = await Promise.all([
    prisma.jabatanStandard.findMany({
      where: { jabatanId: { in: jabatanIds } },
      select: { jabatanId: true, competencyId: true, requiredLevel: true },
    }),
    prisma.competencyRating.findMany({
      where: { userId },
      select: { competencyId: true, level: true, ratedAt: true },
    }),
    prisma.evidence.findMany({
      where: { userId },
      orderBy: { takenAt: 'desc' },
      select: {
        id: true,
        competencyId: true,
        byLevel: true,
        score: true,
        maxScore: true,
        takenAt: true,
        attempt: {
          select: {
            id: true,
            number: true,
            quiz: {
              select: {
                lesson: { select: { module: { select: { course: { select: { title: true } } } } } },
              },
            },
          },
        },
      },
    }),
    prisma.competencyRatingHistory.findMany({
      where: { userId },
      orderBy: { ratedAt: 'asc' },
      select: { competencyId: true, level: true, ratedAt: true },
    }),
  ])
  const competencyIds = new Set([
    ...standards.map((s) => s.competencyId),
    ...ratings.map((r) => r.competencyId),
  ])
  const competencies = await prisma.competency.findMany({
    where: { id: { in: [...competencyIds] } },
    select: {
      id: true,
      code: true,
      name: true,
      type: true,
      levels: { select: { level: true, name: true, description: true } },
    },
    orderBy: { code: 'asc' },
  })
  const ratingBy = new Map(ratings.map((r) => [r.competencyId, r]))
  const now = new Date()
  const rows = competencies.map((c) => {
    const required =
      standards.find((s) => s.jabatanId === user.jabatanId && s.competencyId === c.id)
        ?.requiredLevel ?? null
    const targetRequired = target
      ? (standards.find((s) => s.jabatanId === target.id && s.competencyId === c.id)
          ?.requiredLevel ?? null)
      : null
    // The level is recomputed here from the evidence with the same rule the rating job uses
    // (app/domain/rating.ts), so the profile explains exactly the level it shows.
    const own = evidence.filter((e) => e.competencyId === c.id)
    const rating = rateFromEvidence(
      own.map((e) => ({
        id: e.id,
        attemptId: e.attempt.id,
        takenAt: e.takenAt,
        byLevel: (e.byLevel ?? {}) as unknown as Record<string, LevelResult>,
      })),
      now,
    )
    const statusBy = new Map(rating.evidence.map((e) => [e.attemptId, e]))
    const current = rating.level
    return {
      id: c.id,
      code: c.code,
      name: c.name,
      type: c.type,
      current,
      /** The level's name from the competency dictionary (null at level 0). */
      currentName: c.levels.find((l) => l.level === current)?.name ?? null,
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
      ratedAt: ratingBy.get(c.id)?.ratedAt ?? null,
      required,
      gap: required != null ? Math.max(0, required - current) : null,
      targetRequired,
      targetGap: targetRequired != null ? Math.max(0, targetRequired - current) : null,
      evidence: own.map((e) => ({
        attemptId: e.attempt.id,
        course: e.attempt.quiz.lesson.module.course.title,
        number: e.attempt.number,
        percent: e.maxScore ? Math.round((e.score / e.maxScore) * 100) : 0,
        takenAt: e.takenAt,
        status: statusBy.get(e.attempt.id)?.status ?? 'counted',
        validUntil: statusBy.get(e.attempt.id)?.validUntil ?? null,
      })),
      history: history
        .filter((h) => h.competencyId === c.id)
        .map((h) => ({ level: h.level, ratedAt: h.ratedAt })),
    }
  })
  const year = jpYear(new Date())
  const jp = countedJp(user.employeeKind, await jpForYear(userId, year))
  return { user, target, rows, year, jp, jpTarget: jpTarget(user.employeeKind) }
}

/** Published courses that develop competencies with a gap, most useful first, with the reason. */
export async function recommendations(
  userId: string,
  profile?: Awaited<ReturnType<typeof competencyProfile>>,
) {
  const p = profile ?? (await competencyProfile(userId))
  const gaps = new Map(p.rows.filter((r) => (r.gap ?? 0) > 0).map((r) => [r.id, r]))
  if (gaps.size === 0) return []
  const courses = await prisma.course.findMany({
    where: {
      status: 'PUBLISHED',
      competencies: { some: { competencyId: { in: [...gaps.keys()] } } },
      NOT: { enrolments: { some: { userId, status: 'COMPLETED' } } },
    },
    select: {
      slug: true,
      title: true,
      jp: true,
      competencies: { select: { competencyId: true, level: true } },
    },
  })
  return rankRecommendations({
    gaps: [...gaps.values()].map((r) => ({
      competencyId: r.id,
      name: r.name,
      current: r.current,
      gap: r.gap ?? 0,
    })),
    courses,
    jpTarget: p.jpTarget,
    jp: p.jp,
  })
}
