// Evaluation per OPD (unit subtree): L1, L2 and L3 per course for the people of a unit, with a
// drill-down to the units below. Supervisors: their subtree; admins: any unit.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { TableWrap } from '~/components/table'
import { BarChart, fmt } from '~/components/evaluation'
import { LIKERT_MAX, MIN_REPORT_GROUP } from '~/domain/evaluation'
import { opdReport } from '~/models/evaluation-report.server'
import { idSchema } from '~/schemas/common'
import { requireUser } from '~/utils/auth.server'
import { NotFoundError } from '~/utils/errors'
import { pageTitle } from '~/utils/meta'
import { readSearchParams, withAppErrors } from '~/utils/route-errors.server'

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, { key: 'evaluation.opdReport' })

export const loader = withAppErrors(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  const unit = readSearchParams(request).get('unit')
  if (unit && !idSchema.safeParse(unit).success) throw new NotFoundError('notFound')
  return opdReport(user, unit)
})

export default function OpdReport() {
  const { unit, children, rows } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <>
      <p>
        <Link to="/evaluasi">{t('evaluation.hubTitle')}</Link>
      </p>
      <h1>{t('evaluation.opdTitle', { unit: unit.name })}</h1>
      <p className="muted">{t('evaluation.anonNote')}</p>
      <BarChart
        title={t('evaluation.l1ChartTitle')}
        max={LIKERT_MAX}
        rows={rows
          .filter((r) => r.l1.mean !== null)
          .map((r) => ({
            label: r.course.title,
            values: [{ name: 'L1', value: r.l1.mean ?? 0, text: fmt(r.l1.mean, 2) }],
          }))}
      />
      <TableWrap label={t('evaluation.course')}>
        <table data-testid="opd-table">
          <thead>
            <tr>
              <th scope="col">{t('evaluation.course')}</th>
              <th scope="col">L1 (n)</th>
              <th scope="col">L2 {t('evaluation.gain')} (n)</th>
              <th scope="col">L3 (n)</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.course.id}>
                <td>
                  <Link to={`/evaluasi/kursus/${r.course.slug}`}>{r.course.title}</Link>
                </td>
                <td>
                  {r.l1.hidden ? (
                    <span className="muted" data-testid="l1-hidden">
                      {t('evaluation.tooFew', { min: MIN_REPORT_GROUP })}
                    </span>
                  ) : (
                    fmt(r.l1.mean, 2)
                  )}{' '}
                  ({r.l1.n})
                </td>
                <td>
                  {fmt(r.l2.gain)} ({r.l2.n})
                </td>
                <td>
                  {fmt(r.l3.applied.mean, 2)} ({r.l3.answered}/{r.l3.asked})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {children.length ? (
        <>
          <h2>{t('evaluation.subunits')}</h2>
          <ul>
            {children.map((c) => (
              <li key={c.id}>
                <Link to={`/evaluasi/opd?unit=${c.id}`}>{c.name}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
