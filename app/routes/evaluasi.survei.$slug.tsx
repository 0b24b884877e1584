// L1 reaction survey of a completed course: Likert items (1-5) and a comment; one response per
// enrolment; anonymous in reports.
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
import { submitSurvey, surveyForLearner } from '~/models/evaluation.server'
import { slugSchema } from '~/schemas/common'
import { surveyField, surveySchema } from '~/schemas/evaluation'
import { requireUser } from '~/utils/auth.server'
import { AppError } from '~/utils/errors'
import { pageTitle } from '~/utils/meta'
import { receivedAt } from '~/utils/misc'
import { readForm, routeParam, withAppErrors } from '~/utils/route-errors.server'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, {
    key: 'evaluation.surveyTitle',
    params: { course: data?.course.title ?? '' },
  })

export const loader = withAppErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  const slug = routeParam(params, 'slug', slugSchema)
  return surveyForLearner(user.id, slug)
})

export const action = withAppErrors(async ({ request, params }: ActionFunctionArgs) => {
  const user = await requireUser(request)
  const slug = routeParam(params, 'slug', slugSchema)
  const form = await readForm(request)
  const { items } = await surveyForLearner(user.id, slug)
  const submission = parseWithZod(form, { schema: surveySchema(items.map((i) => i.key)) })
  if (submission.status !== 'success')
    return data({ ok: false as const, result: submission.reply() }, { status: 400 })
  try {
    await submitSurvey(user.id, slug, submission.value, new Date(receivedAt(request)))
    return { ok: true as const, result: submission.reply() }
  } catch (e) {
    if (e instanceof AppError)
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

export default function Survey() {
  const { course, state, items } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { t } = useTranslation()
  const done = result?.ok || state === 'answered'
  const schema = surveySchema(items.map((i) => i.key))
  const [form, fields] = useForm({
    id: 'survey',
    lastResult: result?.result,
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
  const field = (key: string) => fields[surveyField(key) as keyof typeof fields]
  return (
    <>
      <p>
        <Link to={`/courses/${course.slug}`}>{t('evaluation.backToCourse')}</Link>
      </p>
      <h1>{t('evaluation.surveyTitle', { course: course.title })}</h1>
      {done ? (
        <p className="alert alert-info" role="status" data-testid="survey-done">
          {result?.ok ? t('evaluation.thanks') : t('evaluation.answered')}
        </p>
      ) : state === 'open' ? (
        <Form method="post" className="card" data-testid="survey-form" {...getFormProps(form)}>
          <div data-testid="survey-error">
            <ErrorList id={form.errorId} errors={form.errors} />
          </div>
          <p>{t('evaluation.surveyIntro')}</p>
          <p className="muted">{t('evaluation.scaleHint')}</p>
          {items.map((item, n) => {
            const f = field(item.key)
            return (
              <fieldset
                key={item.key}
                style={{ marginBottom: '1rem' }}
                aria-invalid={f.errors?.length ? true : undefined}
                aria-describedby={f.errors?.length ? f.errorId : undefined}
              >
                <legend>
                  {n + 1}. {item.text}
                </legend>
                {getCollectionProps(f, {
                  type: 'radio',
                  options: LIKERT_VALUES.map(String),
                }).map(({ key, ...props }) => (
                  <label key={key} style={{ display: 'block' }}>
                    <input {...props} required /> {props.value} —{' '}
                    {t(`evaluation.scale.${props.value}`)}
                  </label>
                ))}
                <ErrorList id={f.errorId} errors={f.errors} />
              </fieldset>
            )
          })}
          <label htmlFor={fields.comment.id}>{t('evaluation.comment')}</label>
          <textarea
            {...getTextareaProps(fields.comment)}
            rows={4}
            maxLength={MAX_COMMENT_LENGTH}
            style={{ width: '100%' }}
          />
          <ErrorList id={fields.comment.errorId} errors={fields.comment.errors} />
          <StatusButton>{t('evaluation.submit')}</StatusButton>
        </Form>
      ) : (
        <p className="alert alert-info">
          {state === 'notCompleted' ? t('evaluation.notCompleted') : t('evaluation.notEnrolled')}
        </p>
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
