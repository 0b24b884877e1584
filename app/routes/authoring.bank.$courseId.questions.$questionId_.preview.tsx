import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Fragment } from 'react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { BankText, courseImageSrc } from '~/components/question-bank-text'
import { questionOfCourse } from '~/models/question-bank.server'
import { requireTeaching } from '~/models/studio.server'
import { requireRole } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'
import { withAppErrors } from '~/utils/route-errors.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: 'bank.previewTitle' })

export const loader = withAppErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireRole(request, 'INSTRUCTOR', 'ADMIN')
  const course = await requireTeaching(user, params.courseId!)
  const q = await questionOfCourse(course.id, params.questionId!)
  return { course, question: { id: q.id, version: q.version, ...q.content } }
})

export default function QuestionPreview() {
  const { course, question: q } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const base = `/authoring/bank/${course.id}`
  const src = courseImageSrc(course.id)
  const choice = q.type === 'SINGLE' || q.type === 'MULTIPLE' || q.type === 'TRUE_FALSE'
  return (
    <>
      <p>
        <Link to={base}>← {t('bank.courseTitle', { title: course.title })}</Link>
      </p>
      <h1>{t('bank.previewTitle')}</h1>
      <p className="muted">{t('bank.previewNote', { version: q.version })}</p>
      <div className="card" data-testid="preview">
        {choice ? (
          <fieldset>
            <legend>
              <BankText text={q.text} imageSrc={src} />
              {q.type === 'MULTIPLE' ? ` ${t('bank.chooseAll')}` : ''}
            </legend>
            {q.options.map((o, i) => (
              <div key={i}>
                <label>
                  <input
                    type={q.type === 'MULTIPLE' ? 'checkbox' : 'radio'}
                    name="preview"
                    disabled
                  />{' '}
                  <BankText text={o.text} imageSrc={src} />
                </label>
              </div>
            ))}
          </fieldset>
        ) : (
          <div className="field">
            <label htmlFor="preview-answer">
              <BankText text={q.text} imageSrc={src} />
            </label>
            {q.type === 'ESSAY' ? (
              <textarea id="preview-answer" rows={6} disabled />
            ) : (
              <input
                id="preview-answer"
                type="text"
                disabled
                inputMode={q.type === 'NUMERIC' ? 'decimal' : undefined}
              />
            )}
          </div>
        )}
      </div>
      <h2>{t('bank.keyTitle')}</h2>
      <dl>
        {choice
          ? q.options.map((o, i) => (
              <Fragment key={i}>
                <dt>
                  <BankText text={o.text} imageSrc={src} />{' '}
                  {o.correct ? `(${t('bank.correct')})` : ''}
                </dt>
                <dd>{o.feedback ? <BankText text={o.feedback} imageSrc={src} /> : '—'}</dd>
              </Fragment>
            ))
          : null}
        {q.type === 'SHORT' ? (
          <>
            <dt>{t('bank.accepted')}</dt>
            <dd>{q.acceptedAnswers.join(' · ')}</dd>
          </>
        ) : null}
        {q.type === 'NUMERIC' ? (
          <>
            <dt>{t('bank.numericAnswer')}</dt>
            <dd>
              {q.numericAnswer} ± {q.tolerance ?? 0}
            </dd>
          </>
        ) : null}
        <dt>{t('bank.feedback')}</dt>
        <dd>{q.feedback ? <BankText text={q.feedback} imageSrc={src} /> : '—'}</dd>
      </dl>
      <p>
        <Link to={`${base}/questions/${q.id}`}>{t('bank.edit')}</Link>
      </p>
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
