// Everyone signed in: email on or off per notification kind (in-app notifications always appear).
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { getCollectionProps, getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '~/utils/conform'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ErrorList, StatusButton } from '~/components/forms'
import {
  EMAIL_KINDS,
  notificationPreferences,
  saveNotificationPreferences,
  type EmailKind,
} from '~/models/notification.server'
import { emailPrefsSchema } from '~/schemas/notification'
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
  const submission = parseWithZod(await readForm(request), {
    schema: emailPrefsSchema(EMAIL_KINDS),
  })
  if (submission.status !== 'success') throw new InvalidError('input.invalid')
  await saveNotificationPreferences(user.id, submission.value.email as EmailKind[])
  return redirect('/settings/notifikasi?saved=1', 303)
})

export default function NotificationSettings() {
  const { email, prefs } = useLoaderData<typeof loader>()
  const [params] = useSearchParams()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'notification-prefs',
    defaultValue: { email: prefs.filter((p) => p.email).map((p) => p.kind) },
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema: emailPrefsSchema(prefs.map((p) => p.kind)) }),
  })
  return (
    <>
      <h1>{t('orgArea.prefs.title')}</h1>
      {params.get('saved') === '1' ? (
        <div className="alert alert-info" role="status" data-testid="prefs-saved">
          {t('orgArea.prefs.saved')}
        </div>
      ) : null}
      <p>{t('orgArea.prefs.intro', { email })}</p>
      <Form
        method="post"
        className="card stack"
        data-testid="notification-prefs"
        {...getFormProps(form)}
      >
        <fieldset>
          <legend>{t('orgArea.prefs.legend')}</legend>
          {getCollectionProps(fields.email, {
            type: 'checkbox',
            options: prefs.map((p) => p.kind),
          }).map(({ key, ...props }) => (
            <div key={key} className="checkbox">
              <input {...props} id={`pref-${props.value}`} />{' '}
              <label htmlFor={`pref-${props.value}`}>
                {t(`orgArea.prefs.kinds.${props.value}`)}
              </label>
            </div>
          ))}
          <ErrorList id={fields.email.errorId} errors={fields.email.errors} />
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
