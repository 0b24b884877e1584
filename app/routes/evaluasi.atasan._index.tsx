// The supervisor's L3 requests: behaviour checks of their direct reports after a course.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { l3Inbox } from '~/models/evaluation.server'
import { requireUser } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'
import { formatDate } from '~/utils/misc'
import { withAppErrors } from '~/utils/route-errors.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: 'evaluation.l3Title' })

export const loader = withAppErrors(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  return { requests: await l3Inbox(user.id) }
})

export default function L3Inbox() {
  const { requests } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation()
  return (
    <>
      <h1>{t('evaluation.l3Title')}</h1>
      <p>{t('evaluation.l3Intro')}</p>
      {requests.length === 0 ? <p>{t('evaluation.l3Empty')}</p> : null}
      <ul style={{ listStyle: 'none', padding: 0 }} data-testid="l3-inbox">
        {requests.map((r) => (
          <li key={r.id} className="card" style={{ overflowWrap: 'anywhere' }}>
            <strong>{r.learner.name}</strong> · {r.learner.nip}
            <br />
            {r.course.title}
            <br />
            {r.answeredAt ? (
              t('evaluation.l3Done', { date: formatDate(r.answeredAt, i18n.language) })
            ) : (
              <Link className="button" to={`/evaluasi/atasan/${r.id}`}>
                {t('evaluation.l3Answer')}: {r.learner.name}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
