import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Fragment } from 'react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { questionOfCourse, requireTeaches } from '~/models/question-bank.server'
import { requireRole } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'
import { withAppErrors } from '~/utils/route-errors.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: 'bank.previewTitle' })

export const loader = withAppErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireRole(request, 'INSTRUCTOR', 'ADMIN')
  const course = await requireTeaches(user, params.courseId!)
  const q = await questionOfCourse(course.id, params.questionId!)
  return { course, question: { id: q.id, version: q.version, ...q.content } }
})

/** Text with image markers ([[gambar:<file>]]) shown as the stored images. */
function RichText({ text }: { text: string }) {
  const parts = text.split(/(\[\[gambar:[^\]]+\]\])/)
  return (
    <>
      {parts.map((p, i) => {
        const m = /^\[\[gambar:([^\]]+)\]\]$/.exec(p)
        return m ? (
          <img
            key={i}
            src={`/authoring/bank/gambar/${encodeURIComponent(m[1]!)}`}
            alt=""
            style={{ maxWidth: '100%' }}
          />
        ) : (
          <Fragment key={i}>
            {p.split('\n').map((line, j) => (
              <Fragment key={j}>
                {j > 0 ? <br /> : null}
                {line}
              </Fragment>
            ))}
          </Fragment>
        )
      })}
    </>
  )
}

export default function QuestionPreview() {
  const { course, question: q } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const base = `/authoring/bank/${course.id}`
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
              <RichText text={q.text} />
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
                  {o.text}
                </label>
              </div>
            ))}
          </fieldset>
        ) : (
          <div className="field">
            <label htmlFor="preview-answer">
              <RichText text={q.text} />
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
                  {o.text} {o.correct ? `(${t('bank.correct')})` : ''}
                </dt>
                <dd>{o.feedback ?? '—'}</dd>
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
        <dd>{q.feedback ? <RichText text={q.feedback} /> : '—'}</dd>
      </dl>
      <p>
        <Link to={`${base}/questions/${q.id}`}>{t('bank.edit')}</Link>
      </p>
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
