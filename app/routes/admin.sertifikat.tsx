// Admin: find certificates and revoke one with a reason category (audited).
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { parseWithZod } from '~/utils/conform'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ErrorList, Field, SearchForm, StatusButton, useErrorText } from '~/components/forms'
import { REVOCATION_REASONS } from '~/domain/certificate'
import { adminCertificates, revokeCertificate } from '~/models/certificate.server'
import { clientMeta, requireRole } from '~/utils/auth.server'
import { AppError, messageWith } from '~/utils/errors'
import { formatDate, receivedAt } from '~/utils/misc'
import { readForm } from '~/utils/route-errors.server'
import { readSearch } from '~/utils/search-params.server'
import { certificateSearchSchema, revokeSchema } from '~/schemas/certificate-admin'
import { pageTitle } from '~/utils/meta'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: 'certs.adminTitle' })

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'ADMIN')
  const { value, result } = readSearch(request, certificateSearchSchema)
  const q = value.q || undefined
  return { q: q ?? '', result, certificates: await adminCertificates(q) }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, 'ADMIN')
  const submission = parseWithZod(await readForm(request), { schema: revokeSchema })
  if (submission.status !== 'success')
    return data(
      {
        ok: false as const,
        message: 'input.invalid',
        codeOf: String(submission.payload.code ?? ''),
        result: submission.reply(),
      },
      { status: 400 },
    )
  try {
    const r = await revokeCertificate({
      actorId: user.id,
      ...submission.value,
      at: new Date(receivedAt(request)),
      ip: clientMeta(request).ip,
    })
    return { ok: true as const, code: r.code, codeOf: r.code, result: submission.reply() }
  } catch (e) {
    if (e instanceof AppError)
      return data(
        {
          ok: false as const,
          message: messageWith(e.code, e.params),
          codeOf: submission.value.code,
          result: null,
        },
        { status: e.status },
      )
    throw e
  }
}

type Result = ReturnType<typeof useActionData<typeof action>>

/** The revocation form of one certificate; the last reply shows on its own certificate only. */
function RevokeForm({ id, code, result }: { id: string; code: string; result: Result }) {
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: `revoke-${id}`,
    lastResult: result && !result.ok && result.codeOf === code ? result.result : undefined,
    defaultValue: { code, reason: REVOCATION_REASONS[0], note: '' },
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: revokeSchema }),
  })
  return (
    <Form method="post" style={{ marginTop: '.5rem' }} {...getFormProps(form)}>
      <input {...getInputProps(fields.code, { type: 'hidden' })} />
      <ErrorList
        id={form.errorId}
        errors={[...(form.errors ?? []), ...(fields.code.errors ?? [])]}
      />
      <Field
        label={t('certs.adminReason')}
        selectProps={{ ...getSelectProps(fields.reason), id: `reason-${id}`, required: true }}
        errors={fields.reason.errors}
      >
        {REVOCATION_REASONS.map((r) => (
          <option key={r} value={r}>
            {t(`certs.reasons.${r}`)}
          </option>
        ))}
      </Field>
      <Field
        label={t('certs.adminNote')}
        inputProps={{
          ...getInputProps(fields.note, { type: 'text' }),
          id: `note-${id}`,
          maxLength: 500,
          style: { maxWidth: '100%' },
        }}
        errors={fields.note.errors}
      />
      <StatusButton className="button-danger">{t('certs.adminRevoke')}</StatusButton>
    </Form>
  )
}

export default function AdminCertificates() {
  const { q, result: searchResult, certificates } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { t, i18n } = useTranslation()
  const errorText = useErrorText()
  return (
    <>
      <h1>{t('certs.adminTitle')}</h1>
      {result ? (
        <p className={`alert ${result.ok ? 'alert-info' : 'alert-error'}`} role="status">
          {result.ok ? t('certs.adminRevoked', { code: result.code }) : errorText(result.message)}
        </p>
      ) : null}
      <SearchForm
        id="certificate-search"
        schema={certificateSearchSchema}
        result={searchResult}
        defaultValue={{ q }}
        role="search"
        className="card"
      >
        {(fields) => (
          <>
            <Field
              label={t('certs.adminSearch')}
              inputProps={{
                ...getInputProps(fields.q, { type: 'search' }),
                maxLength: 100,
                style: { maxWidth: '100%' },
              }}
              errors={fields.q.errors}
            />
            <button type="submit">{t('certs.adminSearchSubmit')}</button>
          </>
        )}
      </SearchForm>
      {certificates.length === 0 ? <p>{t('certs.adminNone')}</p> : null}
      <ul style={{ listStyle: 'none', padding: 0 }} data-testid="admin-certificates">
        {certificates.map((c) => (
          <li key={c.id} className="card" style={{ overflowWrap: 'anywhere' }}>
            <strong>{c.holderName}</strong> · {c.holderNip}
            <br />
            {c.courseTitle} · {c.jp} JP · {formatDate(c.completedAt, i18n.language)}
            <br />
            <Link to={`/verifikasi/${c.code}`}>
              <code>{c.code}</code>
            </Link>{' '}
            —{' '}
            {c.revokedAt
              ? `${t('certs.revoked')} (${t(`certs.reasons.${c.revokedReason ?? 'OTHER'}`)})`
              : t('certs.valid')}
            {c.revokedAt ? null : <RevokeForm id={c.id} code={c.code} result={result} />}
          </li>
        ))}
      </ul>
    </>
  )
}
