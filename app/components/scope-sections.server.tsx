// The scope-wide sections of a supervision dashboard view (child units, competency-gap heatmap,
// courses), rendered to markup once per (unit, refresh of the aggregates, language) and reused
// by every request for that view until the next refresh (decision 095).
//
// What goes in depends on nothing but the unit's DashScopeView row (written by one refresh, and
// identified by its version), the unit's id (the export links) and the language: no viewer,
// filter or page. Whoever may see the unit (scopeUnit checked it before the view was read) sees
// the same sections; a cached entry is only ever found under its own unit's id.
import type { TFunction } from 'i18next'
import { renderToStaticMarkup } from 'react-dom/server'
import { averageGap, heatBand, percent, shareBelow } from '~/domain/supervision'
import type { ScopeView } from '~/models/supervision.server'

interface Entry {
  version: string
  html: string
}

/** One entry per (unit, language): a new version of the unit's view replaces the old one. */
const cache = new Map<string, Entry>()
const MAX_ENTRIES = 2_000
const keyOf = (unitId: string, lng: string) => `${unitId}\u0000${lng}`

/** The cached sections of a unit in a language (any version; the caller compares versions). */
export function cachedScopeSections(unitId: string, lng: string): Entry | undefined {
  return cache.get(keyOf(unitId, lng))
}

/** Renders the sections of a unit's view of `version` and keeps them for the next requests. */
export function renderScopeSections(
  unitId: string,
  lng: string,
  version: string | null,
  view: ScopeView,
  t: TFunction,
): string {
  const html = renderToStaticMarkup(<ScopeSections unitId={unitId} view={view} t={t} />)
  // Before the first refresh there is no row (no version): nothing to keep.
  if (version !== null) {
    if (cache.size >= MAX_ENTRIES) cache.clear()
    cache.set(keyOf(unitId, lng), { version, html })
  }
  return html
}

/** Test hook: forget every rendered view. */
export function clearScopeSections() {
  cache.clear()
}

function Bar({ value, label }: { value: number; label: string }) {
  return (
    <svg width="100" height="12" role="img" aria-label={label} viewBox="0 0 100 12">
      <rect width="100" height="12" fill="#e6e6e6" rx="2" />
      <rect width={Math.max(0, Math.min(100, value))} height="12" fill="#2f7d4a" rx="2" />
    </svg>
  )
}

function ScrollBox({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div
      className="table-scroll"
      // A focusable, labelled scroll box (axe: scrollable-region-focusable).
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
      tabIndex={0}
      role="region"
      aria-label={label}
    >
      {children}
    </div>
  )
}

function Exports({ unitId, view, t }: { unitId: string; view: string; t: TFunction }) {
  const link = (format: string) => `/supervisi/ekspor/${view}?format=${format}&unit=${unitId}`
  return (
    <p className="muted">
      {t('super.export')}: <a href={link('csv')}>{t('super.exportCsv')}</a> ·{' '}
      <a href={link('xlsx')} data-testid={`export-${view}-xlsx`}>
        {t('super.exportXlsx')}
      </a>
    </p>
  )
}

function ScopeSections({ unitId, view, t }: { unitId: string; view: ScopeView; t: TFunction }) {
  const { competencies, rows } = view
  return (
    <>
      {view.children.length ? (
        <section>
          <h2>{t('super.units')}</h2>
          <ScrollBox label={t('super.units')}>
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
                {view.children.map((c) => {
                  const done = percent(c.completed, c.enrolled)
                  return (
                    <tr key={c.id}>
                      <th scope="row">
                        <a href={`/supervisi?unit=${c.id}`} data-nav="">
                          {c.name}
                        </a>
                      </th>
                      <td>{c.headcount}</td>
                      <td>{c.pnsBelow}</td>
                      <td>
                        <Bar value={done} label={`${done}%`} /> {`${done}%`}
                      </td>
                      <td>{c.overdue}</td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </ScrollBox>
          <Exports unitId={unitId} view="unit" t={t} />
        </section>
      ) : null}

      <section>
        <h2>{t('super.heatmap')}</h2>
        <p className="muted">{t('super.heatmapHint')}</p>
        {rows.length && competencies.length ? (
          <ScrollBox label={t('super.heatmap')}>
            <table className="heatmap" data-testid="heatmap">
              <thead>
                <tr>
                  <th scope="col">{t('super.unit')}</th>
                  {competencies.map((c) => (
                    <th scope="col" key={c.id} title={c.name}>
                      {c.code}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id + (r.own ? '-own' : '')}>
                    <th scope="row">{r.own ? t('super.ownUnit', { name: r.name }) : r.name}</th>
                    {r.cells.map(([people, below, gapSum], i) => {
                      // ~40 rows x ~20 competencies: the band is a class, the column's name is
                      // its header's; the cell keeps only its own figures.
                      const cell = { people, below, gapSum }
                      const share = shareBelow(cell)
                      const avg = averageGap(cell)
                      return (
                        <td key={i} className={`h${heatBand(share)}`} title={`${below}/${people}`}>
                          {share == null ? '—' : `${Math.round(share * 100)}%`}
                          {avg ? <small>{` (${avg.toFixed(1)})`}</small> : null}
                        </td>
                      )
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
        ) : (
          <p>{t('super.none')}</p>
        )}
        <Exports unitId={unitId} view="kesenjangan" t={t} />
      </section>

      <section>
        <h2>{t('super.courses')}</h2>
        {view.courses.length ? (
          <ScrollBox label={t('super.courses')}>
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
                {view.courses.map((c) => (
                  <tr key={c.courseId}>
                    <th scope="row">{c.title}</th>
                    <td>{c.enrolled}</td>
                    <td>{`${c.completed} (${percent(c.completed, c.enrolled)}%)`}</td>
                    <td>{c.assigned}</td>
                    <td>{c.overdue}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
        ) : (
          <p>{t('super.none')}</p>
        )}
        <Exports unitId={unitId} view="kursus" t={t} />
      </section>
    </>
  )
}
