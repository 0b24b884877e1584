import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint } from '@conform-to/zod'
import { parseWithZod } from '~/utils/conform'
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Field, StatusButton } from '~/components/forms'
import i18next from '~/i18next.server'
import { changePassword } from '~/models/password.server'
import { requireUserSession } from '~/utils/auth.server'
import { receivedAt } from '~/utils/misc'
import { pageTitle } from '~/utils/meta'
import { PASSWORD_FIELDS, changePasswordSchema } from '~/schemas/password'
import { keepRetryAfter } from '~/utils/retry-after'

export const headers = keepRetryAfter

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, { key: 'security.changeTitle' })

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUserSession(request)
  const done = new URL(request.url).searchParams.get('done') === '1'
  return { mustChange: user.mustChangePassword, done }
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, sessionId } = await requireUserSession(request)
  const t = await i18next.getFixedT(request)
  const formData = await request.formData()
  const submission = parseWithZod(formData, { schema: changePasswordSchema })
  const hide = { hideFields: PASSWORD_FIELDS }
  if (submission.status !== 'success')
    return data({ result: submission.reply(hide) }, { status: 400 })
  const v = submission.value
  const r = await changePassword({
    userId: user.id,
    sessionId,
    currentPassword: v.currentPassword,
    newPassword: v.newPassword,
    now: receivedAt(request),
  })
  if (!r.ok && r.code === 'TOO_MANY_TRIES')
    return data(
      {
        result: submission.reply({
          ...hide,
          fieldErrors: { currentPassword: [t('sec.currentWait', { seconds: r.retryAfterS })] },
        }),
      },
      { status: 429, headers: { 'Retry-After': String(r.retryAfterS) } },
    )
  if (!r.ok) {
    const message =
      r.code === 'CURRENT_WRONG'
        ? t('security.currentWrong')
        : r.code === 'SAME_AS_CURRENT'
          ? t('security.sameAsCurrent')
          : t(`security.problem.${r.code}`)
    return data(
      { result: submission.reply({ ...hide, fieldErrors: { [r.field]: [message] } }) },
      { status: 400 },
    )
  }
  // A forced change continues to the portal; a voluntary one confirms on this page.
  throw redirect(user.mustChangePassword ? '/' : '/settings/password?done=1')
}

export default function ChangePasswordPage() {
  const { mustChange, done } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'change-password',
    lastResult: actionData?.result,
    constraint: getZodConstraint(changePasswordSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: changePasswordSchema }),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
  })
  const field = (
    f: (typeof fields)['currentPassword'],
    label: string,
    autoComplete: string,
    hint?: string,
  ) => (
    <Field
      label={label}
      hint={hint}
      inputProps={{ ...getInputProps(f, { type: 'password' }), autoComplete }}
      errors={f.errors}
      errorId={f.errorId}
    />
  )
  return (
    <div className="login-wrap card">
      <h1>{t('security.changeTitle')}</h1>
      {mustChange ? <p className="alert alert-info">{t('security.mustChange')}</p> : null}
      {done ? (
        <p className="alert alert-success" role="status" data-testid="password-changed">
          {t('security.changed')}
        </p>
      ) : null}
      <Form method="post" className="stack" {...getFormProps(form)}>
        {field(fields.currentPassword, t('security.currentPassword'), 'current-password')}
        {field(
          fields.newPassword,
          t('security.newPassword'),
          'new-password',
          t('security.passwordHint'),
        )}
        {field(fields.confirmPassword, t('security.confirmPassword'), 'new-password')}
        <StatusButton>{t('security.changeSubmit')}</StatusButton>
      </Form>
    </div>
  )
}
