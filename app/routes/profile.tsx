import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { getSelectProps } from '@conform-to/react'
import { useLoaderData } from '@remix-run/react'
import { Link } from '~/components/link'
import { useTranslation } from 'react-i18next'
import { EVIDENCE_VALID_DAYS, THRESHOLD } from '~/domain/rating'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, SearchForm } from '~/components/forms'
import { TableWrap } from '~/components/table'
import { profilePage } from '~/models/profile.server'
import { requireUser } from '~/utils/auth.server'
import { profileTargetSchema } from '~/schemas/team'
import { pageTitle } from '~/utils/meta'
import { formatDate, receivedAt } from '~/utils/misc'
import { withAppErrors } from '~/utils/route-errors.server'
import { readSearch } from '~/utils/search-params.server'
import { MyCertificatesLink } from '~/components/certificate-link'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: 'ui.profile.title' })

export const loader = withAppErrors(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  const {
    value: { target },
    result: targetResult,
  } = readSearch(request, profileTargetSchema)
  // One statement for the whole page (decision 073).
  const page = await profilePage(user.id, { targetJabatanId: target })
  const { recs, ledger } = page
  // The page lists the three latest results per competency and names the jabatan: only that
  // travels in its data.
  const profile = {
    ...page.profile,
    rows: page.profile.rows.map((r) => ({ ...r, evidence: r.evidence.slice(0, 3) })),
  }
  const jabatan = page.jabatan.map((j) => ({ id: j.id, name: j.name }))
  return {
    profile,
    recs,
    ledger,
    jabatan,
    ratingThreshold: Math.round(THRESHOLD * 100),
    targetResult,
    // The charts run to the request's arrival: the same path on the server and in the browser.
    now: receivedAt(request),
  }
})

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

export default function ProfilePage() {
  const { profile, recs, ledger, jabatan, targetResult, now } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation()
  const { rows, user, target, year, jp, jpTarget } = profile
  const groups = (['TEKNIS', 'MANAJERIAL', 'SOSIAL_KULTURAL'] as const)
    .map((t) => ({ type: t, rows: rows.filter((r) => r.type === t) }))
    .filter((g) => g.rows.length)
  return (
    <>
      <h1>{t('ui.profile.title')}</h1>
      <p>
        {user.name} — {user.jabatan?.name ?? t('ui.profile.noJabatan')}
      </p>
      <MyCertificatesLink />
      <section className="card" aria-labelledby="jp-heading">
        <h2 id="jp-heading">{t('ui.profile.jpHeading', { year })}</h2>
        <p data-testid="profile-jp">
          <strong>{jp} JP</strong>{' '}
          {user.employeeKind === 'PPPK'
            ? t('ui.profile.jpPppk', { target: jpTarget })
            : t('ui.profile.jpPns', { target: jpTarget })}
        </p>
        <div
          className="progress"
          role="progressbar"
          aria-label={t('ui.profile.jpThisYear')}
          aria-valuenow={jp}
          aria-valuemin={0}
          aria-valuemax={jpTarget}
        >
          <span style={{ width: `${Math.min(100, (jp / jpTarget) * 100)}%` }} />
        </div>
        {ledger.length ? (
          <TableWrap label={t('ui.profile.ledger')}>
            <table style={{ marginTop: '.75rem' }}>
              <caption className="sr-only">{t('ui.profile.ledger')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('ui.profile.activity')}</th>
                  <th scope="col">{t('ui.profile.date')}</th>
                  <th scope="col">JP</th>
                </tr>
              </thead>
              <tbody>
                {ledger.map((l) => (
                  <tr key={l.id}>
                    <td>{l.title}</td>
                    <td>{formatDate(l.createdAt, i18n.language)}</td>
                    <td>{l.jp}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <p className="muted">{t('ui.profile.noJp')}</p>
        )}
      </section>

      <section className="card" aria-labelledby="rec-heading">
        <h2 id="rec-heading">{t('ui.profile.recHeading')}</h2>
        {recs.length ? (
          <ol data-testid="recommendations">
            {recs.map((r) => (
              <li key={r.slug}>
                <Link to={`/courses/${r.slug}`}>{r.title}</Link> ({r.jp} JP) —{' '}
                {t('domain.recommendation.GAP', r.reason)};{' '}
                {t(`domain.recommendation.${r.reason.jp.code}`, r.reason.jp)}.
              </li>
            ))}
          </ol>
        ) : (
          <p>{t('ui.profile.noRecs')}</p>
        )}
      </section>

      <SearchForm
        id="profile-target"
        schema={profileTargetSchema}
        result={targetResult}
        defaultValue={{ target: target?.id ?? '' }}
        className="card inline-form"
        aria-label={t('ui.profile.compare')}
      >
        {(fields) => (
          <>
            <Field
              label={t('ui.profile.target')}
              selectProps={{ ...getSelectProps(fields.target), id: 'target' }}
              errors={fields.target.errors}
            >
              <option value="">{t('ui.common.none')}</option>
              {jabatan.map((j) => (
                <option key={j.id} value={j.id}>
                  {j.name}
                </option>
              ))}
            </Field>
            <button type="submit">{t('ui.common.show')}</button>
          </>
        )}
      </SearchForm>

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
                              <Link to={`/quiz/${e.attemptId}`}>
                                {e.course} #{e.number}
                              </Link>{' '}
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
      <p className="muted">
        {t('domain.rating.rule', {
          threshold: Math.round(THRESHOLD * 100),
          years: Math.round(EVIDENCE_VALID_DAYS / 365),
        })}
      </p>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
