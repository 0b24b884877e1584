import type { LoaderFunctionArgs } from '@remix-run/node'
import { getSelectProps } from '@conform-to/react'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import {
  averageGap,
  heatBand,
  jpGoal,
  jpStatus,
  PAGE_SIZE,
  PEOPLE_FILTERS,
  percent,
  shareBelow,
  type PeopleFilter,
} from '~/domain/supervision'
import { ErrorList, Field, SearchForm } from '~/components/forms'
import { dashboard } from '~/models/supervision.server'
import { peopleFilterSchema } from '~/schemas/supervision'
import { requireRole } from '~/utils/auth.server'
import { formatDateTime } from '~/utils/misc'
import { withAppErrors } from '~/utils/route-errors.server'
import { formatNip } from '~/utils/nip'
import { readSearch } from '~/utils/search-params.server'

export const loader = withAppErrors(async ({ request }: LoaderFunctionArgs) => {
  const viewer = await requireRole(request, 'SUPERVISOR', 'ADMIN')
  // clean: the people filter form's schema (a bad value is ignored with a message, never a 500).
  const { value, result } = readSearch(request, peopleFilterSchema)
  const filter: PeopleFilter = value.filter
  const d = await dashboard(viewer, {
    unitId: value.unit ?? null,
    page: value.page,
    filter,
  })
  // Only what the page shows goes to the browser (the exports read the model themselves).
  const { own: _own, ...view } = d
  return {
    ...view,
    filterResult: result,
    unit: d.unit ? { id: d.unit.id, name: d.unit.name } : null,
    children: d.children.map((c) => ({
      id: c.id,
      name: c.name,
      headcount: c.headcount,
      pnsBelow: c.pnsBelow,
      enrolled: c.enrolled,
      completed: c.completed,
      overdue: c.overdue,
    })),
  }
})

function Bar({ value, label }: { value: number; label: string }) {
  return (
    <svg width="100" height="12" role="img" aria-label={label} viewBox="0 0 100 12">
      <rect width="100" height="12" fill="#e6e6e6" rx="2" />
      <rect width={Math.max(0, Math.min(100, value))} height="12" fill="#2f7d4a" rx="2" />
    </svg>
  )
}

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

      {d.totals ? (
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

      {d.children.length ? (
        <section>
          <h2>{t('super.units')}</h2>
          <div
            className="table-scroll"
            // A focusable, labelled scroll box (axe: scrollable-region-focusable).
            // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
            tabIndex={0}
            role="region"
            aria-label={t('super.units')}
          >
            <table data-testid="unit-table">
              <thead>
                <tr>
                  <th scope="col">{t('super.unit')}</th>
                  <th scope="col">{t('super.people')}</th>
                  <th scope="col">{t('super.pnsBelow')}</th>
                  <th scope="col">{t('super.completion')}</th>
                  <th scope="col">{t('super.overdue')}</th>
                </tr>
              </thead>
              <tbody>
                {d.children.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      <Link to={`?unit=${c.id}`}>{c.name}</Link>
                    </th>
                    <td>{c.headcount}</td>
                    <td>{c.pnsBelow}</td>
                    <td>
                      <Bar
                        value={percent(c.completed, c.enrolled)}
                        label={`${percent(c.completed, c.enrolled)}%`}
                      />{' '}
                      {percent(c.completed, c.enrolled)}%
                    </td>
                    <td>{c.overdue}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Exports view="unit" />
        </section>
      ) : null}

      <section>
        <h2>{t('super.heatmap')}</h2>
        <p className="muted">{t('super.heatmapHint')}</p>
        {d.heatmap.rows.length && d.heatmap.competencies.length ? (
          <div
            className="table-scroll"
            // A focusable, labelled scroll box (axe: scrollable-region-focusable).
            // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
            tabIndex={0}
            role="region"
            aria-label={t('super.heatmap')}
          >
            <table className="heatmap" data-testid="heatmap">
              <thead>
                <tr>
                  <th scope="col">{t('super.unit')}</th>
                  {d.heatmap.competencies.map((c) => (
                    <th scope="col" key={c.id} title={c.name}>
                      {c.code}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {d.heatmap.rows.map((r) => (
                  <tr key={r.id + (r.own ? '-own' : '')}>
                    <th scope="row">{r.own ? t('super.ownUnit', { name: r.name }) : r.name}</th>
                    {r.cells.map(([people, below, gapSum], i) => {
                      // Up to ~40 rows x ~20 competencies: each text is one string (no React
                      // text separators) and the cell's style comes from the class (decision 074).
                      const cell = { people, below, gapSum }
                      const share = shareBelow(cell)
                      const avg = averageGap(cell)
                      return (
                        <td
                          key={i}
                          className={`heat-${heatBand(share)}`}
                          title={`${d.heatmap.competencies[i]!.name}: ${below}/${people}`}
                        >
                          {share == null ? '—' : `${Math.round(share * 100)}%`}
                          {avg ? <small>{` (${avg.toFixed(1)})`}</small> : null}
                        </td>
                      )
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t('super.none')}</p>
        )}
        <Exports view="kesenjangan" />
      </section>

      <section>
        <h2>{t('super.courses')}</h2>
        {d.courses.length ? (
          <div
            className="table-scroll"
            // A focusable, labelled scroll box (axe: scrollable-region-focusable).
            // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
            tabIndex={0}
            role="region"
            aria-label={t('super.courses')}
          >
            <table data-testid="course-table">
              <thead>
                <tr>
                  <th scope="col">{t('super.course')}</th>
                  <th scope="col">{t('super.enrolled')}</th>
                  <th scope="col">{t('super.completed')}</th>
                  <th scope="col">{t('super.assigned')}</th>
                  <th scope="col">{t('super.overdue')}</th>
                </tr>
              </thead>
              <tbody>
                {d.courses.map((c) => (
                  <tr key={c.courseId}>
                    <th scope="row">{c.title}</th>
                    <td>{c.enrolled}</td>
                    <td>
                      {c.completed} ({percent(c.completed, c.enrolled)}%)
                    </td>
                    <td>{c.assigned}</td>
                    <td>{c.overdue}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t('super.none')}</p>
        )}
        <Exports view="kursus" />
      </section>

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
              <ErrorList errors={[...(fields.unit.errors ?? []), ...(fields.page.errors ?? [])]} />
              <button type="submit">{t('super.apply')}</button>
            </>
          )}
        </SearchForm>
        <PeopleTable rows={d.people.rows} />
        <nav className="pagination" aria-label={t('super.people')}>
          {d.people.page > 1 ? <Link to={q({ page: d.people.page - 1 })}>‹</Link> : null}
          <span>
            {d.people.page} / {pages} ({d.people.total})
          </span>
          {d.people.page < pages ? <Link to={q({ page: d.people.page + 1 })}>›</Link> : null}
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
                  {formatNip(p.nip)} · {p.employeeKind} · {p.jabatanName ?? '—'}
                </span>
              </td>
              <td className={jpStatus(p.employeeKind, p.jp) === 'BELOW' ? 'incorrect' : undefined}>
                {p.jp} / {jpGoal(p.employeeKind)}
              </td>
              <td>
                {p.completed}/{p.enrolled}
              </td>
              <td>{p.overdue}</td>
              <td>{p.gapCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
