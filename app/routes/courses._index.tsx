import { getInputProps, getSelectProps } from '@conform-to/react'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, SearchForm } from '~/components/forms'
import { catalogue } from '~/models/course.server'
import { catalogueCompetencies } from '~/models/screens/catalogue.read.server'
import { AREA_VALUES, catalogueFilterSchema } from '~/schemas/catalogue'
import { requireUser } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'
import { withAppErrors } from '~/utils/route-errors.server'
import { readSearch } from '~/utils/search-params.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: 'ui.catalogue.title' })

export const loader = withAppErrors(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  const { value: filter, result } = readSearch(request, catalogueFilterSchema)
  const [courses, competencies] = await Promise.all([
    catalogue(user.id, filter),
    catalogueCompetencies(),
  ])
  return { courses, competencies, filter, result }
})

export default function Catalogue() {
  const { courses, competencies, filter, result } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <>
      <h1>{t('ui.catalogue.title')}</h1>
      <SearchForm
        id="catalogue-filter"
        schema={catalogueFilterSchema}
        result={result}
        defaultValue={{
          q: filter.q ?? '',
          area: filter.area ?? '',
          competency: filter.competency ?? '',
          maxJp: filter.maxJp ? String(filter.maxJp) : '',
        }}
        role="search"
        className="card filters"
        aria-label={t('ui.catalogue.filters')}
      >
        {(fields) => (
          <>
            <Field
              label={t('ui.catalogue.search')}
              inputProps={{
                ...getInputProps(fields.q, { type: 'search' }),
                placeholder: t('ui.catalogue.searchPlaceholder'),
              }}
              errors={fields.q.errors}
            />
            <Field
              label={t('ui.catalogue.area')}
              selectProps={getSelectProps(fields.area)}
              errors={fields.area.errors}
            >
              <option value="">{t('ui.catalogue.allAreas')}</option>
              {AREA_VALUES.map((a) => (
                <option key={a} value={a}>
                  {t(`ui.areas.${a}`)}
                </option>
              ))}
            </Field>
            <Field
              label={t('ui.catalogue.competency')}
              selectProps={getSelectProps(fields.competency)}
              errors={fields.competency.errors}
            >
              <option value="">{t('ui.catalogue.allCompetencies')}</option>
              {competencies.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.code} {c.name}
                </option>
              ))}
            </Field>
            <Field
              label={t('ui.catalogue.maxJp')}
              inputProps={{ ...getInputProps(fields.maxJp, { type: 'number' }), min: 1, max: 200 }}
              errors={fields.maxJp.errors}
            />
            <button type="submit">{t('ui.common.apply')}</button>
          </>
        )}
      </SearchForm>
      <p className="muted" role="status">
        {filter.q
          ? t('ui.catalogue.foundFor', { count: courses.length, q: filter.q })
          : t('ui.catalogue.found', { count: courses.length })}
      </p>
      <ul className="grid course-list" aria-label={t('ui.catalogue.list')}>
        {courses.map((c) => (
          <li key={c.id} className="card course-card">
            <h2>
              <Link to={`/courses/${c.slug}`}>{c.title}</Link>
            </h2>
            <p className="muted">
              {t(`ui.areas.${c.area}`)} · <strong>{c.jp} JP</strong>
            </p>
            <p>{c.summary.length > 180 ? `${c.summary.slice(0, 177)}…` : c.summary}</p>
            <p>
              {c.competencies.map((k) => (
                <span key={k.competency.code} className="tag" title={k.competency.name}>
                  {t('ui.catalogue.level', { code: k.competency.code, level: k.level })}
                </span>
              ))}
            </p>
            {c.enrolment ? (
              <>
                <div
                  className="progress"
                  role="progressbar"
                  aria-label={t('ui.catalogue.progressOf', { title: c.title })}
                  aria-valuenow={c.enrolment.percent}
                  aria-valuemin={0}
                  aria-valuemax={100}
                >
                  <span style={{ width: `${c.enrolment.percent}%` }} />
                </div>
                <p className="muted">
                  {c.enrolment.status === 'COMPLETED'
                    ? t('ui.catalogue.completed')
                    : t('ui.catalogue.percentDone', { percent: c.enrolment.percent })}
                </p>
              </>
            ) : (
              <p className="muted">{t('ui.catalogue.notEnrolled')}</p>
            )}
          </li>
        ))}
      </ul>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
