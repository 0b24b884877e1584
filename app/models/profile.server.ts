// The competency profile: current level per competency (from ratings), the level the jabatan's
// standard (SKJ) requires, the gap, the evidence behind each level, and recommendations.
import { prisma } from '~/utils/db.server'
import { jakartaYear } from './course.server'
import { jpForYear, jpTarget } from './jp.server'

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
        competencyId: true,
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
  const rows = competencies.map((c) => {
    const required =
      standards.find((s) => s.jabatanId === user.jabatanId && s.competencyId === c.id)
        ?.requiredLevel ?? null
    const targetRequired = target
      ? (standards.find((s) => s.jabatanId === target.id && s.competencyId === c.id)
          ?.requiredLevel ?? null)
      : null
    const current = ratingBy.get(c.id)?.level ?? 0
    return {
      id: c.id,
      code: c.code,
      name: c.name,
      type: c.type,
      current,
      currentName: c.levels.find((l) => l.level === current)?.name ?? 'Belum terukur',
      measured: ratingBy.has(c.id),
      ratedAt: ratingBy.get(c.id)?.ratedAt ?? null,
      required,
      gap: required != null ? Math.max(0, required - current) : null,
      targetRequired,
      targetGap: targetRequired != null ? Math.max(0, targetRequired - current) : null,
      evidence: evidence
        .filter((e) => e.competencyId === c.id)
        .map((e) => ({
          attemptId: e.attempt.id,
          course: e.attempt.quiz.lesson.module.course.title,
          number: e.attempt.number,
          percent: e.maxScore ? Math.round((e.score / e.maxScore) * 100) : 0,
          takenAt: e.takenAt,
        })),
      history: history
        .filter((h) => h.competencyId === c.id)
        .map((h) => ({ level: h.level, ratedAt: h.ratedAt })),
    }
  })
  const year = jakartaYear(new Date())
  const jp = await jpForYear(userId, year)
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
  const jpLeft = Math.max(0, p.jpTarget - p.jp)
  return courses
    .map((c) => {
      const closes = c.competencies.filter(
        (cc) => gaps.has(cc.competencyId) && cc.level > gaps.get(cc.competencyId)!.current,
      )
      const top = closes
        .map((cc) => gaps.get(cc.competencyId)!)
        .sort((a, b) => (b.gap ?? 0) - (a.gap ?? 0))[0]
      const totalGap = closes.reduce((s, cc) => s + (gaps.get(cc.competencyId)!.gap ?? 0), 0)
      const jpPart =
        jpLeft > 0
          ? `${jpLeft} JP lagi menuju ${p.jpTarget} JP tahun ini`
          : `target ${p.jpTarget} JP tahun ini sudah tercapai`
      return {
        slug: c.slug,
        title: c.title,
        jp: c.jp,
        totalGap,
        reason: top ? `Kesenjangan ${top.gap} level pada ${top.name}; ${jpPart}.` : '',
        /** The reason as parameters, for the UI to phrase in the reader's language. */
        why: top ? { gap: top.gap ?? 0, name: top.name, jpLeft, jpTarget: p.jpTarget } : null,
      }
    })
    .filter((c) => c.totalGap > 0)
    .sort((a, b) => b.totalGap - a.totalGap || Math.abs(a.jp - jpLeft) - Math.abs(b.jp - jpLeft))
}
