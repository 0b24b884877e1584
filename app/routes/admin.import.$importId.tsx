import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { useErrorText } from '~/components/forms'
import { z } from 'zod'
import { auditImportStart, importStatus, startApply } from '~/models/asn-import.server'
import { requireRole } from '~/utils/auth.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, 'ADMIN')
  const page = Number(new URL(request.url).searchParams.get('page') ?? 1) || 1
  return importStatus(params.importId!, { page })
}

const Intent = z.object({ mode: z.enum(['ALL', 'VALID_ONLY']) })

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, 'ADMIN')
  const parsed = Intent.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) return { error: 'screens.import.badChoice' }
  const res = await startApply(params.importId!, parsed.data.mode)
  if (!res.ok) return { error: res.error }
  await auditImportStart(admin.id, params.importId!, parsed.data.mode)
  return { error: null }
}

const RUNNING = ['UPLOADED', 'VALIDATING', 'IMPORTING']

// Without JavaScript, the page reloads itself every two seconds while a job runs.
export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data && RUNNING.includes(data.imp.status) ? [{ httpEquiv: 'refresh', content: '2' }] : []

export default function AsnImportStatus() {
  const { imp, rows, page, pageSize } = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>()
  const { t } = useTranslation()
  const errorText = useErrorText()
  const running = RUNNING.includes(imp.status)
  const target = imp.status === 'IMPORTING' ? imp.valid : imp.total
  return (
    <>
      <p>
        <Link to="/admin/import">‹ {t('super.import')}</Link>
      </p>
      <h1>{imp.fileName}</h1>
      <p data-testid="import-status">
        {t('super.status')}: <strong>{t(`super.importStatus.${imp.status}`)}</strong>
      </p>
      {running ? (
        <p>
          <progress
            max={Math.max(1, target)}
            value={imp.processed}
            aria-label={t('super.status')}
          />{' '}
          {imp.processed} / {target || '…'}
        </p>
      ) : null}
      {imp.error ? (
        <p className="alert alert-error" role="alert" data-testid="import-error">
          {errorText(imp.error)}
        </p>
      ) : null}
      {data?.error ? (
        <p className="alert alert-error" role="alert">
          {errorText(data.error)}
        </p>
      ) : null}
      {imp.status !== 'UPLOADED' && imp.status !== 'VALIDATING' && imp.status !== 'FAILED' ? (
        <dl className="facts">
          <dt>{t('super.rows')}</dt>
          <dd>{imp.total}</dd>
          <dt>{t('super.validRows')}</dt>
          <dd data-testid="valid-rows">{imp.valid}</dd>
          <dt>{t('super.invalidRows')}</dt>
          <dd data-testid="invalid-rows">{imp.invalid}</dd>
          {imp.status === 'DONE' ? (
            <>
              <dt>{t('super.created')}</dt>
              <dd>{imp.created}</dd>
              <dt>{t('super.updated')}</dt>
              <dd>{imp.updated}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
      {imp.status === 'VALIDATED' ? (
        <Form method="post" className="inline-form">
          <p>{t('super.nothingWritten')}</p>
          {imp.invalid === 0 ? (
            <button type="submit" name="mode" value="ALL" className="button">
              {t('super.importAll')}
            </button>
          ) : imp.valid > 0 ? (
            <button
              type="submit"
              name="mode"
              value="VALID_ONLY"
              className="button button-secondary"
            >
              {t('super.importValid', { count: imp.valid })}
            </button>
          ) : null}
        </Form>
      ) : null}
      {rows.length ? (
        <>
          <h2>{t('super.invalidRows')}</h2>
          <div className="table-scroll">
            <table data-testid="import-errors">
              <thead>
                <tr>
                  <th scope="col">{t('super.row')}</th>
                  <th scope="col">NIP</th>
                  <th scope="col">{t('super.reasons')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.rowNo}>
                    <th scope="row">{r.rowNo}</th>
                    <td>{String((r.data as { nip?: string }).nip ?? '')}</td>
                    <td>
                      <ul>
                        {r.errors.map((e, i) => (
                          <li key={i}>{e}</li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="pagination" aria-label={t('super.rows')}>
            {page > 1 ? <Link to={`?page=${page - 1}`}>‹</Link> : null}
            <span>{page}</span>
            {imp.invalid > page * pageSize ? <Link to={`?page=${page + 1}`}>›</Link> : null}
          </nav>
        </>
      ) : null}
    </>
  )
}
