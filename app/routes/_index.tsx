import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { homeData } from '~/models/home.server'
import { requireUser } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'
import { formatDate, receivedAt } from '~/utils/misc'
import { formatNip } from '~/utils/nip'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: 'ui.home.title' })

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return homeData(user, new Date(receivedAt(request)))
}

export default function Home() {
  const data = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation()
  const { me } = data
  return (
    <>
      <h1>{t('home.greeting', { name: me.name })}</h1>
      <section className="card" aria-labelledby="me-heading">
        <h2 id="me-heading">{me.name}</h2>
        <dl className="facts">
          <dt>{t('home.nip')}</dt>
          <dd>{formatNip(me.nip)}</dd>
          <dt>{t('home.employeeKind')}</dt>
          <dd>{me.employeeKind}</dd>
          <dt>{t('home.unit')}</dt>
          <dd data-testid="my-unit">
            {me.unitPath.length ? me.unitPath.join(' › ') : t('home.noUnit')}
          </dd>
          <dt>{t('home.jabatan')}</dt>
          <dd data-testid="my-jabatan">
            {me.jabatan
              ? `${me.jabatan.name} (${t(`jabatanKind.${me.jabatan.kind}`)})`
              : t('home.noUnit')}
          </dd>
          <dt>{t('home.roles')}</dt>
          <dd data-testid="my-roles">
            {me.roles.map((r) => (
              <span key={r} className="tag">
                {t(`roles.${r}`)}
              </span>
            ))}
          </dd>
          {me.supervisor ? (
            <>
              <dt>{t('ui.home.supervisor')}</dt>
              <dd>{me.supervisor}</dd>
            </>
          ) : null}
        </dl>
      </section>

      {data.learner ? (
        <section className="card" aria-labelledby="learn-heading">
          <h2 id="learn-heading">{t('ui.home.learnHeading', { year: data.learner.year })}</h2>
          <p data-testid="jp-summary">
            {data.me.employeeKind === 'PPPK' ? (
              <>
                <strong>{data.learner.jp} JP</strong>{' '}
                {t('ui.home.jpPppk', { target: data.learner.target })}
              </>
            ) : (
              <>
                <strong>{data.learner.jp} JP</strong>{' '}
                {t('ui.home.jpPns', { target: data.learner.target })}
                {data.learner.jp >= data.learner.target
                  ? t('ui.home.jpReached')
                  : t('ui.home.jpLeft', { left: data.learner.target - data.learner.jp })}
              </>
            )}
          </p>
          <div className="progress" aria-hidden="true">
            <span
              style={{ width: `${Math.min(100, (data.learner.jp / data.learner.target) * 100)}%` }}
            />
          </div>
          <p>
            {t('ui.home.courses', {
              active: data.learner.activeCourses,
              completed: data.learner.completedCourses,
            })}{' '}
            <Link to="/courses">{t('ui.home.openCatalogue')}</Link>
          </p>
        </section>
      ) : null}

      {data.learner ? (
        <section className="card" aria-labelledby="continue-heading" data-testid="continue">
          <h2 id="continue-heading">{t('orgArea.home.continueHeading')}</h2>
          {data.learner.next.length === 0 ? (
            <p>
              {t('orgArea.home.continueEmpty')}{' '}
              <Link to="/courses">{t('ui.home.openCatalogue')}</Link>
            </p>
          ) : (
            <ul>
              {data.learner.next.map((c) => (
                <li key={c.enrolmentId}>
                  <strong>{c.courseTitle}</strong>{' '}
                  <span className="muted">
                    ({t('orgArea.home.progress', { done: c.done, total: c.total })})
                  </span>
                  <br />
                  {c.nextSlug ? (
                    <Link to={`/courses/${c.courseSlug}/lessons/${c.nextSlug}`}>
                      {t('orgArea.home.nextLesson', { lesson: c.nextTitle })}
                    </Link>
                  ) : (
                    <Link to={`/courses/${c.courseSlug}`}>{t('orgArea.home.allDone')}</Link>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      {data.learner ? (
        <section className="card" aria-labelledby="assigned-heading" data-testid="assigned">
          <h2 id="assigned-heading">{t('orgArea.home.assignedHeading')}</h2>
          {data.learner.assigned.length === 0 ? (
            <p>{t('orgArea.home.assignedEmpty')}</p>
          ) : (
            <ul>
              {data.learner.assigned.map((a) => (
                <li key={a.id}>
                  <Link to={`/courses/${a.courseSlug}`}>{a.courseTitle}</Link> —{' '}
                  {a.completed ? (
                    <span className="tag">{t('orgArea.home.done')}</span>
                  ) : a.overdue ? (
                    <strong>
                      {t('orgArea.home.overdue', { date: formatDate(a.dueAt, i18n.language) })}
                    </strong>
                  ) : (
                    t('orgArea.home.due', { date: formatDate(a.dueAt, i18n.language) })
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      {data.supervisor ? (
        <section className="card" aria-labelledby="team-heading">
          <h2 id="team-heading">{t('ui.home.teamHeading')}</h2>
          <p data-testid="team-count">
            {t('ui.home.teamCount', { count: data.supervisor.people })}{' '}
            <Link to="/team">{t('ui.home.seeTeam')}</Link>
          </p>
          <h3>{t('orgArea.home.attentionHeading')}</h3>
          {data.supervisor.attention.people.length === 0 ? (
            <p>{t('orgArea.home.attentionEmpty')}</p>
          ) : (
            <ul data-testid="attention">
              {data.supervisor.attention.people.map((p) => (
                <li key={p.id}>
                  <Link to={`/supervisi/pegawai/${p.id}`}>{p.name}</Link>
                  {p.below ? (
                    <>
                      {' '}
                      ·{' '}
                      {t('orgArea.home.belowJp', {
                        jp: p.jp,
                        target: data.supervisor!.attention.target,
                      })}
                    </>
                  ) : null}
                  {p.overdue > 0 ? (
                    <> · {t('orgArea.home.overdueCount', { count: p.overdue })}</>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {data.supervisor.attention.total > data.supervisor.attention.people.length ? (
            <p>
              <Link to="/supervisi">
                {t('orgArea.home.attentionMore', {
                  count: data.supervisor.attention.total - data.supervisor.attention.people.length,
                })}
              </Link>
            </p>
          ) : null}
        </section>
      ) : null}

      {data.instructor ? (
        <section className="card" aria-labelledby="teach-heading">
          <h2 id="teach-heading">{t('ui.home.teachHeading')}</h2>
          <p>
            {t('ui.home.teach', {
              published: data.instructor.published,
              drafts: data.instructor.drafts,
            })}{' '}
            <Link to="/authoring">{t('ui.home.manageCourses')}</Link>
          </p>
        </section>
      ) : null}

      {data.admin ? (
        <section className="card" aria-labelledby="admin-heading">
          <h2 id="admin-heading">{t('ui.home.adminHeading')}</h2>
          <p data-testid="admin-summary">
            {t('ui.home.adminSummary', {
              users: data.admin.users,
              units: data.admin.units,
              opd: data.admin.opd,
            })}
          </p>
          <p>
            <Link to="/admin/users">{t('ui.home.manageUsers')}</Link> ·{' '}
            <Link to="/admin/org">{t('ui.home.orgTree')}</Link> ·{' '}
            <Link to="/admin/audit">{t('orgArea.audit.title')}</Link>
          </p>
        </section>
      ) : null}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
