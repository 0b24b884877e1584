import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint } from '@conform-to/zod'
import { parseWithZod } from '~/utils/conform'
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { Field, StatusButton } from '~/components/forms'
import i18next from '~/i18next.server'
import { requestPasswordReset } from '~/models/password.server'
import { clientMeta, requireAnonymous } from '~/utils/auth.server'
import { env } from '~/utils/env.server'
import { receivedAt } from '~/utils/misc'
import { pageTitle } from '~/utils/meta'
import { keepRetryAfter } from '~/utils/retry-after'

export const headers = keepRetryAfter

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, { key: 'security.forgotTitle' })

const schema = z.object({
  identifier: z.string({ required_error: 'required' }).trim().min(1, 'required').max(254),
})

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request)
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAnonymous(request)
  const t = await i18next.getFixedT(request)
  const submission = parseWithZod(await request.formData(), { schema })
  if (submission.status !== 'success')
    return data(
      {
        result: submission.reply({ fieldErrors: { identifier: [t('security.required')] } }),
        sent: null,
      },
      { status: 400 },
    )
  const r = await requestPasswordReset({
    identifier: submission.value.identifier,
    ip: clientMeta(request).ip,
    now: new Date(receivedAt(request)),
  })
  if (!r.ok)
    return data(
      { result: submission.reply({ formErrors: [t('security.forgotWait')] }), sent: null },
      { status: 429, headers: { 'Retry-After': String(r.retryAfterS) } },
    )
  // The same answer whether or not the account exists.
  return {
    result: submission.reply({ resetForm: true }),
    sent: t('security.forgotSent', { minutes: env.PASSWORD_RESET_MINUTES }),
  }
}

export default function ForgotPasswordPage() {
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'forgot-password',
    lastResult: actionData?.result,
    constraint: getZodConstraint(schema),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
  })
  return (
    <div className="login-wrap card">
      <h1>{t('security.forgotTitle')}</h1>
      {actionData?.sent ? (
        <p className="alert alert-success" role="status" data-testid="reset-sent">
          {actionData.sent}
        </p>
      ) : (
        <p>{t('security.forgotIntro')}</p>
      )}
      {form.errors?.length ? (
        <div className="alert alert-error" role="alert" id={form.errorId}>
          {form.errors.join(' ')}
        </div>
      ) : null}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <Field
          label={t('login.identifier')}
          inputProps={{
            ...getInputProps(fields.identifier, { type: 'text' }),
            autoComplete: 'username',
          }}
          errors={fields.identifier.errors}
          errorId={fields.identifier.errorId}
        />
        <StatusButton>{t('security.forgotSubmit')}</StatusButton>
      </Form>
      <p>
        <Link to="/login">{t('security.backToLogin')}</Link>
      </p>
    </div>
  )
}
