// L3 form: the direct supervisor says whether the learner's behaviour at work changed.
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
import { answerL3, l3Request } from '~/models/evaluation.server'
import { idSchema } from '~/schemas/common'
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
  const form = await readForm(request)
  const applied = String(form.get('applied') ?? '')
  const changed = form.get('changed')
  const example = form.get('example')
  try {
    await answerL3(
      user.id,
      id,
      {
        applied: /^\d$/.test(applied) ? Number(applied) : null,
        changed: changed === 'yes' ? true : changed === 'no' ? false : null,
        example: typeof example === 'string' ? example : '',
      },
      new Date(receivedAt(request)),
    )
    return { ok: true as const }
  } catch (e) {
    if (e instanceof AppError && e.status !== 404)
      return data({ ok: false as const, code: e.code }, { status: e.status })
    throw e
  }
})

export default function L3Form() {
  const { request: r } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { t } = useTranslation()
  const answered = result?.ok || r.answeredAt
  return (
    <>
      <p>
        <Link to="/evaluasi/atasan">{t('evaluation.l3Title')}</Link>
      </p>
      <h1>{t('evaluation.l3FormTitle', { name: r.learner.name })}</h1>
      <p>{t('evaluation.l3Course', { course: r.course.title })}</p>
      {result && !result.ok ? (
        <p className="alert alert-error" role="alert">
          {t(evalErrorKey(result.code))}
        </p>
      ) : null}
      {answered ? (
        <p className="alert alert-info" role="status" data-testid="l3-done">
          {result?.ok ? t('evaluation.l3Thanks') : t('evaluation.l3Already')}
        </p>
      ) : (
        <Form method="post" className="card" data-testid="l3-form">
          <fieldset>
            <legend>{t('evaluation.l3Applied')}</legend>
            {LIKERT_VALUES.map((v) => (
              <label key={v} style={{ display: 'block' }}>
                <input type="radio" name="applied" value={v} required /> {v}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t('evaluation.l3Changed')}</legend>
            <label style={{ display: 'block' }}>
              <input type="radio" name="changed" value="yes" required /> {t('evaluation.yes')}
            </label>
            <label style={{ display: 'block' }}>
              <input type="radio" name="changed" value="no" /> {t('evaluation.no')}
            </label>
          </fieldset>
          <label htmlFor="example">{t('evaluation.l3Example')}</label>
          <textarea
            id="example"
            name="example"
            rows={3}
            maxLength={MAX_COMMENT_LENGTH}
            style={{ width: '100%' }}
          />
          <button type="submit">{t('evaluation.l3Submit')}</button>
        </Form>
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
