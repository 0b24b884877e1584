// L1 reaction survey of a completed course: Likert items (1-5) and a comment; one response per
// enrolment; anonymous in reports.
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { evalErrorKey } from '~/components/evaluation'
import { LIKERT_VALUES, MAX_COMMENT_LENGTH } from '~/domain/evaluation'
import { submitSurvey, surveyForLearner } from '~/models/evaluation.server'
import { slugSchema } from '~/schemas/common'
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
  const values: Record<string, number> = {}
  for (const [k, v] of form.entries())
    if (k.startsWith('item-') && typeof v === 'string' && /^\d$/.test(v))
      values[k.slice(5)] = Number(v)
  const comment = form.get('comment')
  try {
    await submitSurvey(
      user.id,
      slug,
      { values, comment: typeof comment === 'string' ? comment : '' },
      new Date(receivedAt(request)),
    )
    return { ok: true as const }
  } catch (e) {
    if (e instanceof AppError)
      return data({ ok: false as const, code: e.code, field: e.field }, { status: e.status })
    throw e
  }
})

export default function Survey() {
  const { course, state, items } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { t } = useTranslation()
  const done = result?.ok || state === 'answered'
  return (
    <>
      <p>
        <Link to={`/courses/${course.slug}`}>{t('evaluation.backToCourse')}</Link>
      </p>
      <h1>{t('evaluation.surveyTitle', { course: course.title })}</h1>
      {result && !result.ok ? (
        <p className="alert alert-error" role="alert" data-testid="survey-error">
          {t(evalErrorKey(result.code))}
        </p>
      ) : null}
      {done ? (
        <p className="alert alert-info" role="status" data-testid="survey-done">
          {result?.ok ? t('evaluation.thanks') : t('evaluation.answered')}
        </p>
      ) : state === 'open' ? (
        <Form method="post" className="card" data-testid="survey-form">
          <p>{t('evaluation.surveyIntro')}</p>
          <p className="muted">{t('evaluation.scaleHint')}</p>
          {items.map((item, n) => (
            <fieldset key={item.key} style={{ marginBottom: '1rem' }}>
              <legend>
                {n + 1}. {item.text}
              </legend>
              {LIKERT_VALUES.map((v) => (
                <label key={v} style={{ display: 'block' }}>
                  <input type="radio" name={`item-${item.key}`} value={v} required /> {v} —{' '}
                  {t(`evaluation.scale.${v}`)}
                </label>
              ))}
            </fieldset>
          ))}
          <label htmlFor="comment">{t('evaluation.comment')}</label>
          <textarea
            id="comment"
            name="comment"
            rows={4}
            maxLength={MAX_COMMENT_LENGTH}
            style={{ width: '100%' }}
          />
          <button type="submit">{t('evaluation.submit')}</button>
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
