// Public: a form to type a certificate number (works without JavaScript: GET to this page).
import { redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { getInputProps } from '@conform-to/react'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Field, SearchForm } from '~/components/forms'
import { normaliseCertificateCode } from '~/domain/certificate-code'
import { verifyQuerySchema } from '~/schemas/certificate-verify'
import { readSearch } from '~/utils/search-params.server'
import { pageTitle } from '~/utils/meta'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: 'certs.verifyTitle' })

export async function loader({ request }: LoaderFunctionArgs) {
  const { value, result } = readSearch(request, verifyQuerySchema)
  const raw = value.kode
  if (raw === undefined) return { result }
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
  const { result } = useLoaderData<typeof loader>()
  return (
    <SearchForm
      id="verify"
      schema={verifyQuerySchema}
      result={result}
      defaultValue={{ kode: '' }}
      action="/verifikasi"
      className="card"
    >
      {(fields) => (
        <>
          <Field
            label={t('certs.verifyField')}
            inputProps={{
              ...getInputProps(fields.kode, { type: 'text' }),
              id: 'kode',
              required: true,
              maxLength: 40,
              autoComplete: 'off',
              autoCapitalize: 'characters',
              spellCheck: false,
              placeholder: 'XXXX-XXXX-XXXX-XXXX-XX',
              style: { maxWidth: '100%' },
            }}
            errors={fields.kode.errors}
          />
          <button type="submit">{t('certs.verifySubmit')}</button>
        </>
      )}
    </SearchForm>
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
