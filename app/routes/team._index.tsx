import type { LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { jpTarget } from '~/models/jp.server'
import { teamOverview } from '~/models/team.server'
import { requireRole } from '~/utils/auth.server'
import { formatNip } from '~/utils/nip'
import { Pagination } from '~/components/pagination'

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, 'SUPERVISOR', 'ADMIN')
  const url = new URL(request.url)
  const overview = await teamOverview(viewer, {
    page: Number(url.searchParams.get('page') ?? 1) || 1,
    q: url.searchParams.get('q') ?? undefined,
  })
  return {
    ...overview,
    people: overview.people.map((p) => ({ ...p, target: jpTarget(p.employeeKind) })),
  }
}

export default function Team() {
  const { people, total, year, page, pageSize } = useLoaderData<typeof loader>()
  const [params] = useSearchParams()
  const q = params.get('q') ?? ''
  const pages = Math.max(1, Math.ceil(total / pageSize))
  return (
    <>
      <h1>Tim saya</h1>
      <p className="muted">
        {total} pegawai di unit Anda (termasuk sub-unit) dan bawahan langsung.
      </p>
      <p>
        <Link to="/supervisi">Dasbor supervisi: unit, JP, kesenjangan kompetensi, ekspor</Link>
      </p>
      <Form method="get" role="search" className="inline-form" style={{ marginBottom: '1rem' }}>
        <label htmlFor="q">Cari nama atau NIP</label>
        <input id="q" type="search" name="q" defaultValue={q} />
        <button type="submit">Cari</button>
      </Form>
      <table>
        <thead>
          <tr>
            <th scope="col">Nama</th>
            <th scope="col">Unit / Jabatan</th>
            <th scope="col">JP {year}</th>
            <th scope="col">Kursus selesai</th>
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
      <Pagination page={page} pages={pages} q={q} />
    </>
  )
}
