import type { LoaderFunctionArgs } from '@remix-run/node'
import { getSelectProps } from '@conform-to/react'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import {
  jpGoal,
  jpStatus,
  PAGE_SIZE,
  PEOPLE_FILTERS,
  percent,
  type PeopleFilter,
} from '~/domain/supervision'
import { ErrorList, Field, SearchForm } from '~/components/forms'
import { cachedScopeSections, renderScopeSections } from '~/components/scope-sections.server'
import i18next, { serverI18nInstance } from '~/i18next.server'
import { dashboardView } from '~/models/supervision.server'
import { HtmlFragment, offerFragment } from '~/utils/html-fragment'
import { peopleFilterSchema } from '~/schemas/supervision'
import { requireRole } from '~/utils/auth.server'
import { formatDateTime } from '~/utils/misc'
import { withAppErrors } from '~/utils/route-errors.server'
import { formatNip } from '~/utils/nip'
import { readSearch } from '~/utils/search-params.server'

export const loader = withAppErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const viewer = await requireRole(request, 'SUPERVISOR', 'ADMIN')
  // clean: the people filter form's schema (a bad value is ignored with a message, never a 500).
  const { value, result } = readSearch(request, peopleFilterSchema)
  const filter: PeopleFilter = value.filter
  const i18n = await serverI18nInstance(await i18next.getLocale(request))
  const lng = i18n.language
  // The scope-wide sections are rendered once per (unit, refresh, language) and reused
  // (decision 095): the view's text is only read when this process has no rendering of it.
  const hit: { entry?: ReturnType<typeof cachedScopeSections> } = {}
  const d = await dashboardView(viewer, {
    unitId: value.unit ?? null,
    page: value.page,
    after: value.after ?? null,
    before: value.before ?? null,
    filter,
    knownVersion: (unitId) => (hit.entry = cachedScopeSections(unitId, lng))?.version,
  })
  const sections = d.unit
    ? offerFragment(
        context,
        'scope-sections',
        d.view
          ? renderScopeSections(d.unit.id, lng, d.version, d.view, i18n.t)
          : (hit.entry?.html ?? ''),
      )
    : null
  // Only what the page shows goes to the browser (the exports read the model themselves).
  const first = d.people.rows[0]
  const last = d.people.rows[d.people.rows.length - 1]
  return {
    unit: d.unit ? { id: d.unit.id, name: d.unit.name } : null,
    trail: d.trail,
    refresh: d.refresh ? { year: d.refresh.year, refreshedAt: d.refresh.refreshedAt } : null,
    totals: d.totals,
    people: {
      rows: d.people.rows,
      total: d.people.total,
      // The page number is shown only; the keyset links say where a page starts.
      page: d.people.less ? d.people.page : 1,
      next: d.people.more && last ? last.userId : null,
      prev: d.people.less && first ? first.userId : null,
    },
    direct: d.direct,
    filter: d.filter,
    filterResult: result,
    sections,
  }
})

