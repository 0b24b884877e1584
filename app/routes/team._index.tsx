import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { NameSearchForm } from '~/components/name-search'
import { Pagination } from '~/components/pagination'
import { TableWrap } from '~/components/table'
import { jpTarget } from '~/models/jp.server'
import { teamOverview } from '~/models/team.server'
import { teamSearchSchema } from '~/schemas/team'
import { requireRole } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'
import { formatNip } from '~/utils/nip'
import { withAppErrors } from '~/utils/route-errors.server'
import { readSearch } from '~/utils/search-params.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: 'ui.team.title' })

export const loader = withAppErrors(async ({ request }: LoaderFunctionArgs) => {
  const viewer = await requireRole(request, 'SUPERVISOR', 'ADMIN')
  const { value, result } = readSearch(request, teamSearchSchema)
  const { q, page } = value
  const overview = await teamOverview(viewer, { page, q })
  return {
    ...overview,
    result,
    q: q ?? '',
    people: overview.people.map((p) => ({ ...p, target: jpTarget(p.employeeKind) })),
  }
})

export default function Team() {
  const { people, total, year, page, pageSize, q, result } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const pages = Math.max(1, Math.ceil(total / pageSize))
  return (
    <>
      <h1>{t('ui.team.title')}</h1>
      <p className="muted">{t('ui.team.intro', { count: total })}</p>
      <p>
        <Link to="/supervisi">{t('super.links.teamDashboard')}</Link>
      </p>
      <NameSearchForm id="team-search" label={t('ui.team.search')} q={q} result={result} />
      <TableWrap label={t('ui.team.title')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('ui.team.name')}</th>
              <th scope="col">{t('ui.team.unitJabatan')}</th>
              <th scope="col">{t('ui.team.jpYear', { year })}</th>
              <th scope="col">{t('ui.team.completed')}</th>
            </tr>
          </thead>
          <tbody>
            {people.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={`/team/${p.id}`}>{p.name}</Link>
                  <br />
                  <span className="muted">{formatNip(p.nip)}</span>
                </td>
                <td>
                  {p.unit?.name ?? '—'}
                  <br />
                  <span className="muted">{p.jabatan?.name ?? '—'}</span>
                </td>
                <td>
                  {p.jp} / {p.target}
                </td>
                <td>{p.completedCourses}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <Pagination page={page} pages={pages} q={q} />
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
