// "Sertifikat saya": the signed-in learner's certificates, and those still being issued.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { listCertificatesOf, pendingCertificatesOf } from '~/models/certificate.server'
import { hasRole, requireUser } from '~/utils/auth.server'
import { formatDate } from '~/utils/misc'
import { pageTitle } from '~/utils/meta'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: 'certs.mineTitle' })

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const [certificates, pending] = await Promise.all([
    listCertificatesOf(user.id),
    pendingCertificatesOf(user.id),
  ])
  return {
    certificates,
    pending,
    canExport: hasRole(user, 'SUPERVISOR', 'INSTRUCTOR', 'ADMIN'),
  }
}

export default function MyCertificates() {
  const { certificates, pending, canExport } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation()
  return (
    <>
      <h1>{t('certs.mineTitle')}</h1>
      <p>{t('certs.mineIntro')}</p>
      <p>
        <Link to="/verifikasi">{t('certs.verifyLink')}</Link>
        {canExport ? (
          <>
            {' · '}
            <Link to="/sertifikat/ekspor">{t('certs.exportsLink')}</Link>
          </>
        ) : null}
      </p>
      {certificates.length === 0 && pending.length === 0 ? <p>{t('certs.empty')}</p> : null}
      <ul
        className="stack-list"
        data-testid="certificates"
        style={{ listStyle: 'none', padding: 0 }}
      >
        {pending.map((p) => (
          <li key={p.id} className="card">
            <strong>{p.courseVersion.title}</strong>
            <p className="muted">
              {t('certs.pending')}: {t('certs.pendingHint')}
            </p>
          </li>
        ))}
        {certificates.map((c) => (
          <li key={c.id} className="card" data-testid="certificate">
            <strong>{c.courseTitle}</strong>
            <dl style={{ margin: '.4rem 0', overflowWrap: 'anywhere' }}>
              <dt>{t('certs.code')}</dt>
              <dd>
                <code>{c.code}</code>
              </dd>
              <dt>{t('certs.jp')}</dt>
              <dd>{c.jp}</dd>
              <dt>{t('certs.completedOn')}</dt>
              <dd>{formatDate(c.completedAt, i18n.language)}</dd>
              <dt>{t('certs.status')}</dt>
              <dd>{c.revokedAt ? t('certs.revoked') : t('certs.valid')}</dd>
            </dl>
            {c.pdfKey ? (
              <a className="button" href={`/sertifikat/unduh/${c.code}`}>
                {t('certs.download')}
              </a>
            ) : (
              <span className="muted">{t('certs.pending')}</span>
            )}{' '}
            <Link to={`/verifikasi/${c.code}`}>{t('certs.verifyLink')}</Link>
          </li>
        ))}
      </ul>
    </>
  )
}
