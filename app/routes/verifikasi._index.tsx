// Public: a form to type a certificate number (works without JavaScript: GET to this page).
import { redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { normaliseCertificateCode } from '~/domain/certificate-code'

export const meta: MetaFunction = () => [{ title: 'Verifikasi Sertifikat · Bina' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const raw = new URL(request.url).searchParams.get('kode')
  if (raw === null) return null
  const code = normaliseCertificateCode(raw)
  // Anything typed goes to the result page, which says "unknown" for what is not a code.
  const segment =
    code ??
    (raw
      .trim()
      .slice(0, 40)
      .replace(/[^0-9A-Za-z -]/g, '') ||
      '-')
  return redirect(`/verifikasi/${encodeURIComponent(segment)}`)
}

function VerifyForm() {
  const { t } = useTranslation()
  return (
    <Form method="get" action="/verifikasi" className="card">
      <label htmlFor="kode">{t('certs.verifyField')}</label>
      <input
        id="kode"
        name="kode"
        required
        maxLength={40}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        placeholder="XXXX-XXXX-XXXX-XXXX-XX"
        style={{ maxWidth: '100%' }}
      />
      <button type="submit">{t('certs.verifySubmit')}</button>
    </Form>
  )
}

export default function VerifyIndex() {
  const { t } = useTranslation()
  return (
    <>
      <h1>{t('certs.verifyTitle')}</h1>
      <p>{t('certs.verifyIntro')}</p>
      <VerifyForm />
    </>
  )
}
