// Evaluation report of a course: L1 reaction, L2 learning gain, L3 behaviour, with charts drawn on
// the server (SVG) and CSV/XLSX exports. Instructors of the course and admins see everyone;
// supervisors see the learners in their scope. Nobody sees who answered.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { TableWrap } from '~/components/table'
import { BarChart, fmt } from '~/components/evaluation'
import { LIKERT_MAX, LIKERT_VALUES, MIN_REPORT_GROUP } from '~/domain/evaluation'
import { teaches } from '~/models/course-instructor.server'
import { courseReport } from '~/models/evaluation-report.server'
import { slugSchema } from '~/schemas/common'
import { requireUser } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'
import { routeParam, withAppErrors } from '~/utils/route-errors.server'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, {
    key: 'evaluation.reportTitle',
    params: { course: data?.report.course.title ?? '' },
  })

export const loader = withAppErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  const slug = routeParam(params, 'slug', slugSchema)
  const report = await courseReport(user, slug)
  return { report, canConfigure: await teaches(user, report.course.id) }
})

export default function CourseReport() {
  const { report, canConfigure } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const { course, l1, l2, l3 } = report
  return (
    <>
      <p>
        <Link to="/evaluasi">{t('evaluation.hubTitle')}</Link>
      </p>
      <h1>{t('evaluation.reportTitle', { course: course.title })}</h1>
      <p className="muted">
        {t('evaluation.anonNote')} {report.scoped ? t('evaluation.scopedNote') : null}
      </p>
      <p>
        {t('evaluation.export')}:{' '}
        <a href={`/evaluasi/kursus/${course.slug}/ekspor?format=csv`} download>
          {t('evaluation.exportCsv')}
        </a>{' '}
        ·{' '}
        <a href={`/evaluasi/kursus/${course.slug}/ekspor?format=xlsx`} download>
          {t('evaluation.exportXlsx')}
        </a>
        {canConfigure ? (
          <>
            {' '}
            · <Link to={`/evaluasi/kursus/${course.slug}/atur`}>{t('evaluation.settings')}</Link>
          </>
        ) : null}
      </p>

      <section className="card" aria-labelledby="l1" data-testid="report-l1">
        <h2 id="l1">{t('evaluation.l1Heading')}</h2>
        {l1.n === 0 ? (
          <p>{t('evaluation.l1None')}</p>
        ) : l1.hidden ? (
          <p data-testid="l1-hidden">
            {t('evaluation.l1Count', { n: l1.n })}{' '}
            {t('evaluation.tooFew', { min: MIN_REPORT_GROUP })}
          </p>
        ) : (
          <>
            <p>{t('evaluation.l1Summary', { n: l1.n, mean: fmt(l1.mean, 2) })}</p>
            <BarChart
              title={t('evaluation.l1ChartTitle')}
              max={LIKERT_MAX}
              testId="chart-l1"
              rows={l1.items.map((i) => ({
                label: i.text,
                values: [
                  { name: 'mean', value: i.summary.mean ?? 0, text: fmt(i.summary.mean, 2) },
                ],
              }))}
            />
            <h3>{t('evaluation.comments')}</h3>
            {l1.comments.length ? (
              <ul>
                {l1.comments.map((c, i) => (
                  <li key={i} style={{ overflowWrap: 'anywhere' }}>
                    {c}
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t('evaluation.noComments')}</p>
            )}
          </>
        )}
      </section>

      <section className="card" aria-labelledby="l2" data-testid="report-l2">
        <h2 id="l2">{t('evaluation.l2Heading')}</h2>
        <p className="muted">
          {t('evaluation.l2Tests', { pre: l2.preQuiz ?? '–', post: l2.postQuiz ?? '–' })}
        </p>
        {l2.overall.n === 0 ? (
          <p>{t('evaluation.l2None')}</p>
        ) : (
          <>
            <p>
              {t('evaluation.l2Summary', {
                n: l2.overall.n,
                pre: fmt(l2.overall.preMean),
                post: fmt(l2.overall.postMean),
                gain: fmt(l2.overall.gain),
              })}
            </p>
            <BarChart
              title={t('evaluation.l2ChartTitle')}
              max={100}
              testId="chart-l2"
              rows={l2.competencies.map((c) => ({
                label: c.name,
                values: [
                  {
                    name: t('evaluation.pre'),
                    value: c.summary.preMean ?? 0,
                    text: fmt(c.summary.preMean),
                  },
                  {
                    name: t('evaluation.post'),
                    value: c.summary.postMean ?? 0,
                    text: fmt(c.summary.postMean),
                  },
                ],
              }))}
            />
            <TableWrap label={t('evaluation.competency')}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('evaluation.competency')}</th>
                    <th scope="col">{t('evaluation.n')}</th>
                    <th scope="col">{t('evaluation.pre')}</th>
                    <th scope="col">{t('evaluation.post')}</th>
                    <th scope="col">{t('evaluation.gain')}</th>
                  </tr>
                </thead>
                <tbody>
                  {l2.competencies.map((c) => (
                    <tr key={c.id}>
                      <td>{c.name}</td>
                      <td>{c.summary.n}</td>
                      <td>{fmt(c.summary.preMean)}</td>
                      <td>{fmt(c.summary.postMean)}</td>
                      <td>{fmt(c.summary.gain)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          </>
        )}
      </section>

      <section className="card" aria-labelledby="l3" data-testid="report-l3">
        <h2 id="l3">{t('evaluation.l3Heading')}</h2>
        {l3.answered === 0 ? (
          <p>
            {t('evaluation.l3None')}{' '}
            {t('evaluation.l3Summary', { asked: l3.asked, answered: 0, mean: '–' })}
          </p>
        ) : (
          <>
            <p>
              {t('evaluation.l3Summary', {
                asked: l3.asked,
                answered: l3.answered,
                mean: fmt(l3.applied.mean, 2),
              })}
            </p>
            <p>{t('evaluation.l3ChangedSummary', { yes: l3.changedYes, no: l3.changedNo })}</p>
            <BarChart
              title={t('evaluation.l3ChartTitle')}
              max={Math.max(1, ...l3.applied.counts)}
              testId="chart-l3"
              rows={LIKERT_VALUES.map((v) => ({
                label: String(v),
                values: [
                  {
                    name: 'n',
                    value: l3.applied.counts[v - 1] ?? 0,
                    text: String(l3.applied.counts[v - 1] ?? 0),
                  },
                ],
              }))}
            />
            {l3.examples.length ? (
              <>
                <h3>{t('evaluation.examples')}</h3>
                <ul>
                  {l3.examples.map((e, i) => (
                    <li key={i} style={{ overflowWrap: 'anywhere' }}>
                      {e}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </>
        )}
      </section>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
