import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '~/utils/conform'
import {
  data as reply,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useRevalidator } from '@remix-run/react'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useErrorText } from '~/components/forms'
import { TableWrap } from '~/components/table'
import { auditImportStart, importStatus, startApply } from '~/models/asn-import.server'
import { importApplySchema, importRowsSchema } from '~/schemas/asn-import'
import { idSchema } from '~/schemas/common'
import { requireRole } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'
import { readForm, routeParam, withAppErrors } from '~/utils/route-errors.server'
import { readSearch } from '~/utils/search-params.server'
import type { CodedMessage, ErrorParams } from '~/utils/errors'

export const loader = withAppErrors(async ({ request, params }: LoaderFunctionArgs) => {
  await requireRole(request, 'ADMIN')
  const importId = routeParam(params, 'importId', idSchema, 'asnImport.notFound')
  const { value } = readSearch(request, importRowsSchema)
  return importStatus(importId, { page: value.page })
})

export const action = withAppErrors(async ({ request, params }: ActionFunctionArgs) => {
  const admin = await requireRole(request, 'ADMIN')
  const importId = routeParam(params, 'importId', idSchema, 'asnImport.notFound')
  const submission = parseWithZod(await readForm(request), { schema: importApplySchema })
  if (submission.status !== 'success')
    return reply({ error: 'screens.import.badChoice', result: submission.reply() }, { status: 400 })
  const res = await startApply(importId, submission.value.mode)
  if (!res.ok)
    return reply(
      { error: res.error, result: submission.reply({ formErrors: [res.error] }) },
      { status: 409 },
    )
  await auditImportStart(admin.id, importId, submission.value.mode)
  return { error: null, result: submission.reply() }
})

const RUNNING = ['UPLOADED', 'VALIDATING', 'IMPORTING']

function asParams(v: unknown): ErrorParams | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as ErrorParams) : undefined
}

/**
 * A row's problems in the reader's language: coded problems (decision 041), or the sentences an
 * import stored before them, shown as they are.
 */
function rowProblems(r: { errors: string[]; problems: unknown }): (string | CodedMessage)[] {
  const coded = Array.isArray(r.problems)
    ? (r.problems as unknown[]).filter(
        (p): p is CodedMessage =>
          !!p && typeof p === 'object' && typeof (p as CodedMessage).code === 'string',
      )
    : []
  return coded.length ? coded : r.errors
}

export const meta: MetaFunction<typeof loader> = ({ matches }) =>
  pageTitle(matches, { key: 'super.import' })

/**
 * While a job runs, the page follows it: with JavaScript by revalidating every two seconds (focus
 * and reading position stay); without, by a reload link. Not a meta refresh: a page that reloads
 * itself on a timer fails WCAG 2.2.1 (axe meta-refresh) and interrupts a screen reader.
 */
function useFollow(running: boolean) {
  const revalidator = useRevalidator()
  useEffect(() => {
    if (!running) return
    const timer = setInterval(() => {
      if (revalidator.state === 'idle') revalidator.revalidate()
    }, 2_000)
    return () => clearInterval(timer)
  }, [running, revalidator])
}

export default function AsnImportStatus() {
  const { imp, rows, page, pageSize } = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>()
  const { t } = useTranslation()
  const errorText = useErrorText()
  const [form, fields] = useForm({
    id: 'import-apply',
    lastResult: data?.result,
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: importApplySchema }),
  })
  const running = RUNNING.includes(imp.status)
  useFollow(running)
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
          {imp.processed} / {target || '…'} · <Link to=".">{t('ui.common.reload')}</Link>
        </p>
      ) : null}
      {imp.error ? (
        <p className="alert alert-error" role="alert" data-testid="import-error">
          {errorText({ code: imp.error, params: asParams(imp.errorParams) })}
        </p>
      ) : null}
      {data?.error ? (
        <p className="alert alert-error" role="alert" id={form.errorId}>
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
        <Form method="post" className="inline-form" {...getFormProps(form)}>
          <p>{t('super.nothingWritten')}</p>
          {imp.invalid === 0 ? (
            <button type="submit" name={fields.mode.name} value="ALL" className="button">
              {t('super.importAll')}
            </button>
          ) : imp.valid > 0 ? (
            <button
              type="submit"
              name={fields.mode.name}
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
          <TableWrap label={t('super.invalidRows')}>
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
                        {rowProblems(r).map((e, i) => (
                          <li key={i}>{errorText(e)}</li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
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
