import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { bankCourses } from '~/models/question-bank.server'
import { requireRole } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'
import { withAppErrors } from '~/utils/route-errors.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: 'bank.title' })

export const loader = withAppErrors(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireRole(request, 'INSTRUCTOR', 'ADMIN')
  return { courses: await bankCourses(user) }
})

export default function BankCourses() {
  const { courses } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <>
      <p>
        <Link to="/authoring">← {t('bank.backAuthoring')}</Link>
      </p>
      <h1>{t('bank.title')}</h1>
      <p className="muted">{t('bank.intro')}</p>
      {courses.length === 0 ? (
        <p className="card">{t('bank.noCourses')}</p>
      ) : (
        <ul>
          {courses.map((c) => (
            <li key={c.id}>
              <Link to={`/authoring/bank/${c.id}`}>{c.title}</Link>{' '}
              <span className="muted">
                {t('bank.categoryCount', { count: c._count.questionCategories })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
