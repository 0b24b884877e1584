import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '~/utils/conform'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { attemptImageSrc, BankText } from '~/components/question-bank-text'
import { useErrorText } from '~/components/forms'
import { EssayGradingError, essayGradingView, gradeEssays } from '~/models/essay-grading.server'
import { essayScoresSchema, SCORE_FIELD_PREFIX, scoreField } from '~/schemas/essay-grading'
import { requireRole } from '~/utils/auth.server'
import { readForm } from '~/utils/route-errors.server'
import { pageTitle } from '~/utils/meta'
import { formatDate } from '~/utils/misc'
import { formatNip } from '~/utils/nip'

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, { key: 'screens.grading.grade' })

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireRole(request, 'INSTRUCTOR', 'ADMIN')
  const view = await essayGradingView(params.attemptId!, actor).catch((e) => {
    if (e instanceof EssayGradingError) throw data(e.toPayload(), { status: e.status })
    throw e
  })
  if (!view) throw new Response('screens.grading.attemptNotFound', { status: 404 })
  return view
}

type ActionData = {
  message: string
  /** Errors by question id (message codes). */
  fieldErrors: Record<string, string>
  result: SubmissionResult<string[]>
}

export async function action({ request, params }: ActionFunctionArgs) {
  const grader = await requireRole(request, 'INSTRUCTOR', 'ADMIN')
  const form = await readForm(request)
  // The questions are those of the form; whether they belong to the attempt is the model's check.
  const ids = [...form.keys()]
    .filter((k) => k.startsWith(SCORE_FIELD_PREFIX))
    .map((k) => k.slice(SCORE_FIELD_PREFIX.length))
  const submission = parseWithZod(form, { schema: essayScoresSchema(ids) })
  if (submission.status !== 'success') {
    const fieldErrors: Record<string, string> = {}
    for (const [name, errors] of Object.entries(submission.error ?? {}))
      if (name.startsWith(SCORE_FIELD_PREFIX) && errors?.[0])
        fieldErrors[name.slice(SCORE_FIELD_PREFIX.length)] = errors[0]
    return data<ActionData>(
      { message: 'screens.grading.checkScores', fieldErrors, result: submission.reply() },
      { status: 400 },
    )
  }
  try {
    const result = await gradeEssays(params.attemptId!, grader, submission.value)
    return redirect(
      result.complete
        ? '/authoring/grading?saved=complete'
        : `/authoring/grading?saved=partial&left=${result.remaining}`,
    )
  } catch (e) {
    if (e instanceof EssayGradingError) {
      const fieldErrors = e.questionId ? { [e.questionId]: e.message } : {}
      return data<ActionData>(
        {
          message: e.message,
          fieldErrors,
          result: submission.reply(
            e.questionId
              ? { fieldErrors: { [scoreField(e.questionId)]: [e.message] } }
              : { formErrors: [e.message] },
          ),
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
  const [form, fields] = useForm({
    id: 'essay-scores',
    lastResult: actionData?.result,
    defaultValue: Object.fromEntries(
      essays.map((e) => [scoreField(e.questionId), e.score != null ? String(e.score) : '']),
    ),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema: essayScoresSchema(essays.map((e) => e.questionId)) }),
  })

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
          {...getFormProps(form)}
        >
          <p className="hint" style={{ margin: 0 }}>
            {t('screens.grading.leaveEmpty')}
          </p>
          {essays.map((e) => {
            const field = fields[scoreField(e.questionId)]!
            const inputId = field.id
            const error = field.errors?.[0]
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
                    key={field.key}
                    name={field.name}
                    type="number"
                    min={0}
                    max={e.points}
                    step={0.5}
                    inputMode="decimal"
                    defaultValue={field.initialValue as string | undefined}
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
