import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { unitTree, type UnitNode } from '~/models/org.server'
import { requireRole } from '~/utils/auth.server'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'ADMIN')
  return { tree: await unitTree() }
}

function Branch({ nodes }: { nodes: UnitNode[] }) {
  return (
    <ul className="tree">
      {nodes.map((n) => (
        <li key={n.id}>
          {n.children.length ? (
            <details open={n.kind === 'PROVINSI'}>
              <summary>
                {n.name}{' '}
                <span className="count">
                  ({n.code} · {n.userCount} pegawai)
                </span>
              </summary>
              <Branch nodes={n.children} />
            </details>
          ) : (
            <span>
              {n.name}{' '}
              <span className="count">
                ({n.code} · {n.userCount} pegawai)
              </span>
            </span>
          )}
        </li>
      ))}
    </ul>
  )
}

export default function OrgTree() {
  const { tree } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>Pohon organisasi</h1>
      <p>
        <Link to="/admin/import">Impor ASN (CSV/XLSX)</Link> ·{' '}
        <Link to="/supervisi">Dasbor supervisi</Link>
      </p>
      <section className="card" data-testid="org-tree">
        <Branch nodes={tree} />
      </section>
    </>
  )
}
