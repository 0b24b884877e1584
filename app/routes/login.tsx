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
import { Form, Link, useActionData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Field, StatusButton, useErrorText } from '~/components/forms'
import { signIn } from '~/models/sign-in.server'
import { loginSchema } from '~/schemas/login'
import {
  CHANGE_PASSWORD_PATH,
  clientMeta,
  createSession,
  requireAnonymous,
} from '~/utils/auth.server'
import { receivedAt, safeRedirect } from '~/utils/misc'
import { pageTitle } from '~/utils/meta'
import { keepRetryAfter } from '~/utils/retry-after'

export const headers = keepRetryAfter

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: 'login.title' })

const schema = loginSchema

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request)
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAnonymous(request)
  const formData = await request.formData()
  const submission = parseWithZod(formData, { schema })
  if (submission.status !== 'success') {
    return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
  }
  const meta = clientMeta(request)
  const result = await signIn({ ...submission.value, ip: meta.ip, now: receivedAt(request) })
  if (!result.ok) {
    const reply =
      result.field === 'form'
        ? submission.reply({ formErrors: [result.message], hideFields: ['password'] })
        : submission.reply({
            fieldErrors: { [result.field]: [result.message] },
            hideFields: ['password'],
          })
    return data(
      { result: reply },
      {
        status: result.retryAfterS ? 429 : 400,
        headers: result.retryAfterS ? { 'Retry-After': String(result.retryAfterS) } : undefined,
      },
    )
  }
  const cookie = await createSession(result.userId, meta)
  // A temporary password is changed first (every page would lead there anyway).
  const to = result.mustChangePassword
    ? CHANGE_PASSWORD_PATH
    : safeRedirect(submission.value.redirectTo)
  throw redirect(to, { headers: { 'Set-Cookie': cookie } })
}

export default function LoginPage() {
  const actionData = useActionData<typeof action>()
  const [params] = useSearchParams()
  const { t } = useTranslation()
  const errorText = useErrorText()
  const [form, fields] = useForm({
    id: 'login',
    lastResult: actionData?.result,
    constraint: getZodConstraint(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    // Revalidate while typing, never on blur: an error vanishing on blur moved the button from
    // under the pointer and swallowed the first click on "Masuk" (issue 8).
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
  })
  const reason = params.get('reason')
  return (
    <div className="login-wrap card">
      <h1>{t('login.title')}</h1>
      {reason === 'expired' ? <p className="alert alert-info">{t('login.expired')}</p> : null}
      {reason === 'signed-out' ? <p className="alert alert-info">{t('login.signedOut')}</p> : null}
      {reason === 'password-reset' ? (
        <p className="alert alert-info">{t('security.resetDone')}</p>
      ) : null}
      {form.errors?.length ? (
        <div className="alert alert-error" role="alert" id={form.errorId}>
          {form.errors.map((e) => (
            <p key={e} style={{ margin: 0 }}>
              {errorText(e)}
            </p>
          ))}
        </div>
      ) : null}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? '/'} />
        <Field
          label={t('login.identifier')}
          hint={t('login.identifierHint')}
          inputProps={{
            ...getInputProps(fields.identifier, { type: 'text' }),
            autoComplete: 'username',
            autoFocus: true,
          }}
          errors={fields.identifier.errors}
          errorId={fields.identifier.errorId}
        />
        <Field
          label={t('login.password')}
          inputProps={{
            ...getInputProps(fields.password, { type: 'password' }),
            autoComplete: 'current-password',
          }}
          errors={fields.password.errors}
          errorId={fields.password.errorId}
        />
        <StatusButton>{t('login.submit')}</StatusButton>
      </Form>
      <p>
        <Link to="/forgot-password">{t('security.forgotLink')}</Link>
      </p>
    </div>
  )
}
