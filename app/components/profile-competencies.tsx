// The competency tables of the profile page: per competency type, the current level with the
// evidence per level, the standard of the jabatan (and of a target jabatan), the gap, the history
// chart and the latest results. Nothing in it is interactive, so the page renders it in its
// loader as a fragment (app/utils/html-fragment.server.tsx, decision 125): links are anchors
// (`data-nav`: followed client-side once JavaScript runs) and the rows do not travel a second time
// in the route data.
import { useTranslation } from 'react-i18next'
import { EVIDENCE_VALID_DAYS, THRESHOLD } from '~/domain/rating'
import type { profilePage } from '~/models/profile.server'
import { formatDate } from '~/utils/misc'
import { TableWrap } from './table'

type Profile = Awaited<ReturnType<typeof profilePage>>['profile']
export type CompetencyRow = Profile['rows'][number]

function LevelBar({ current, required }: { current: number; required: number | null }) {
  return (
    <span className="level-bar" aria-hidden="true">
      {[1, 2, 3, 4, 5].map((l) => (
        <span key={l} className={`${l <= current ? 'on' : ''} ${required === l ? 'req' : ''}`} />
      ))}
    </span>
  )
}

/** Level over time as a small step chart (SVG, no client JavaScript). */
function HistoryChart({
  points,
  label,
  now,
}: {
  points: { level: number; ratedAt: Date | string }[]
  label: string
  now: number
}) {
  const { t } = useTranslation()
  if (points.length === 0) return <span className="muted">{t('ui.profile.noHistory')}</span>
  const w = 160
  const h = 40
  const t0 = new Date(points[0]!.ratedAt).getTime()
  const t1 = Math.max(t0 + 1, now)
  const x = (t: Date | string) => ((new Date(t).getTime() - t0) / (t1 - t0)) * (w - 8) + 4
  const y = (l: number) => h - 4 - (l / 5) * (h - 8)
  let d = `M ${x(points[0]!.ratedAt)} ${y(points[0]!.level)}`
  for (const p of points.slice(1)) d += ` H ${x(p.ratedAt)} V ${y(p.level)}`
  d += ` H ${w - 4}`
  return (
    <svg width={w} height={h} role="img" aria-label={label}>
      <title>{label}</title>
      <line x1="4" x2={w - 4} y1={y(0)} y2={y(0)} stroke="#d5dbe3" />
      <path d={d} fill="none" stroke="#0b5d3b" strokeWidth="2" />
    </svg>
  )
}

export function ProfileCompetencies({
  rows,
  target,
  now,
}: {
  rows: CompetencyRow[]
  target: Profile['target']
  /** The request's arrival: the charts run to it. */
  now: number
}) {
  const { t, i18n } = useTranslation()
  const groups = (['TEKNIS', 'MANAJERIAL', 'SOSIAL_KULTURAL'] as const)
    .map((t) => ({ type: t, rows: rows.filter((r) => r.type === t) }))
    .filter((g) => g.rows.length)
  return (
    <>
      {groups.map((g) => (
        <section key={g.type} aria-labelledby={`h-${g.type}`}>
          <h2 id={`h-${g.type}`}>
            {t('ui.profile.groupHeading', { type: t(`ui.profile.type.${g.type}`) })}
          </h2>
          <TableWrap label={t('ui.profile.groupHeading', { type: t(`ui.profile.type.${g.type}`) })}>
            <table data-testid={`profile-${g.type}`}>
              <thead>
                <tr>
                  <th scope="col">{t('ui.profile.competency')}</th>
                  <th scope="col">{t('ui.profile.current')}</th>
                  <th scope="col">{t('ui.profile.required')}</th>
                  <th scope="col">{t('ui.profile.gap')}</th>
                  {target ? (
                    <th scope="col">{t('ui.profile.targetStandard', { name: target.name })}</th>
                  ) : null}
                  <th scope="col">{t('ui.profile.history')}</th>
                  <th scope="col">{t('ui.profile.evidence')}</th>
                </tr>
              </thead>
              <tbody>
                {g.rows.map((r) => (
                  <tr key={r.id} data-testid={`row-${r.code}`}>
                    <th scope="row">
                      {r.code} {r.name}
                    </th>
                    <td>
                      <LevelBar current={r.current} required={r.required} />{' '}
                      {!r.measured
                        ? t('domain.rating.notMeasured')
                        : r.current === 0
                          ? t('domain.rating.belowLevel1')
                          : `${r.current} (${r.currentName ?? ''})`}
                      {r.levels.length ? (
                        <ul className="level-evidence" data-testid={`levels-${r.code}`}>
                          {r.levels.map((l) => (
                            <li key={l.level}>
                              {t('domain.rating.levelLine', {
                                level: l.level,
                                percent: l.percent,
                                date: formatDate(l.takenAt, i18n.language),
                              })}{' '}
                              —{' '}
                              {l.reached
                                ? t('domain.rating.reached')
                                : t('domain.rating.notReached', {
                                    threshold: Math.round(THRESHOLD * 100),
                                  })}
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </td>
                    <td>{r.required ?? '—'}</td>
                    <td data-testid={`gap-${r.code}`}>
                      {r.gap == null
                        ? '—'
                        : r.gap === 0
                          ? t('ui.profile.reached')
                          : t('ui.profile.gapLevels', { gap: r.gap })}
                    </td>
                    {target ? (
                      <td>
                        {r.targetRequired == null
                          ? '—'
                          : t('ui.profile.targetGap', {
                              required: r.targetRequired,
                              gap: r.targetGap ?? 0,
                            })}
                      </td>
                    ) : null}
                    <td>
                      <HistoryChart
                        points={r.history}
                        label={t('ui.profile.historyLabel', { name: r.name })}
                        now={now}
                      />
                    </td>
                    <td>
                      {r.evidence.length ? (
                        <ul style={{ margin: 0, paddingLeft: '1rem' }}>
                          {r.evidence.map((e) => (
                            <li key={e.attemptId}>
                              <a href={`/quiz/${e.attemptId}`} data-nav="">
                                {e.course} #{e.number}
                              </a>{' '}
                              {e.percent}% ({formatDate(e.takenAt, i18n.language)})
                              {e.status === 'blank' ? ` — ${t('domain.rating.blank')}` : null}
                              {e.status === 'expired'
                                ? ` — ${t('domain.rating.expired', {
                                    years: Math.round(EVIDENCE_VALID_DAYS / 365),
                                  })}`
                                : null}
                            </li>
                          ))}
                        </ul>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      ))}
    </>
  )
}
