// L3 form: the direct supervisor says whether the learner's behaviour at work changed.
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { getCollectionProps, getFormProps, getTextareaProps, useForm } from '@conform-to/react'
import { parseWithZod } from '~/utils/conform'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ErrorList, StatusButton } from '~/components/forms'
import { LIKERT_VALUES, MAX_COMMENT_LENGTH } from '~/domain/evaluation'
import { answerL3, l3Request } from '~/models/evaluation.server'
import { idSchema } from '~/schemas/common'
import { l3Schema } from '~/schemas/evaluation'
import { requireUser } from '~/utils/auth.server'
import { AppError } from '~/utils/errors'
import { pageTitle } from '~/utils/meta'
import { receivedAt } from '~/utils/misc'
import { readForm, routeParam, withAppErrors } from '~/utils/route-errors.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: 'evaluation.l3Title' })

export const loader = withAppErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  const id = routeParam(params, 'id', idSchema)
  return { request: await l3Request(user.id, id) }
})

export const action = withAppErrors(async ({ request, params }: ActionFunctionArgs) => {
  const user = await requireUser(request)
  const id = routeParam(params, 'id', idSchema)
  const submission = parseWithZod(await readForm(request), { schema: l3Schema })
  if (submission.status !== 'success')
    return data({ ok: false as const, result: submission.reply() }, { status: 400 })
  try {
    await answerL3(user.id, id, submission.value, new Date(receivedAt(request)))
    return { ok: true as const, result: submission.reply() }
  } catch (e) {
    if (e instanceof AppError && e.status !== 404)
      return data(
        {
          ok: false as const,
          result: submission.reply(
            e.field ? { fieldErrors: { [e.field]: [e.code] } } : { formErrors: [e.code] },
          ),
        },
        { status: e.status },
      )
    throw e
  }
})

export default function L3Form() {
  const { request: r } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { t } = useTranslation()
  const answered = result?.ok || r.answeredAt
  const [form, fields] = useForm({
    id: 'l3',
    lastResult: result?.result,
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: l3Schema }),
  })
  const invalid = (f: { errors?: string[]; errorId: string }) =>
    f.errors?.length ? { 'aria-invalid': true, 'aria-describedby': f.errorId } : {}
  return (
    <>
      <p>
        <Link to="/evaluasi/atasan">{t('evaluation.l3Title')}</Link>
      </p>
      <h1>{t('evaluation.l3FormTitle', { name: r.learner.name })}</h1>
      <p>{t('evaluation.l3Course', { course: r.course.title })}</p>
      {answered ? (
        <p className="alert alert-info" role="status" data-testid="l3-done">
          {result?.ok ? t('evaluation.l3Thanks') : t('evaluation.l3Already')}
        </p>
      ) : (
        <Form method="post" className="card" data-testid="l3-form" {...getFormProps(form)}>
          <ErrorList id={form.errorId} errors={form.errors} />
          <fieldset {...invalid(fields.applied)}>
            <legend>{t('evaluation.l3Applied')}</legend>
            {getCollectionProps(fields.applied, {
              type: 'radio',
              options: LIKERT_VALUES.map(String),
            }).map(({ key, ...props }) => (
              <label key={key} style={{ display: 'block' }}>
                <input {...props} required /> {props.value}
              </label>
            ))}
            <ErrorList id={fields.applied.errorId} errors={fields.applied.errors} />
          </fieldset>
          <fieldset {...invalid(fields.changed)}>
            <legend>{t('evaluation.l3Changed')}</legend>
            {getCollectionProps(fields.changed, { type: 'radio', options: ['yes', 'no'] }).map(
              ({ key, ...props }) => (
                <label key={key} style={{ display: 'block' }}>
                  <input {...props} required />{' '}
                  {props.value === 'yes' ? t('evaluation.yes') : t('evaluation.no')}
                </label>
              ),
            )}
            <ErrorList id={fields.changed.errorId} errors={fields.changed.errors} />
          </fieldset>
          <label htmlFor={fields.example.id}>{t('evaluation.l3Example')}</label>
          <textarea
            {...getTextareaProps(fields.example)}
            rows={3}
            maxLength={MAX_COMMENT_LENGTH}
            style={{ width: '100%' }}
          />
          <ErrorList id={fields.example.errorId} errors={fields.example.errors} />
          <StatusButton>{t('evaluation.l3Submit')}</StatusButton>
        </Form>
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
