// Bulk ZIP of certificates: supervisors (their scope) and instructors (per course). Built by a
// job; the page shows progress and reloads itself while one runs (meta refresh, no JavaScript).
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '~/utils/conform'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorList, StatusButton } from '~/components/forms'
import {
  listCertificateExports,
  exportableCourses,
  requestCertificateExport,
} from '~/models/certificate-export.server'
import { certificateExportSchema } from '~/schemas/certificate-export'
import { hasRole, requireRole } from '~/utils/auth.server'
import { readForm, withAppErrors } from '~/utils/route-errors.server'
import { formatDate } from '~/utils/misc'
import { pageTitle } from '~/utils/meta'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  ...pageTitle(matches, { key: 'certs.exportTitle' }),
  ...(data?.exports.some((e) => e.status === 'QUEUED' || e.status === 'RUNNING')
    ? [{ httpEquiv: 'refresh', content: '3' } as const]
    : []),
]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'SUPERVISOR', 'INSTRUCTOR', 'ADMIN')
  const canCourse = hasRole(user, 'INSTRUCTOR', 'ADMIN')
  const [exports, courses] = await Promise.all([
    listCertificateExports(user.id),
    canCourse ? exportableCourses() : Promise.resolve([]),
  ])
  return { exports, courses, canTeam: hasRole(user, 'SUPERVISOR', 'ADMIN'), canCourse }
}

export const action = withAppErrors(async ({ request }: ActionFunctionArgs) => {
  const user = await requireRole(request, 'SUPERVISOR', 'INSTRUCTOR', 'ADMIN')
  const submission = parseWithZod(await readForm(request), { schema: certificateExportSchema })
  if (submission.status !== 'success')
    return data(
      { result: submission.reply(), scope: String(submission.payload.scope ?? '') },
      { status: 400 },
    )
  await requestCertificateExport(user, submission.value)
  return redirect('/sertifikat/ekspor')
})

/** One export request form (team or course); the last reply shows on its own form. */
function ExportForm({ scope, children }: { scope: 'TEAM' | 'COURSE'; children?: ReactNode }) {
  const { t } = useTranslation()
  const result = useActionData<typeof action>()
  const [form, fields] = useForm({
    id: `export-${scope.toLowerCase()}`,
    lastResult: result?.scope === scope ? result.result : undefined,
    defaultValue: { scope },
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: certificateExportSchema }),
  })
  return (
    <Form method="post" className="card" {...getFormProps(form)}>
      <input {...getInputProps(fields.scope, { type: 'hidden' })} />
      <ErrorList id={form.errorId} errors={form.errors} />
      {children}
      <ErrorList errors={(fields as Record<string, { errors?: string[] }>).courseId?.errors} />
      <StatusButton>
        {t('certs.exportSubmit')}:{' '}
        {scope === 'TEAM' ? t('certs.exportTeam') : t('certs.exportCourse')}
      </StatusButton>
    </Form>
  )
}

export default function CertificateExports() {
  const { exports, courses, canTeam, canCourse } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation()
  return (
    <>
      <h1>{t('certs.exportTitle')}</h1>
      <p>{t('certs.exportIntro')}</p>
      {canTeam ? <ExportForm scope="TEAM" /> : null}
      {canCourse ? (
        <ExportForm scope="COURSE">
          <label htmlFor="courseId">{t('certs.exportCourseField')}</label>
          <select id="courseId" name="courseId" required style={{ maxWidth: '100%' }}>
            {courses.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </ExportForm>
      ) : null}
      <h2>{t('certs.exportList')}</h2>
      {exports.length === 0 ? <p>{t('certs.exportNone')}</p> : null}
      <ul style={{ listStyle: 'none', padding: 0 }} data-testid="exports">
        {exports.map((e) => (
          <li key={e.id} className="card" data-status={e.status}>
            <strong>{e.scope === 'TEAM' ? t('certs.exportTeam') : t('certs.exportCourse')}</strong>{' '}
            <span className="muted">· {formatDate(e.createdAt, i18n.language)}</span>
            <p>
              {t(`certs.exportStatus.${e.status}`)} —{' '}
              {t('certs.exportProgress', { done: e.done, total: e.total })}
            </p>
            {e.total > 0 ? (
              <progress value={e.done} max={e.total} style={{ width: '100%' }}>
                {e.done}/{e.total}
              </progress>
            ) : null}
            {e.status === 'DONE' ? (
              <a className="button" href={`/sertifikat/ekspor/${e.id}`}>
                {t('certs.exportDownload')}
              </a>
            ) : e.status === 'QUEUED' || e.status === 'RUNNING' ? (
              <a href="/sertifikat/ekspor">{t('certs.exportRefresh')}</a>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  )
}
