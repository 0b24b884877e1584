// Instructors' evaluation settings of a course: L1 survey items, pre-/post-test quizzes, the
// regulation the course cites (audited).
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
} from '@conform-to/react'
import { parseWithZod } from '~/utils/conform'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ErrorList, Field, StatusButton } from '~/components/forms'
import { saveEvalSettings, settingsPage } from '~/models/evaluation.server'
import { slugSchema } from '~/schemas/common'
import { evalSettingsSchema } from '~/schemas/evaluation'
import { clientMeta, requireUser } from '~/utils/auth.server'
import { AppError } from '~/utils/errors'
import { pageTitle } from '~/utils/meta'
import { receivedAt } from '~/utils/misc'
import { readForm, routeParam, withAppErrors } from '~/utils/route-errors.server'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, {
    key: 'evaluation.settingsTitle',
    params: { course: data?.course.title ?? '' },
  })

export const loader = withAppErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  const slug = routeParam(params, 'slug', slugSchema)
  return settingsPage(user, slug)
})

export const action = withAppErrors(async ({ request, params }: ActionFunctionArgs) => {
  const user = await requireUser(request)
  const slug = routeParam(params, 'slug', slugSchema)
  const submission = parseWithZod(await readForm(request), { schema: evalSettingsSchema })
  if (submission.status !== 'success')
    return data({ ok: false as const, result: submission.reply() }, { status: 400 })
  try {
    await saveEvalSettings(
      user,
      slug,
      submission.value,
      new Date(receivedAt(request)),
      clientMeta(request).ip,
    )
    return { ok: true as const, result: submission.reply() }
  } catch (e) {
    if (e instanceof AppError && e.status === 400)
      return data(
        {
          ok: false as const,
          result: submission.reply(
            e.field ? { fieldErrors: { [e.field]: [e.code] } } : { formErrors: [e.code] },
          ),
        },
        { status: 400 },
      )
    throw e
  }
})

export default function EvaluationSettings() {
  const { course, settings, quizzes } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'eval-settings',
    lastResult: result?.result,
    defaultValue: {
      items: settings.customItems ? settings.items.map((i) => i.text).join('\n') : '',
      preQuizId: settings.preQuizId ?? '',
      postQuizId: settings.postQuizId ?? '',
      regulationRef: settings.regulationRef ?? '',
      regulationDate: settings.regulationDate
        ? new Date(settings.regulationDate).toISOString().slice(0, 10)
        : '',
    },
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: evalSettingsSchema }),
  })
  return (
    <>
      <p>
        <Link to={`/evaluasi/kursus/${course.slug}`}>
          {t('evaluation.reportTitle', { course: course.title })}
        </Link>
      </p>
      <h1>{t('evaluation.settingsTitle', { course: course.title })}</h1>
      {result?.ok ? (
        <p className="alert alert-info" role="status">
          {t('evaluation.saved')}
        </p>
      ) : null}
      <Form method="post" className="card" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} />
        <label htmlFor="items">{t('evaluation.itemsLabel')}</label>
        <textarea
          {...getTextareaProps(fields.items)}
          id="items"
          rows={7}
          style={{ width: '100%' }}
          placeholder={
            settings.customItems ? undefined : settings.items.map((i) => i.text).join('\n')
          }
        />
        <ErrorList id={fields.items.errorId} errors={fields.items.errors} />
        {(['preQuizId', 'postQuizId'] as const).map((f) => (
          <Field
            key={f}
            label={t(f === 'preQuizId' ? 'evaluation.preQuiz' : 'evaluation.postQuiz')}
            selectProps={{ ...getSelectProps(fields[f]), id: f }}
            errors={fields[f].errors}
          >
            <option value="">{t('evaluation.quizDefault')}</option>
            {quizzes.map((q) => (
              <option key={q.id} value={q.id}>
                {q.title}
              </option>
            ))}
          </Field>
        ))}
        <Field
          label={t('evaluation.regulationRef')}
          inputProps={{
            ...getInputProps(fields.regulationRef, { type: 'text' }),
            id: 'regulationRef',
            maxLength: 200,
            style: { maxWidth: '100%' },
          }}
          errors={fields.regulationRef.errors}
        />
        <Field
          label={t('evaluation.regulationDate')}
          inputProps={{
            ...getInputProps(fields.regulationDate, { type: 'date' }),
            id: 'regulationDate',
          }}
          errors={fields.regulationDate.errors}
        />
        <StatusButton>{t('evaluation.save')}</StatusButton>
      </Form>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
