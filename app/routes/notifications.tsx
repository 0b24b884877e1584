import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '~/utils/conform'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { StatusButton } from '~/components/forms'
import { listNotifications, markRead } from '~/models/notification.server'
import { requireUser } from '~/utils/auth.server'
import { markReadSchema } from '~/schemas/notification'
import { InvalidError } from '~/utils/errors'
import { pageTitle } from '~/utils/meta'
import { formatDate } from '~/utils/misc'
import { notificationText } from '~/utils/notification-text'
import { readForm, withAppErrors } from '~/utils/route-errors.server'

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, { key: 'notifications.title' })

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return { notifications: await listNotifications(user.id) }
}

export const action = withAppErrors(async ({ request }: ActionFunctionArgs) => {
  const user = await requireUser(request)
  const submission = parseWithZod(await readForm(request), { schema: markReadSchema })
  if (submission.status !== 'success') throw new InvalidError('notification.unknown')
  await markRead(user.id, submission.value.id)
  return { ok: true }
})

export default function Notifications() {
  const { notifications } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation()
  const [form, fields] = useForm({
    id: 'mark-all-read',
    defaultValue: { id: 'all' },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: markReadSchema }),
  })
  return (
    <>
      <h1>{t('notifications.title')}</h1>
      <p>
        <Link to="/settings/notifikasi">{t('orgArea.prefs.link')}</Link>
      </p>
      {notifications.some((n) => !n.readAt) ? (
        <Form method="post" {...getFormProps(form)}>
          <input {...getInputProps(fields.id, { type: 'hidden' })} />
          <StatusButton className="button-secondary">{t('notifications.markAll')}</StatusButton>
        </Form>
      ) : null}
      {notifications.length === 0 ? <p>{t('notifications.empty')}</p> : null}
      <ul style={{ listStyle: 'none', padding: 0 }} data-testid="notifications">
        {notifications.map((n) => {
          const text = notificationText(n, t, i18n.language)
          return (
            <li key={n.id} className={`card ${n.readAt ? '' : 'notif-unread'}`}>
              <strong>{text.title}</strong>{' '}
              <span className="muted">· {formatDate(n.createdAt, i18n.language)}</span>
              <p style={{ margin: '.3rem 0' }}>{text.body}</p>
              {n.link ? <Link to={n.link}>{t('ui.notificationsPage.open')}</Link> : null}
            </li>
          )
        })}
      </ul>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
