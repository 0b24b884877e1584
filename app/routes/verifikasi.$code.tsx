// Public verification of a certificate by code (the QR code on the PDF opens this page): valid,
// revoked (date and reason category) or unknown. Shows only name, course, JP and date.
import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { consumeVerification } from '~/models/certificate-verify-limit.server'
import { verifyCertificate } from '~/models/certificate.server'
import { clientMeta } from '~/utils/auth.server'
import { formatDate } from '~/utils/misc'
import { pageTitle } from '~/utils/meta'

export const meta: MetaFunction = ({ matches }) => [
  ...pageTitle(matches, { key: 'certs.verifyTitle' }),
  { name: 'robots', content: 'noindex' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const address = clientMeta(request).ip ?? 'unknown'
  const wait = await consumeVerification(address)
  if (wait !== null)
    return data({ limited: wait, result: null } as const, {
      status: 429,
      headers: { 'Retry-After': String(wait) },
    })
  const result = await verifyCertificate(params.code ?? '')
  return data(
    { limited: null, result },
    { status: result.status === 'unknown' ? 404 : 200, headers: { 'Cache-Control': 'no-store' } },
  )
}

export default function VerifyResult() {
  const { limited, result } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation()
  return (
    <>
      <h1>{t('certs.verifyTitle')}</h1>
      {limited !== null || !result ? (
        <p className="alert alert-error" role="alert">
          {t('certs.tooMany', { seconds: limited })}
        </p>
      ) : result.status === 'unknown' ? (
        <section className="card" data-testid="verify-status" data-status="unknown">
          <h2>{t('certs.verifyUnknown')}</h2>
          <p>{t('certs.verifyUnknownText')}</p>
        </section>
      ) : (
        <section
          className={`card ${result.status === 'valid' ? 'alert-info' : 'alert-error'}`}
          data-testid="verify-status"
          data-status={result.status}
        >
          <h2>{result.status === 'valid' ? t('certs.verifyValid') : t('certs.verifyRevoked')}</h2>
          <p>
            {result.status === 'valid'
              ? t('certs.verifyValidText')
              : t('certs.verifyRevokedText', {
                  date: formatDate(result.revokedAt!, i18n.language),
                  reason: t(`certs.reasons.${result.revokedReason ?? 'OTHER'}`),
                })}
          </p>
          <dl style={{ overflowWrap: 'anywhere' }}>
            <dt>{t('certs.code')}</dt>
            <dd>
              <code>{result.code}</code>
            </dd>
            <dt>{t('certs.holder')}</dt>
            <dd data-testid="verify-holder">{result.holderName}</dd>
            <dt>{t('certs.course')}</dt>
            <dd data-testid="verify-course">{result.courseTitle}</dd>
            <dt>{t('certs.jp')}</dt>
            <dd>{result.jp}</dd>
            <dt>{t('certs.date')}</dt>
            <dd>{formatDate(result.completedAt, i18n.language)}</dd>
          </dl>
        </section>
      )}
      <p>
        <Link to="/verifikasi">{t('certs.verifyAnother')}</Link>
      </p>
    </>
  )
}
