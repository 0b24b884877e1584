// Admin: find certificates and revoke one with a reason category (audited).
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { REVOCATION_REASONS } from '~/domain/certificate'
import { adminCertificates, revokeCertificate } from '~/models/certificate.server'
import { clientMeta, requireRole } from '~/utils/auth.server'
import { formatDate, receivedAt } from '~/utils/misc'

export const meta: MetaFunction = () => [{ title: 'Kelola Sertifikat · Bina' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'ADMIN')
  const q = new URL(request.url).searchParams.get('q')?.trim().slice(0, 100) || undefined
  return { q: q ?? '', certificates: await adminCertificates(q) }
}

const schema = z.object({
  code: z.string().min(1, 'Kode sertifikat wajib diisi.'),
  reason: z.enum(REVOCATION_REASONS, { message: 'Pilih alasan pencabutan.' }),
  note: z.string().trim().max(500, 'Keterangan paling banyak 500 karakter.').default(''),
})

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, 'ADMIN')
  const parsed = schema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success)
    return data(
      { ok: false as const, message: parsed.error.issues[0]?.message ?? 'Permintaan tidak valid.' },
      { status: 400 },
    )
  try {
    const r = await revokeCertificate({
      actorId: user.id,
      ...parsed.data,
      at: new Date(receivedAt(request)),
      ip: clientMeta(request).ip,
    })
    return { ok: true as const, code: r.code }
  } catch (e) {
    if (e instanceof Response)
      return data({ ok: false as const, message: await e.text() }, { status: e.status })
    throw e
  }
}

export default function AdminCertificates() {
  const { q, certificates } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { t, i18n } = useTranslation()
  return (
    <>
      <h1>{t('certs.adminTitle')}</h1>
      {result ? (
        <p className={`alert ${result.ok ? 'alert-info' : 'alert-error'}`} role="status">
          {result.ok ? t('certs.adminRevoked', { code: result.code }) : result.message}
        </p>
      ) : null}
      <Form method="get" className="card">
        <label htmlFor="q">{t('certs.adminSearch')}</label>
        <input id="q" name="q" defaultValue={q} style={{ maxWidth: '100%' }} />
        <button type="submit">{t('certs.adminSearchSubmit')}</button>
      </Form>
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
            {c.revokedAt ? null : (
              <Form method="post" style={{ marginTop: '.5rem' }}>
                <input type="hidden" name="code" value={c.code} />
                <label htmlFor={`reason-${c.id}`}>{t('certs.adminReason')}</label>
                <select id={`reason-${c.id}`} name="reason" required>
                  {REVOCATION_REASONS.map((r) => (
                    <option key={r} value={r}>
                      {t(`certs.reasons.${r}`)}
                    </option>
                  ))}
                </select>
                <label htmlFor={`note-${c.id}`}>{t('certs.adminNote')}</label>
                <input
                  id={`note-${c.id}`}
                  name="note"
                  maxLength={500}
                  style={{ maxWidth: '100%' }}
                />
                <button type="submit" className="button-danger">
                  {t('certs.adminRevoke')}
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
    </>
  )
}
