import type { LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { listUsers } from '~/models/user.server'
import { requireRole } from '~/utils/auth.server'
import { formatNip } from '~/utils/nip'
import { Pagination } from '~/components/pagination'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'ADMIN')
  const url = new URL(request.url)
  const page = Number(url.searchParams.get('page') ?? '1') || 1
  return listUsers({ q: url.searchParams.get('q') ?? undefined, page })
}

export default function AdminUsers() {
  const { users, total, page, pageSize } = useLoaderData<typeof loader>()
  const [params] = useSearchParams()
  const { t } = useTranslation()
  const pages = Math.max(1, Math.ceil(total / pageSize))
  const q = params.get('q') ?? ''
  return (
    <>
      <h1>Pengguna</h1>
      <p>
        <Link to="/admin/users/new" className="button">
          Tambah pengguna
        </Link>
      </p>
      <Form method="get" role="search" className="inline-form" style={{ marginBottom: '1rem' }}>
        <label htmlFor="q">Cari nama, NIP, atau email</label>
        <input id="q" type="search" name="q" defaultValue={q} />
        <button type="submit">Cari</button>
      </Form>
      <p className="muted">{total} pengguna</p>
      <table>
        <thead>
          <tr>
            <th scope="col">Nama</th>
            <th scope="col">NIP</th>
            <th scope="col">Unit / Jabatan</th>
            <th scope="col">Peran</th>
            <th scope="col">Status</th>
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
              <td>{u.active ? 'Aktif' : 'Nonaktif'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination page={page} pages={pages} q={q} />
    </>
  )
}
