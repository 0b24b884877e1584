// Instructors' evaluation settings of a course: L1 survey items, pre-/post-test quizzes, the
// regulation the course cites (audited).
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
import { saveEvalSettings, settingsPage } from '~/models/evaluation.server'
import { slugSchema } from '~/schemas/common'
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
  const form = await readForm(request)
  const str = (k: string) => {
    const v = form.get(k)
    return typeof v === 'string' ? v.slice(0, 5000) : ''
  }
  try {
    await saveEvalSettings(
      user,
      slug,
      {
        items: str('items'),
        preQuizId: str('preQuizId'),
        postQuizId: str('postQuizId'),
        regulationRef: str('regulationRef').slice(0, 200),
        regulationDate: str('regulationDate'),
      },
      new Date(receivedAt(request)),
      clientMeta(request).ip,
    )
    return { ok: true as const }
  } catch (e) {
    if (e instanceof AppError && e.status === 400)
      return data({ ok: false as const, code: e.code }, { status: 400 })
    throw e
  }
})

export default function EvaluationSettings() {
  const { course, settings, quizzes } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <>
      <p>
        <Link to={`/evaluasi/kursus/${course.slug}`}>
          {t('evaluation.reportTitle', { course: course.title })}
        </Link>
      </p>
      <h1>{t('evaluation.settingsTitle', { course: course.title })}</h1>
      {result ? (
        <p className={`alert ${result.ok ? 'alert-info' : 'alert-error'}`} role="status">
          {result.ok ? t('evaluation.saved') : t(evalErrorKey(result.code))}
        </p>
      ) : null}
      <Form method="post" className="card">
        <label htmlFor="items">{t('evaluation.itemsLabel')}</label>
        <textarea
          id="items"
          name="items"
          rows={7}
          style={{ width: '100%' }}
          defaultValue={settings.customItems ? settings.items.map((i) => i.text).join('\n') : ''}
          placeholder={
            settings.customItems ? undefined : settings.items.map((i) => i.text).join('\n')
          }
        />
        {(['preQuizId', 'postQuizId'] as const).map((f) => (
          <div key={f}>
            <label htmlFor={f}>
              {t(f === 'preQuizId' ? 'evaluation.preQuiz' : 'evaluation.postQuiz')}
            </label>
            <select id={f} name={f} defaultValue={settings[f] ?? ''}>
              <option value="">{t('evaluation.quizDefault')}</option>
              {quizzes.map((q) => (
                <option key={q.id} value={q.id}>
                  {q.title}
                </option>
              ))}
            </select>
          </div>
        ))}
        <label htmlFor="regulationRef">{t('evaluation.regulationRef')}</label>
        <input
          id="regulationRef"
          name="regulationRef"
          maxLength={200}
          defaultValue={settings.regulationRef ?? ''}
          style={{ maxWidth: '100%' }}
        />
        <label htmlFor="regulationDate">{t('evaluation.regulationDate')}</label>
        <input
          id="regulationDate"
          name="regulationDate"
          type="date"
          defaultValue={
            settings.regulationDate
              ? new Date(settings.regulationDate).toISOString().slice(0, 10)
              : ''
          }
        />
        <button type="submit">{t('evaluation.save')}</button>
      </Form>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
