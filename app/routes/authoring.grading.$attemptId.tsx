import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { attemptImageSrc, BankText } from '~/components/question-bank-text'
import { useErrorText } from '~/components/forms'
import { EssayGradingError, essayGradingView, gradeEssays } from '~/models/essay-grading.server'
import { requireRole } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'
import { formatDate } from '~/utils/misc'
import { formatNip } from '~/utils/nip'

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, { key: 'screens.grading.grade' })

const FIELD_PREFIX = 'score_'

/** One score field: empty (not graded now) or a number, with a decimal point or comma. */
const scoreField = z
  .string()
  .trim()
  .max(20, 'screens.grading.scoreTooLong')
  .regex(/^(-?\d+([.,]\d+)?)?$/, 'screens.grading.scoreNotNumber')
  .transform((v) => (v === '' ? null : Number(v.replace(',', '.'))))

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireRole(request, 'INSTRUCTOR', 'ADMIN')
  const view = await essayGradingView(params.attemptId!, actor).catch((e) => {
    if (e instanceof EssayGradingError) throw new Response(e.message, { status: e.status })
    throw e
  })
  if (!view) throw new Response('screens.grading.attemptNotFound', { status: 404 })
  return view
}

type ActionData = {
  message: string
  fieldErrors: Record<string, string>
  values: Record<string, string>
}

export async function action({ request, params }: ActionFunctionArgs) {
  const grader = await requireRole(request, 'INSTRUCTOR', 'ADMIN')
  const form = await request.formData()
  const values: Record<string, string> = {}
  const fieldErrors: Record<string, string> = {}
  const scores: Record<string, number> = {}
  for (const [key, raw] of form) {
    if (!key.startsWith(FIELD_PREFIX) || typeof raw !== 'string') continue
    const questionId = key.slice(FIELD_PREFIX.length)
    values[questionId] = raw
    const parsed = scoreField.safeParse(raw)
    if (!parsed.success)
      fieldErrors[questionId] = parsed.error.issues[0]?.message ?? 'screens.grading.scoreNotNumber'
    else if (parsed.data !== null) scores[questionId] = parsed.data
  }
  if (Object.keys(fieldErrors).length) {
    return data<ActionData>(
      { message: 'screens.grading.checkScores', fieldErrors, values },
      { status: 400 },
    )
  }
  try {
    const result = await gradeEssays(params.attemptId!, grader, scores)
    return redirect(
      result.complete
        ? '/authoring/grading?saved=complete'
        : `/authoring/grading?saved=partial&left=${result.remaining}`,
    )
  } catch (e) {
    if (e instanceof EssayGradingError) {
      return data<ActionData>(
        {
          message: e.message,
          fieldErrors: e.questionId ? { [e.questionId]: e.message } : {},
          values,
        },
        { status: e.status },
      )
    }
    throw e
  }
}

function formatPoints(n: number) {
  return n.toLocaleString('id-ID', { maximumFractionDigits: 2 })
}

export default function GradeEssays() {
  const { attempt, essays } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  const open = attempt.status === 'NEEDS_GRADING'
  const { t } = useTranslation()
  const errorText = useErrorText()

  return (
    <>
      <p>
        <Link to="/authoring/grading">← {t('screens.grading.title')}</Link>
      </p>
      <h1>{t('screens.grading.pageTitle', { name: attempt.learner.name })}</h1>
      <dl className="facts card">
        <dt>NIP</dt>
        <dd>{formatNip(attempt.learner.nip)}</dd>
        <dt>{t('screens.grading.course')}</dt>
        <dd>{attempt.courseTitle}</dd>
        <dt>{t('screens.grading.quiz')}</dt>
        <dd>{attempt.lessonTitle}</dd>
        <dt>{t('screens.grading.attemptNo')}</dt>
        <dd>{attempt.number}</dd>
        <dt>{t('screens.grading.submitted')}</dt>
        <dd>{attempt.submittedAt ? formatDate(attempt.submittedAt) : '—'}</dd>
      </dl>

      {actionData?.message ? (
        <p className="alert alert-error" role="alert" data-testid="grading-error">
          {errorText(actionData.message)}
        </p>
      ) : null}

      {!open ? (
        <p className="alert alert-info" role="status">
          {attempt.status === 'IN_PROGRESS'
            ? t('screens.grading.notSubmitted')
            : t('screens.grading.alreadyGraded')}
        </p>
      ) : null}

      {essays.length === 0 ? (
        <p className="card">{t('screens.grading.noEssays')}</p>
      ) : (
        <Form
          method="post"
          className="stack"
          style={{ maxWidth: '48rem' }}
          aria-label={t('screens.grading.formLabel')}
        >
          <p className="hint" style={{ margin: 0 }}>
            {t('screens.grading.leaveEmpty')}
          </p>
          {essays.map((e) => {
            const inputId = `${FIELD_PREFIX}${e.questionId}`
            const error = actionData?.fieldErrors[e.questionId]
            const value =
              actionData?.values[e.questionId] ?? (e.score != null ? String(e.score) : '')
            return (
              <section
                key={e.questionId}
                className="card"
                aria-labelledby={`question-${e.questionId}`}
                data-testid={`essay-${e.questionId}`}
              >
                <h2 id={`question-${e.questionId}`} style={{ fontSize: '1.05rem', marginTop: 0 }}>
                  {t('screens.grading.question', { number: e.number })}{' '}
                  <span className="hint">
                    {t('screens.grading.pointsHint', { points: formatPoints(e.points) })}
                  </span>
                </h2>
                <p style={{ whiteSpace: 'pre-wrap' }}>
                  <BankText text={e.text} imageSrc={attemptImageSrc(attempt.id)} />
                </p>
                <h3 style={{ fontSize: '1rem' }}>{t('screens.grading.answer')}</h3>
                {e.answer != null ? (
                  <div
                    style={{
                      whiteSpace: 'pre-wrap',
                      overflowWrap: 'anywhere',
                      background: '#f6f7f9',
                      padding: '.75rem',
                      borderRadius: 4,
                    }}
                    data-testid="essay-answer"
                  >
                    {e.answer}
                  </div>
                ) : (
                  <p className="muted">{t('screens.grading.unanswered')}</p>
                )}
                <div className="field" style={{ marginTop: '1rem', maxWidth: '14rem' }}>
                  <label htmlFor={inputId}>
                    {t('screens.grading.scoreLabel', { number: e.number })}{' '}
                    <span className="hint">(0–{formatPoints(e.points)})</span>
                  </label>
                  <input
                    id={inputId}
                    name={inputId}
                    type="number"
                    min={0}
                    max={e.points}
                    step={0.5}
                    inputMode="decimal"
                    defaultValue={value}
                    disabled={!open}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${inputId}-error` : undefined}
                  />
                  {error ? (
                    <p id={`${inputId}-error`} className="field-error">
                      {errorText(error)}
                    </p>
                  ) : null}
                </div>
              </section>
            )
          })}
          {open ? (
            <div>
              <button type="submit" disabled={busy}>
                {busy ? t('screens.grading.saving') : t('screens.grading.save')}
              </button>
            </div>
          ) : null}
        </Form>
      )}
    </>
  )
}
