import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { listNotifications, markRead } from '~/models/notification.server'
import { requireUser } from '~/utils/auth.server'
import { formatDate } from '~/utils/misc'
import { notificationText } from '~/utils/notification-text'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return { notifications: await listNotifications(user.id) }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const parsed = z
    .object({ id: z.string().min(1) })
    .safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) throw new Response('Notifikasi tidak dikenal.', { status: 400 })
  await markRead(user.id, parsed.data.id)
  return { ok: true }
}

export default function Notifications() {
  const { notifications } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <>
      <h1>{t('notifications.title')}</h1>
      {notifications.some((n) => !n.readAt) ? (
        <Form method="post">
          <input type="hidden" name="id" value="all" />
          <button type="submit" className="button-secondary">
            {t('notifications.markAll')}
          </button>
        </Form>
      ) : null}
      {notifications.length === 0 ? <p>{t('notifications.empty')}</p> : null}
      <ul style={{ listStyle: 'none', padding: 0 }} data-testid="notifications">
        {notifications.map((n) => {
          const text = notificationText(n, t)
          return (
            <li key={n.id} className={`card ${n.readAt ? '' : 'notif-unread'}`}>
              <strong>{text.title}</strong>{' '}
              <span className="muted">· {formatDate(n.createdAt)}</span>
              <p style={{ margin: '.3rem 0' }}>{text.body}</p>
              {n.link ? <Link to={n.link}>{t('jobs.notifications.open')}</Link> : null}
            </li>
          )
        })}
      </ul>
    </>
  )
}
