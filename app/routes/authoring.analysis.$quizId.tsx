import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { TableWrap } from '~/components/table'
import { DISCRIMINATION_FLOOR, MIN_ATTEMPTS } from '~/domain/item-analysis'
import { questionEditUrl, quizAnalysis, quizCourse } from '~/models/item-analysis.server'
import { requireTeaching } from '~/models/studio.server'
import { requireRole } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'
import { withAppErrors } from '~/utils/route-errors.server'

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, {
    key: 'bank.analysisTitle',
    params: { title: data?.analysis.quiz.title ?? '' },
  })

export const loader = withAppErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireRole(request, 'INSTRUCTOR', 'ADMIN')
  const quiz = await quizCourse(params.quizId!)
  await requireTeaching(user, quiz.courseId)
  const analysis = await quizAnalysis(quiz.id)
  return {
    analysis: {
      ...analysis,
      items: analysis.items.map((i) => ({
        ...i,
        editUrl: questionEditUrl(quiz.courseId, i.questionId),
      })),
    },
  }
})

/** The score distribution as an SVG bar chart, rendered on the server (no script needed). */
function DistributionChart({
  bands,
  label,
}: {
  bands: { from: number; to: number; count: number }[]
  label: string
}) {
  const width = 320
  const height = 160
  const pad = { left: 28, bottom: 24, top: 12 }
  const max = Math.max(1, ...bands.map((b) => b.count))
  const barW = (width - pad.left) / bands.length
  const plotH = height - pad.bottom - pad.top
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
      style={{ width: '100%', maxWidth: '40rem', height: 'auto' }}
      data-testid="distribution-chart"
    >
      <line x1={pad.left} y1={pad.top + plotH} x2={width} y2={pad.top + plotH} stroke="#4a5568" />
      <text x={pad.left - 4} y={pad.top + 8} fontSize="9" textAnchor="end" fill="#1a202c">
        {max}
      </text>
      <text x={pad.left - 4} y={pad.top + plotH} fontSize="9" textAnchor="end" fill="#1a202c">
        0
      </text>
      {bands.map((b, i) => {
        const h = (b.count / max) * plotH
        const x = pad.left + i * barW + 2
        return (
          <g key={b.from}>
            <rect x={x} y={pad.top + plotH - h} width={barW - 4} height={h} fill="#1f5f8b">
              <title>{`${b.from}–${b.to}: ${b.count}`}</title>
            </rect>
            {b.count ? (
              <text
                x={x + (barW - 4) / 2}
                y={pad.top + plotH - h - 2}
                fontSize="9"
                textAnchor="middle"
                fill="#1a202c"
              >
                {b.count}
              </text>
            ) : null}
            <text
              x={x + (barW - 4) / 2}
              y={height - 10}
              fontSize="8"
              textAnchor="middle"
              fill="#1a202c"
            >
              {b.from}
            </text>
          </g>
        )
      })}
    </svg>
  )
}

const pct = (x: number) => `${Math.round(x * 100)}%`

export default function ItemAnalysis() {
  const { analysis: a } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const flagged = a.items.filter((i) => i.flagged)
  return (
    <>
      <p>
        <Link to={`/authoring/bank/${a.quiz.courseId}`}>
          ← {t('bank.courseTitle', { title: a.quiz.courseTitle })}
        </Link>
      </p>
      <h1>{t('bank.analysisTitle', { title: a.quiz.title })}</h1>
      <p>
        <Link to={`/authoring/quizzes/${a.quiz.id}`}>{t('bank.quizSettings')}</Link>
      </p>
      <dl className="stats" data-testid="attempt-stats">
        <dt>{t('bank.attemptsGraded')}</dt>
        <dd>{a.attempts.graded}</dd>
        <dt>{t('bank.learners')}</dt>
        <dd>{a.attempts.learners}</dd>
        <dt>{t('bank.attemptsWaiting')}</dt>
        <dd>{a.attempts.waiting}</dd>
        <dt>{t('bank.attemptsInProgress')}</dt>
        <dd>{a.attempts.inProgress}</dd>
        <dt>{t('bank.meanPercent')}</dt>
        <dd>{a.meanPercent ?? '—'}</dd>
      </dl>

      <h2>{t('bank.distribution')}</h2>
      <DistributionChart
        bands={a.distribution}
        label={t('bank.distributionLabel', { count: a.attempts.graded })}
      />
      <TableWrap label={t('bank.distribution')}>
        <table>
          <caption className="sr-only">{t('bank.distribution')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('bank.band')}</th>
              <th scope="col">{t('bank.attemptsCol')}</th>
            </tr>
          </thead>
          <tbody>
            {a.distribution.map((b) => (
              <tr key={b.from}>
                <td>
                  {b.from}–{b.to}
                  {b.to === 100 ? '' : '⁻'}
                </td>
                <td>{b.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>

      <h2>{t('bank.items')}</h2>
      <p className="muted">
        {t('bank.itemsIntro', { min: MIN_ATTEMPTS, floor: DISCRIMINATION_FLOOR })}
      </p>
      {flagged.length ? (
        <p className="alert alert-error" role="status" data-testid="flagged-summary">
          {t('bank.flaggedSummary', { count: flagged.length })}
        </p>
      ) : null}
      {a.items.length === 0 ? (
        <p className="card">{t('bank.noAttempts')}</p>
      ) : (
        <TableWrap label={t('bank.items')}>
          <table>
            <caption className="sr-only">{t('bank.items')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('bank.question')}</th>
                <th scope="col">{t('bank.attemptsCol')}</th>
                <th scope="col">{t('bank.facility')}</th>
                <th scope="col">{t('bank.discrimination')}</th>
                <th scope="col">{t('bank.verdict')}</th>
              </tr>
            </thead>
            <tbody>
              {a.items.map((i) => (
                <tr key={i.questionId} data-testid={i.flagged ? 'item-flagged' : 'item'}>
                  <td>
                    <Link to={i.editUrl}>
                      {i.text.length > 90 ? `${i.text.slice(0, 89)}…` : i.text}
                    </Link>
                  </td>
                  <td>{i.attempts}</td>
                  <td>{pct(i.facility)}</td>
                  <td>
                    {i.discrimination === null ? t('bank.tooFew') : i.discrimination.toFixed(2)}
                  </td>
                  <td>
                    {i.flags.length
                      ? i.flags.map((f) => t(`bank.flags.${f}`)).join('; ')
                      : t('bank.flags.ok')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
