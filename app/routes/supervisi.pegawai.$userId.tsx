import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { jpGoal } from '~/domain/supervision'
import { TableWrap } from '~/components/table'
import { competencyProfile } from '~/models/profile.server'
import { personDetail } from '~/models/supervision.server'
import { requireRole } from '~/utils/auth.server'
import { withAppErrors } from '~/utils/route-errors.server'
import { formatDate, receivedAt } from '~/utils/misc'
import { formatNip } from '~/utils/nip'

export const loader = withAppErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const viewer = await requireRole(request, 'SUPERVISOR', 'ADMIN')
  // personDetail answers 403 for anyone outside the viewer's subtree and direct reports.
  const detail = await personDetail(viewer, params.userId!)
  const profile = await competencyProfile(params.userId!, { now: new Date(receivedAt(request)) })
  return { ...detail, levels: profile.rows }
})

export default function SupervisedPerson() {
  const { person, attempts, assignments, certificates, jp, year, levels } =
    useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation()
  const lng = i18n.language
  const titleBy = new Map(person.enrolments.map((e) => [e.course.id, e.course.title]))
  const status = (s: string) =>
    s === 'COMPLETED'
      ? t('super.statusCompleted')
      : s === 'WITHDRAWN'
        ? t('super.statusWithdrawn')
        : t('super.statusActive')
  return (
    <>
      <p>
        <Link to={person.unit ? `/supervisi?unit=${person.unit.id}` : '/supervisi'}>
          ‹ {t('super.back')}
        </Link>
      </p>
      <h1>{person.name}</h1>
      <section className="card">
        <dl className="facts">
          <dt>{t('super.nip')}</dt>
          <dd>{formatNip(person.nip)}</dd>
          <dt>{t('super.kind')}</dt>
          <dd>{person.employeeKind}</dd>
          <dt>{t('super.unit')}</dt>
          <dd>{person.unit?.name ?? '—'}</dd>
          <dt>{t('super.jabatan')}</dt>
          <dd>{person.jabatan?.name ?? '—'}</dd>
          <dt>JP {year}</dt>
          <dd data-testid="person-jp">
            {jp} / {jpGoal(person.employeeKind)}
          </dd>
        </dl>
      </section>

      <h2>{t('super.levels')}</h2>
      <TableWrap label={t('super.levels')}>
        <table data-testid="person-gaps">
          <thead>
            <tr>
              <th scope="col">{t('super.competency')}</th>
              <th scope="col">{t('super.current')}</th>
              <th scope="col">{t('super.required')}</th>
              <th scope="col">{t('super.gap')}</th>
              <th scope="col">{t('super.evidence')}</th>
            </tr>
          </thead>
          <tbody>
            {levels.map((l) => (
              <tr key={l.id}>
                <th scope="row">
                  {l.code} {l.name}
                </th>
                <td>{l.measured ? l.current : t('super.notMeasured')}</td>
                <td>{l.required ?? '—'}</td>
                <td data-testid={`gap-${l.code}`}>{l.gap ?? '—'}</td>
                <td>
                  {l.evidence.length
                    ? l.evidence
                        .slice(0, 3)
                        .map(
                          (e) =>
                            `${e.course} #${e.number}: ${e.percent}% (${formatDate(e.takenAt, lng)})`,
                        )
                        .join('; ')
                    : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>

      <h2>{t('super.enrolments')}</h2>
      {person.enrolments.length ? (
        <ul>
          {person.enrolments.map((e) => (
            <li key={e.id}>
              {e.course.title} — {status(e.status)}
              {e.completedAt ? ` ${formatDate(e.completedAt, lng)} (${e.course.jp} JP)` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('super.none')}</p>
      )}

      <h2>{t('super.assignments')}</h2>
      {assignments.length ? (
        <ul>
          {assignments.map((a) => (
            <li key={a.id}>
              {titleBy.get(a.courseId) ?? a.courseId} — {t('super.dueAt')}{' '}
              {formatDate(a.dueAt, lng)}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('super.none')}</p>
      )}

      <h2>{t('super.certificates')}</h2>
      {certificates.length ? (
        <TableWrap label={t('super.certificates')}>
          <table data-testid="person-certificates">
            <thead>
              <tr>
                <th scope="col">{t('certs.course')}</th>
                <th scope="col">{t('certs.code')}</th>
                <th scope="col">{t('super.issuedAt')}</th>
                <th scope="col">{t('certs.status')}</th>
                <th scope="col">{t('super.certificateLinks')}</th>
              </tr>
            </thead>
            <tbody>
              {certificates.map((c) => (
                <tr key={c.id} data-testid={`certificate-${c.code}`}>
                  <th scope="row">
                    {c.courseTitle} ({c.jp} JP)
                  </th>
                  <td>
                    <code>{c.code}</code>
                  </td>
                  <td>{formatDate(c.issuedAt, lng)}</td>
                  <td>{c.revokedAt ? t('certs.revoked') : t('certs.valid')}</td>
                  <td>
                    <Link to={`/verifikasi/${c.code}`}>{t('super.verify')}</Link>
                    {c.pdf ? (
                      <>
                        {' · '}
                        <a
                          href={`/sertifikat/unduh/${c.code}`}
                          aria-label={t('certs.downloadFor', { course: c.courseTitle })}
                        >
                          {t('certs.download')}
                        </a>
                      </>
                    ) : (
                      <span className="muted">
                        {' · '}
                        {t('certs.pending')}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p>{t('super.none')}</p>
      )}

      <h2>{t('super.attempts')}</h2>
      {attempts.length ? (
        <ul>
          {attempts.map((a) => (
            <li key={a.id}>
              {a.quiz.lesson.title} #{a.number} — {a.status}
              {a.percent != null ? `, ${t('super.score')} ${Math.round(a.percent)}%` : ''}
              {a.submittedAt ? ` (${formatDate(a.submittedAt, lng)})` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('super.none')}</p>
      )}
    </>
  )
}
