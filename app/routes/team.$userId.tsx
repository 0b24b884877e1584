import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { teamMember } from '~/models/team.server'
import { idSchema } from '~/schemas/common'
import { requireRole } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'
import { formatDate } from '~/utils/misc'
import { formatNip } from '~/utils/nip'
import { routeParam, withAppErrors } from '~/utils/route-errors.server'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data?.person
    ? pageTitle(matches, { text: data.person.name })
    : pageTitle(matches, { key: 'ui.team.title' })

export const loader = withAppErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const viewer = await requireRole(request, 'SUPERVISOR', 'ADMIN')
  const userId = routeParam(params, 'userId', idSchema, 'team.notFound')
  return teamMember(viewer, userId)
})

export default function TeamMember() {
  const { person, jp, year } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation()
  return (
    <>
      <h1>{person.name}</h1>
      <section className="card">
        <dl className="facts">
          <dt>NIP</dt>
          <dd>{formatNip(person.nip)}</dd>
          <dt>{t('ui.team.unit')}</dt>
          <dd>{person.unit?.name ?? '—'}</dd>
          <dt>{t('ui.team.jabatan')}</dt>
          <dd>{person.jabatan?.name ?? '—'}</dd>
          <dt>{t('ui.team.jpYear', { year })}</dt>
          <dd data-testid="member-jp">{jp} JP</dd>
        </dl>
      </section>
      <h2>{t('ui.team.courses')}</h2>
      {person.enrolments.length === 0 ? (
        <p>{t('ui.team.noCourses')}</p>
      ) : (
        <ul>
          {person.enrolments.map((e) => (
            <li key={e.id}>
              {e.course.title} —{' '}
              {e.status === 'COMPLETED' && e.completedAt
                ? t('ui.team.completedOn', {
                    date: formatDate(e.completedAt, i18n.language),
                    jp: e.course.jp,
                  })
                : t('ui.team.ongoing')}
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
