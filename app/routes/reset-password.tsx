import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint } from '@conform-to/zod'
import { parseWithZod } from '~/utils/conform'
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Field, StatusButton } from '~/components/forms'
import i18next from '~/i18next.server'
import { resetPasswordWithToken, resetTokenUsable } from '~/models/password.server'
import { receivedAt } from '~/utils/misc'
import { pageTitle } from '~/utils/meta'
import { PASSWORD_FIELDS, resetPasswordSchema } from '~/schemas/password'

/** The page carries a token in its URL: the loader's no-referrer and no-store reach the browser. */
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders

export const meta: MetaFunction = ({ matches }) => [
  ...pageTitle(matches, { key: 'security.resetTitle' }),
  // The token is in the URL: never send it on in a Referer.
  { name: 'referrer', content: 'no-referrer' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? ''
  const usable = await resetTokenUsable(token, new Date(receivedAt(request)))
  return data(
    { token: usable ? token : null },
    { headers: { 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' } },
  )
}

export async function action({ request }: ActionFunctionArgs) {
  const t = await i18next.getFixedT(request)
  const submission = parseWithZod(await request.formData(), { schema: resetPasswordSchema })
  const hide = { hideFields: PASSWORD_FIELDS }
  if (submission.status !== 'success')
    return data({ result: submission.reply(hide) }, { status: 400 })
  const v = submission.value
  const r = await resetPasswordWithToken({
    token: v.token,
    newPassword: v.newPassword,
    now: new Date(receivedAt(request)),
  })
  if (!r.ok) {
    const message =
      r.code === 'INVALID' ? t('security.resetInvalid') : t(`security.problem.${r.code}`)
    return data(
      {
        result: submission.reply(
          r.code === 'INVALID'
            ? { ...hide, formErrors: [message] }
            : { ...hide, fieldErrors: { newPassword: [message] } },
        ),
      },
      { status: 400 },
    )
  }
  throw redirect('/login?reason=password-reset')
}

export default function ResetPasswordPage() {
  const { token } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'reset-password',
    lastResult: actionData?.result,
    constraint: getZodConstraint(resetPasswordSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resetPasswordSchema }),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
  })
  if (!token)
    return (
      <div className="login-wrap card">
        <h1>{t('security.resetTitle')}</h1>
        <p className="alert alert-error" role="alert">
          {t('security.resetInvalid')}
        </p>
        <p>
          <Link to="/forgot-password">{t('security.requestNew')}</Link>
        </p>
      </div>
    )
  return (
    <div className="login-wrap card">
      <h1>{t('security.resetTitle')}</h1>
      {form.errors?.length ? (
        <div className="alert alert-error" role="alert" id={form.errorId}>
          {form.errors.join(' ')} <Link to="/forgot-password">{t('security.requestNew')}</Link>
        </div>
      ) : null}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="token" value={token} />
        {[
          [fields.newPassword, t('security.newPassword'), t('security.passwordHint')] as const,
          [fields.confirmPassword, t('security.confirmPassword'), undefined] as const,
        ].map(([f, label, hint]) => (
          <Field
            key={f.name}
            label={label}
            hint={hint}
            inputProps={{ ...getInputProps(f, { type: 'password' }), autoComplete: 'new-password' }}
            errors={f.errors}
            errorId={f.errorId}
          />
        ))}
        <StatusButton>{t('security.resetSubmit')}</StatusButton>
      </Form>
    </div>
  )
}
