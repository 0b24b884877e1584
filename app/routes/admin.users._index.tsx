import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { NameSearchForm } from '~/components/name-search'
import { Pagination } from '~/components/pagination'
import { TableWrap } from '~/components/table'
import { listUsers } from '~/models/user.server'
import { userSearchSchema } from '~/schemas/user'
import { requireRole } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'
import { formatNip } from '~/utils/nip'
import { withAppErrors } from '~/utils/route-errors.server'
import { readSearch } from '~/utils/search-params.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: 'ui.users.title' })

export const loader = withAppErrors(async ({ request }: LoaderFunctionArgs) => {
  await requireRole(request, 'ADMIN')
  const { value, result } = readSearch(request, userSearchSchema)
  const { q, page } = value
  return { ...(await listUsers({ q, page })), q: q ?? '', result }
})

export default function AdminUsers() {
  const { users, total, page, pageSize, q, result } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const pages = Math.max(1, Math.ceil(total / pageSize))
  return (
    <>
      <h1>{t('ui.users.title')}</h1>
      <p>
        <Link to="/admin/users/new" className="button">
          {t('ui.users.add')}
        </Link>
      </p>
      <NameSearchForm id="user-search" label={t('ui.users.search')} q={q} result={result} />
      <p className="muted">{t('ui.users.count', { count: total })}</p>
      <TableWrap label={t('ui.users.title')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('ui.users.name')}</th>
              <th scope="col">NIP</th>
              <th scope="col">{t('ui.users.unitJabatan')}</th>
              <th scope="col">{t('ui.users.roles')}</th>
              <th scope="col">{t('ui.users.status')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>
                  <Link to={`/admin/users/${u.id}`}>{u.name}</Link>
                  <br />
                  <span className="muted">{u.email}</span>
                </td>
                <td>{formatNip(u.nip)}</td>
                <td>
                  {u.unit?.name ?? '—'}
                  <br />
                  <span className="muted">{u.jabatan?.name ?? '—'}</span>
                </td>
                <td>{u.roles.map((r) => t(`roles.${r}`)).join(', ')}</td>
                <td>{u.active ? t('ui.common.active') : t('ui.common.inactive')}</td>
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
