import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { unitTree, type UnitNode } from '~/models/org.server'
import { requireRole } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: 'ui.org.title' })

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'ADMIN')
  return { tree: await unitTree() }
}

function Branch({ nodes }: { nodes: UnitNode[] }) {
  const { t } = useTranslation()
  return (
    <ul className="tree">
      {nodes.map((n) => (
        <li key={n.id}>
          {n.children.length ? (
            <details open={n.kind === 'PROVINSI'}>
              <summary>
                {n.name}{' '}
                <span className="count">
                  {t('ui.org.count', { code: n.code, count: n.userCount })}
                </span>
              </summary>
              <Branch nodes={n.children} />
            </details>
          ) : (
            <span>
              {n.name}{' '}
              <span className="count">
                {t('ui.org.count', { code: n.code, count: n.userCount })}
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
  const { t } = useTranslation()
  return (
    <>
      <h1>{t('ui.org.title')}</h1>
      <p>
        <Link to="/admin/import">{t('super.links.import')}</Link> ·{' '}
        <Link to="/supervisi">{t('super.links.dashboard')}</Link>
      </p>
      <section className="card" data-testid="org-tree">
        <Branch nodes={tree} />
      </section>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
