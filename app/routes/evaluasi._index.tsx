// Evaluation hub: course reports the viewer may open, the OPD report, the L3 inbox, revisions.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { reportableCourses } from '~/models/evaluation-report.server'
import { requireUser } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'
import { withAppErrors } from '~/utils/route-errors.server'

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, { key: 'evaluation.hubTitle' })

export const loader = withAppErrors(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  const roles = user.roles
  return {
    courses: await reportableCourses(user),
    supervisor: roles.includes('SUPERVISOR'),
    admin: roles.includes('ADMIN'),
  }
})

export default function EvaluationHub() {
  const { courses, supervisor, admin } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <>
      <h1>{t('evaluation.hubTitle')}</h1>
      <p>{t('evaluation.hubIntro')}</p>
      <ul>
        {supervisor ? (
          <li>
            <Link to="/evaluasi/atasan">{t('evaluation.l3Inbox')}</Link>
          </li>
        ) : null}
        {supervisor || admin ? (
          <li>
            <Link to="/evaluasi/opd">{t('evaluation.opdReport')}</Link>
          </li>
        ) : null}
        {admin ? (
          <li>
            <Link to="/evaluasi/revisi">{t('evaluation.revision')}</Link>
          </li>
        ) : null}
      </ul>
      <h2>{t('evaluation.courseReports')}</h2>
      {courses.length === 0 ? <p>{t('evaluation.noCourses')}</p> : null}
      <ul data-testid="eval-courses">
        {courses.map((c) => (
          <li key={c.id}>
            <Link to={`/evaluasi/kursus/${c.slug}`}>{c.title}</Link>
          </li>
        ))}
      </ul>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
