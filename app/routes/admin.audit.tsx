// Admin: the append-only audit log with filters (actor, action, record type and id, date range in
// WIB) and pages. Read-only: entries cannot be changed (a database trigger refuses it).
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { fromJakartaWallClock, PORTAL_TIME_ZONE } from '~/domain/time'
import { auditView } from '~/models/audit.server'
import { auditFilterSchema } from '~/schemas/org'
import { requireRole } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'
import { readSearchParams, withAppErrors } from '~/utils/route-errors.server'

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, { key: 'orgArea.audit.title' })

/** A YYYY-MM-DD day in WIB as its first instant (`next`: the first instant of the day after). */
function dayStart(day: string | undefined, next = false) {
  if (!day) return undefined
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const at = fromJakartaWallClock(y, m, d + (next ? 1 : 0))
  return Number.isNaN(at.getTime()) ? undefined : at
}

export const loader = withAppErrors(async ({ request }: LoaderFunctionArgs) => {
  await requireRole(request, 'ADMIN')
  const f = auditFilterSchema.parse(Object.fromEntries(readSearchParams(request)))
  const view = await auditView(
    {
      actor: f.actor || undefined,
      action: f.action,
      entityType: f.entity,
      entityId: f.entityId,
      from: dayStart(f.from),
      to: dayStart(f.to, true),
    },
    f.page,
  )
  return { filter: f, ...view }
})

const dateTimes = {
  id: new Intl.DateTimeFormat('id-ID', {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone: PORTAL_TIME_ZONE,
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone: PORTAL_TIME_ZONE,
  }),
}
function formatDateTime(d: string | Date, lng: string) {
  return `${dateTimes[lng === 'en' ? 'en' : 'id'].format(new Date(d))} WIB`
}

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="muted">—</span>
  return (
    <pre
      style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0, fontSize: '0.85rem' }}
    >
      {JSON.stringify(value, null, 1)}
    </pre>
  )
}

export default function AuditLog() {
  const d = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation()
  const f = d.filter
  const query = (page: number) => {
    const q = new URLSearchParams()
    for (const [k, v] of Object.entries({ ...f, page: String(page) }))
      if (v !== undefined && v !== '') q.set(k, String(v))
    return `?${q}`
  }
  return (
    <>
      <h1>{t('orgArea.audit.title')}</h1>
      <p>{t('orgArea.audit.intro')}</p>
      <Form method="get" className="card filters" data-testid="audit-filters">
        <div className="field">
          <label htmlFor="audit-actor">{t('orgArea.audit.actor')}</label>
          <input id="audit-actor" name="actor" defaultValue={f.actor ?? ''} maxLength={100} />
        </div>
        <div className="field">
          <label htmlFor="audit-action">{t('orgArea.audit.action')}</label>
          <select id="audit-action" name="action" defaultValue={f.action ?? ''}>
            <option value="">{t('orgArea.audit.any')}</option>
            {d.actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-entity">{t('orgArea.audit.entity')}</label>
          <select id="audit-entity" name="entity" defaultValue={f.entity ?? ''}>
            <option value="">{t('orgArea.audit.any')}</option>
            {d.entityTypes.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-entity-id">{t('orgArea.audit.entityId')}</label>
          <input
            id="audit-entity-id"
            name="entityId"
            defaultValue={f.entityId ?? ''}
            maxLength={100}
          />
        </div>
        <div className="field">
          <label htmlFor="audit-from">{t('orgArea.audit.from')}</label>
          <input id="audit-from" name="from" type="date" defaultValue={f.from ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{t('orgArea.audit.to')}</label>
          <input id="audit-to" name="to" type="date" defaultValue={f.to ?? ''} />
        </div>
        <p>
          <button type="submit">{t('orgArea.audit.filter')}</button>{' '}
          <Link to="/admin/audit">{t('orgArea.audit.reset')}</Link>
        </p>
      </Form>
      <p data-testid="audit-total">{t('orgArea.audit.total', { count: d.total })}</p>
      {d.entries.length === 0 ? (
        <p>{t('orgArea.audit.empty')}</p>
      ) : (
        <ul className="audit-list" data-testid="audit-entries">
          {d.entries.map((e) => (
            <li key={e.id} className="card" data-testid="audit-entry">
              <p>
                <strong>{e.action}</strong> · {formatDateTime(e.at, i18n.language)}
              </p>
              <dl className="facts">
                <dt>{t('orgArea.audit.who')}</dt>
                <dd>{e.actor ? `${e.actor.name} (${e.actor.nip})` : t('orgArea.audit.system')}</dd>
                <dt>{t('orgArea.audit.target')}</dt>
                <dd>
                  {e.entityType} <code>{e.entityId}</code>
                </dd>
                <dt>{t('orgArea.audit.before')}</dt>
                <dd>
                  <Json value={e.before} />
                </dd>
                <dt>{t('orgArea.audit.after')}</dt>
                <dd>
                  <Json value={e.after} />
                </dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
      <nav className="pagination" aria-label={t('ui.pagination.label')}>
        {d.page > 1 ? <Link to={query(d.page - 1)}>{t('orgArea.audit.prev')}</Link> : null}
        <span>{t('orgArea.audit.page', { page: d.page, pages: d.pages })}</span>
        {d.page < d.pages ? <Link to={query(d.page + 1)}>{t('orgArea.audit.next')}</Link> : null}
      </nav>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
