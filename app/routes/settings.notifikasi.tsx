// Everyone signed in: email on or off per notification kind (in-app notifications always appear).
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { StatusButton } from '~/components/forms'
import {
  EMAIL_KINDS,
  notificationPreferences,
  saveNotificationPreferences,
  type EmailKind,
} from '~/models/notification.server'
import { requireUser } from '~/utils/auth.server'
import { InvalidError } from '~/utils/errors'
import { pageTitle } from '~/utils/meta'
import { readForm, withAppErrors } from '~/utils/route-errors.server'

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, { key: 'orgArea.prefs.title' })

export const loader = withAppErrors(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  return { email: user.email, prefs: await notificationPreferences(user.id) }
})

export const action = withAppErrors(async ({ request }: ActionFunctionArgs) => {
  const user = await requireUser(request)
  const form = await readForm(request)
  const chosen = form.getAll('email').map(String)
  const unknown = chosen.filter((k) => !(EMAIL_KINDS as readonly string[]).includes(k))
  if (unknown.length) throw new InvalidError('input.invalid')
  await saveNotificationPreferences(user.id, chosen as EmailKind[])
  return redirect('/settings/notifikasi?saved=1', 303)
})

export default function NotificationSettings() {
  const { email, prefs } = useLoaderData<typeof loader>()
  const [params] = useSearchParams()
  const { t } = useTranslation()
  return (
    <>
      <h1>{t('orgArea.prefs.title')}</h1>
      {params.get('saved') === '1' ? (
        <div className="alert alert-info" role="status" data-testid="prefs-saved">
          {t('orgArea.prefs.saved')}
        </div>
      ) : null}
      <p>{t('orgArea.prefs.intro', { email })}</p>
      <Form method="post" className="card stack" data-testid="notification-prefs">
        <fieldset>
          <legend>{t('orgArea.prefs.legend')}</legend>
          {prefs.map((p) => (
            <div key={p.kind} className="checkbox">
              <input
                type="checkbox"
                id={`pref-${p.kind}`}
                name="email"
                value={p.kind}
                defaultChecked={p.email}
              />{' '}
              <label htmlFor={`pref-${p.kind}`}>{t(`orgArea.prefs.kinds.${p.kind}`)}</label>
            </div>
          ))}
        </fieldset>
        <StatusButton>{t('orgArea.prefs.save')}</StatusButton>
      </Form>
      <p>
        <Link to="/notifications">{t('notifications.title')}</Link>
      </p>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
