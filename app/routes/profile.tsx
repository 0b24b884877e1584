import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { getSelectProps } from '@conform-to/react'
import { useLoaderData } from '@remix-run/react'
import { Link } from '~/components/link'
import { useTranslation } from 'react-i18next'
import { EVIDENCE_VALID_DAYS, THRESHOLD } from '~/domain/rating'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, SearchForm } from '~/components/forms'
import { TableWrap } from '~/components/table'
import { profilePage } from '~/models/profile.server'
import { ProfileCompetencies } from '~/components/profile-competencies'
import i18next, { serverI18nInstance } from '~/i18next.server'
import { HtmlFragment, offerFragment } from '~/utils/html-fragment'
import { renderFragment } from '~/utils/html-fragment.server'
import { requireUser } from '~/utils/auth.server'
import { profileTargetSchema } from '~/schemas/team'
import { pageTitle } from '~/utils/meta'
import { formatDate, receivedAt } from '~/utils/misc'
import { withAppErrors } from '~/utils/route-errors.server'
import { dropSearchValue, readSearch } from '~/utils/search-params.server'
import { MyCertificatesLink } from '~/components/certificate-link'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: 'ui.profile.title' })

export const loader = withAppErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  let search = readSearch(request, profileTargetSchema)
  const target = search.value.target
  const now = receivedAt(request)
  // One statement for the whole page (decision 073).
  const page = await profilePage(user.id, { targetJabatanId: target, now: new Date(now) })
  const { recs, ledger } = page
  const ownJabatanId = page.profile.user.jabatan?.id
  // A target that names no other jabatan (unknown, or the learner's own) is said, not ignored.
  if (target && !page.profile.target)
    search = dropSearchValue(
      request,
      profileTargetSchema,
      search,
      'target',
      target === ownJabatanId ? 'filter.ownJabatan' : 'filter.unknownOption',
    )
  // The competency tables are markup made here and sent once (decision 125): they show the three
  // latest results per competency, and the rows do not travel in the route data.
  const { rows, ...profile } = page.profile
  const competencies = offerFragment(
    context,
    'profile-competencies',
    renderFragment(
      await serverI18nInstance(await i18next.getLocale(request)),
      <ProfileCompetencies
        rows={rows.map((r) => ({ ...r, evidence: r.evidence.slice(0, 3) }))}
        target={profile.target}
        now={now}
      />,
    ),
  )
  // The learner's own standard is already in the tables: the other jabatan to compare with.
  const jabatan = page.jabatan
    .filter((j) => j.id !== ownJabatanId)
    .map((j) => ({ id: j.id, name: j.name }))
  return {
    profile,
    competencies,
    recs,
    ledger,
    jabatan,
    targetResult: search.result,
  }
})

export default function ProfilePage() {
  const { profile, competencies, recs, ledger, jabatan, targetResult } =
    useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation()
  const { user, target, year, jp, jpTarget } = profile
  return (
    <>
      <h1>{t('ui.profile.title')}</h1>
      <p>
        {user.name} — {user.jabatan?.name ?? t('ui.profile.noJabatan')}
      </p>
      <MyCertificatesLink />
      <section className="card" aria-labelledby="jp-heading">
        <h2 id="jp-heading">{t('ui.profile.jpHeading', { year })}</h2>
        <p data-testid="profile-jp">
          <strong>{jp} JP</strong>{' '}
          {user.employeeKind === 'PPPK'
            ? t('ui.profile.jpPppk', { target: jpTarget })
            : t('ui.profile.jpPns', { target: jpTarget })}
        </p>
        <div
          className="progress"
          role="progressbar"
          aria-label={t('ui.profile.jpThisYear')}
          aria-valuenow={jp}
          aria-valuemin={0}
          aria-valuemax={jpTarget}
        >
          <span style={{ width: `${Math.min(100, (jp / jpTarget) * 100)}%` }} />
        </div>
        {ledger.length ? (
          <TableWrap label={t('ui.profile.ledger')}>
            <table style={{ marginTop: '.75rem' }}>
              <caption className="sr-only">{t('ui.profile.ledger')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('ui.profile.activity')}</th>
                  <th scope="col">{t('ui.profile.date')}</th>
                  <th scope="col">JP</th>
                </tr>
              </thead>
              <tbody>
                {ledger.map((l) => (
                  <tr key={l.id}>
                    <td>{l.title}</td>
                    <td>{formatDate(l.createdAt, i18n.language)}</td>
                    <td>{l.jp}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <p className="muted">{t('ui.profile.noJp')}</p>
        )}
      </section>

      <section className="card" aria-labelledby="rec-heading">
        <h2 id="rec-heading">{t('ui.profile.recHeading')}</h2>
        {recs.length ? (
          <ol data-testid="recommendations">
            {recs.map((r) => (
              <li key={r.slug}>
                <Link to={`/courses/${r.slug}`}>{r.title}</Link> ({r.jp} JP) —{' '}
                {t('domain.recommendation.GAP', r.reason)};{' '}
                {t(`domain.recommendation.${r.reason.jp.code}`, r.reason.jp)}.
              </li>
            ))}
          </ol>
        ) : (
          <p>{t('ui.profile.noRecs')}</p>
        )}
      </section>

      <SearchForm
        id="profile-target"
        schema={profileTargetSchema}
        result={targetResult}
        defaultValue={{ target: target?.id ?? '' }}
        className="card inline-form"
        aria-label={t('ui.profile.compare')}
      >
        {(fields) => (
          <>
            <Field
              label={t('ui.profile.target')}
              selectProps={{ ...getSelectProps(fields.target), id: 'target' }}
              errors={fields.target.errors}
            >
              <option value="">{t('ui.common.none')}</option>
              {jabatan.map((j) => (
                <option key={j.id} value={j.id}>
                  {j.name}
                </option>
              ))}
            </Field>
            <button type="submit">{t('ui.common.show')}</button>
          </>
        )}
      </SearchForm>

      {competencies ? <HtmlFragment fragment={competencies} /> : null}
      <p className="muted">
        {t('domain.rating.rule', {
          threshold: Math.round(THRESHOLD * 100),
          years: Math.round(EVIDENCE_VALID_DAYS / 365),
        })}
      </p>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
