// Bulk ZIP of certificates: supervisors (their scope) and instructors (per course). Built by a
// job; the page shows progress and reloads itself while one runs (meta refresh, no JavaScript).
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import {
  listCertificateExports,
  exportableCourses,
  requestCertificateExport,
} from '~/models/certificate-export.server'
import { hasRole, requireRole } from '~/utils/auth.server'
import { formatDate } from '~/utils/misc'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: 'Ekspor Sertifikat · Bina' },
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

const schema = z.discriminatedUnion('scope', [
  z.object({ scope: z.literal('TEAM') }),
  z.object({ scope: z.literal('COURSE'), courseId: z.string().min(1, 'Pilih kursus.') }),
])

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, 'SUPERVISOR', 'INSTRUCTOR', 'ADMIN')
  const parsed = schema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success)
    return data(
      { message: parsed.error.issues[0]?.message ?? 'Permintaan tidak valid.' },
      { status: 400 },
    )
  await requestCertificateExport(user, parsed.data)
  return redirect('/sertifikat/ekspor')
}

export default function CertificateExports() {
  const { exports, courses, canTeam, canCourse } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation()
  return (
    <>
      <h1>{t('certs.exportTitle')}</h1>
      <p>{t('certs.exportIntro')}</p>
      {canTeam ? (
        <Form method="post" className="card">
          <input type="hidden" name="scope" value="TEAM" />
          <button type="submit">
            {t('certs.exportSubmit')}: {t('certs.exportTeam')}
          </button>
        </Form>
      ) : null}
      {canCourse ? (
        <Form method="post" className="card">
          <input type="hidden" name="scope" value="COURSE" />
          <label htmlFor="courseId">{t('certs.exportCourseField')}</label>
          <select id="courseId" name="courseId" required style={{ maxWidth: '100%' }}>
            {courses.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
          <button type="submit">
            {t('certs.exportSubmit')}: {t('certs.exportCourse')}
          </button>
        </Form>
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