export default function SupervisionDashboard() {
  const d = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation()
  const q = (extra: Record<string, string | number>) => {
    const p = new URLSearchParams()
    if (d.unit && d.trail.length > 1) p.set('unit', d.unit.id)
    if (d.filter !== 'all') p.set('filter', d.filter)
    for (const [k, v] of Object.entries(extra)) p.set(k, String(v))
    return `?${p}`
  }
  const exportQuery = (format: string, view: string) => {
    const p = new URLSearchParams({ format })
    if (d.unit) p.set('unit', d.unit.id)
    if (view === 'pegawai' && d.filter !== 'all') p.set('filter', d.filter)
    return `/supervisi/ekspor/${view}?${p}`
  }
  const Exports = ({ view }: { view: string }) => (
    <p className="muted">
      {t('super.export')}: <a href={exportQuery('csv', view)}>{t('super.exportCsv')}</a> ·{' '}
      <a href={exportQuery('xlsx', view)} data-testid={`export-${view}-xlsx`}>
        {t('super.exportXlsx')}
      </a>
    </p>
  )
  const year = d.refresh?.year ?? new Date().getFullYear()
  const pages = Math.max(1, Math.ceil(d.people.total / PAGE_SIZE))
  const page = d.people.page
  return (
    <>
      <h1>{t('super.dashboard')}</h1>
      <p className="muted">
        {d.refresh
          ? t('super.refreshedAt', { at: formatDateTime(d.refresh.refreshedAt, i18n.language) })
          : t('super.notRefreshed')}
      </p>
      {d.unit ? (
        <nav aria-label={t('super.scope')}>
          <ol className="breadcrumbs" data-testid="scope-trail">
            {d.trail.map((u, i) => (
              <li key={u.id}>
                {i < d.trail.length - 1 ? (
                  <Link to={`?unit=${u.id}`}>{u.name}</Link>
                ) : (
                  <strong>{u.name}</strong>
                )}
              </li>
            ))}
          </ol>
        </nav>
      ) : null}

      {d.totals && d.unit ? (
        <section className="card grid" aria-label={t('super.scope')}>
          <div>
            <strong data-testid="total-people">{d.totals.headcount}</strong> {t('super.people')} (
            {t('super.pns')} {d.totals.pns}, {t('super.pppk')} {d.totals.pppk})
          </div>
          <div>
            {t('super.jpAvg', { year })}:{' '}
            <strong>
              {d.totals.headcount ? (d.totals.jpSum / d.totals.headcount).toFixed(1) : '0'}
            </strong>
          </div>
          <div>
            {t('super.pnsBelow')}: <strong data-testid="pns-below">{d.totals.pnsBelow}</strong>
          </div>
          <div>
            {t('super.pppkAtCap')}: <strong>{d.totals.pppkAtCap}</strong>
          </div>
          <div>
            {t('super.completion')}:{' '}
            <strong>{percent(d.totals.completed, d.totals.enrolled)}%</strong> ({d.totals.completed}
            /{d.totals.enrolled})
          </div>
          <div>
            {t('super.overdue')}: <strong>{d.totals.overdue}</strong>
          </div>
        </section>
      ) : null}

      {/* Child units, the competency-gap heatmap and the courses: rendered once per refresh. */}
      {d.sections ? <HtmlFragment fragment={d.sections} /> : null}

      <section>
        <h2>{t('super.people')}</h2>
        <SearchForm
          id="people-filter"
          schema={peopleFilterSchema}
          result={d.filterResult}
          defaultValue={{ filter: d.filter }}
          className="inline-form"
        >
          {(fields) => (
            <>
              {d.unit && d.trail.length > 1 ? (
                <input type="hidden" name="unit" value={d.unit.id} />
              ) : null}
              <Field
                label={t('super.filter')}
                selectProps={{ ...getSelectProps(fields.filter), id: 'filter' }}
                errors={fields.filter.errors}
              >
                {PEOPLE_FILTERS.map((f) => (
                  <option key={f} value={f}>
                    {t(`super.filters.${f}`)}
                  </option>
                ))}
              </Field>
              <ErrorList
                errors={[
                  ...(fields.unit.errors ?? []),
                  ...(fields.page.errors ?? []),
                  ...(fields.after.errors ?? []),
                  ...(fields.before.errors ?? []),
                ]}
              />
              <button type="submit">{t('super.apply')}</button>
            </>
          )}
        </SearchForm>
        <PeopleTable rows={d.people.rows} />
        {/* Keyset links (decision 095): a page starts after / before a person of the list, so a
            deep page costs what the first does; the filter and the unit go along. */}
        <nav className="pagination" aria-label={t('super.people')}>
          {d.people.prev && page > 2 ? <Link to={q({})}>{t('orgPaging.first')}</Link> : null}
          {d.people.prev ? (
            <Link to={q({ before: d.people.prev, page: Math.max(1, page - 1) })} rel="prev">
              {t('ui.pagination.prev')}
            </Link>
          ) : null}
          <span>
            {page} / {Math.max(pages, page)} ({d.people.total})
          </span>
          {d.people.next ? (
            <Link to={q({ after: d.people.next, page: page + 1 })} rel="next">
              {t('ui.pagination.next')}
            </Link>
          ) : null}
        </nav>
        <Exports view="pegawai" />
      </section>

      {d.direct.length && d.unit ? (
        <section>
          <h2>{t('super.directElsewhere')}</h2>
          <PeopleTable rows={d.direct} />
        </section>
      ) : null}
    </>
  )
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>['direct'][number]

function PeopleTable({ rows }: { rows: Row[] }) {
  const { t } = useTranslation()
  if (!rows.length) return <p>{t('super.none')}</p>
  return (
    <div
      className="table-scroll"
      // A focusable, labelled scroll box (axe: scrollable-region-focusable).
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
      tabIndex={0}
      role="region"
      aria-label={t('super.people')}
    >
      <table data-testid="people-table">
        <thead>
          <tr>
            <th scope="col">{t('super.name')}</th>
            <th scope="col">{t('super.jp')}</th>
            <th scope="col">{t('super.completed')}</th>
            <th scope="col">{t('super.overdue')}</th>
            <th scope="col">{t('super.gaps')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.userId}>
              <td>
                <Link to={`/supervisi/pegawai/${p.userId}`}>{p.name}</Link>
                <br />
                <span className="muted">
                  {`${formatNip(p.nip)} · ${p.employeeKind} · ${p.jabatanName ?? '—'}`}
                </span>
              </td>
              {/* One text per cell (no React text separators): 50 rows a page. */}
              <td className={jpStatus(p.employeeKind, p.jp) === 'BELOW' ? 'incorrect' : undefined}>
                {`${p.jp} / ${jpGoal(p.employeeKind)}`}
              </td>
              <td>{`${p.completed}/${p.enrolled}`}</td>
              <td>{p.overdue}</td>
              <td>{p.gapCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
