// Admin: the append-only audit log with filters (actor, action, record type and id, date range in
// WIB) and pages. Read-only: entries cannot be changed (a database trigger refuses it).
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { getInputProps, getSelectProps } from '@conform-to/react'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ErrorList, Field, SearchForm } from '~/components/forms'
import { fromJakartaWallClock, PORTAL_TIME_ZONE } from '~/domain/time'
import { auditView } from '~/models/audit.server'
import { auditFilterSchema } from '~/schemas/org'
import { requireRole } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'
import { withAppErrors } from '~/utils/route-errors.server'
import { readSearch } from '~/utils/search-params.server'

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
  const { value: f, result } = readSearch(request, auditFilterSchema)
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
  return { filter: f, result, ...view }
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
      <SearchForm
        id="audit-filter"
        schema={auditFilterSchema}
        result={d.result}
        defaultValue={{
          actor: f.actor ?? '',
          action: f.action ?? '',
          entity: f.entity ?? '',
          entityId: f.entityId ?? '',
          from: f.from ?? '',
          to: f.to ?? '',
        }}
        className="card filters"
        data-testid="audit-filters"
      >
        {(fields) => (
          <>
            <Field
              label={t('orgArea.audit.actor')}
              inputProps={{ ...getInputProps(fields.actor, { type: 'text' }), maxLength: 100 }}
              errors={fields.actor.errors}
            />
            <Field
              label={t('orgArea.audit.action')}
              selectProps={getSelectProps(fields.action)}
              errors={fields.action.errors}
            >
              <option value="">{t('orgArea.audit.any')}</option>
              {d.actions.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </Field>
            <Field
              label={t('orgArea.audit.entity')}
              selectProps={getSelectProps(fields.entity)}
              errors={fields.entity.errors}
            >
              <option value="">{t('orgArea.audit.any')}</option>
              {d.entityTypes.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </Field>
            <Field
              label={t('orgArea.audit.entityId')}
              inputProps={{ ...getInputProps(fields.entityId, { type: 'text' }), maxLength: 100 }}
              errors={fields.entityId.errors}
            />
            <Field
              label={t('orgArea.audit.from')}
              inputProps={getInputProps(fields.from, { type: 'date' })}
              errors={fields.from.errors}
            />
            <Field
              label={t('orgArea.audit.to')}
              inputProps={getInputProps(fields.to, { type: 'date' })}
              errors={fields.to.errors}
            />
            <ErrorList errors={fields.page.errors} />
            <p>
              <button type="submit">{t('orgArea.audit.filter')}</button>{' '}
              <Link to="/admin/audit">{t('orgArea.audit.reset')}</Link>
            </p>
          </>
        )}
      </SearchForm>
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
