import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '~/utils/conform'
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import {
  Form,
  useActionData,
  useFetcher,
  useLoaderData,
  useRevalidator,
  useSubmit,
  type ShouldRevalidateFunction,
} from '@remix-run/react'
import { Link } from '~/components/link'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorList } from '~/components/forms'
import { attemptImageSrc, BankText } from '~/components/question-bank-text'
import i18next, { serverI18nInstance } from '~/i18next.server'
import { QuizReview } from '~/components/quiz-review'
import { renderFragment } from '~/utils/html-fragment.server'
import { cachedFragment } from '~/utils/fragment-cache.server'
import { HtmlFragment, offerFragment } from '~/utils/html-fragment'
import { competencyProfile } from '~/models/profile.server'
import { attemptPageView, QuizError, saveAnswers, submitAttempt } from '~/models/quiz.server'
import { requireUser } from '~/utils/auth.server'
import { receivedAt } from '~/utils/misc'
import { EVIDENCE_VALID_DAYS, THRESHOLD } from '~/domain/rating'
import { pageTitle } from '~/utils/meta'
import { messageKey, NotFoundError, readMessage } from '~/utils/errors'
import { answerField, quizAttemptSchema } from '~/schemas/quiz-attempt'

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, { key: 'screens.grading.quiz' })

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  // One statement for the attempt and where it belongs; question versions come from memory
  // (decision 073).
  const { context: ctx, ...view } = await attemptPageView(params.attemptId!, user.id).catch((e) => {
    if (e instanceof QuizError && e.status === 404)
      throw data(new NotFoundError('quiz.attemptNotFound').toPayload(), { status: 404 })
    throw e
  })
  let competencies: {
    code: string
    name: string
    current: number
    required: number | null
    gap: number | null
    updated: boolean
  }[] = []
  if (view.attempt.status === 'GRADED') {
    const codes = new Set(view.items.map((i) => i.competency.code))
    // The quiz's competencies only (the same rows as in the whole profile).
    const profile = await competencyProfile(user.id, {
      codes: [...codes],
      now: new Date(receivedAt(request)),
    })
    competencies = profile.rows.map((r) => ({
      code: r.code,
      name: r.name,
      current: r.current,
      required: r.required,
      gap: r.gap,
      updated: Boolean(r.ratedAt && ctx.gradedAt && r.ratedAt >= ctx.gradedAt),
    }))
  }
  // A submitted attempt's review is markup made here and sent once (decision 125): the route
  // data carries its questions only while the attempt is in progress (the form needs them).
  const inProgress = view.attempt.status === 'IN_PROGRESS'
  // The markup depends on the attempt (its questions and answers are immutable once submitted),
  // the language, what the quiz lets the learner see now and the scores (a regrade changes
  // them): rendered once per such combination.
  const review = !inProgress ? view.review : null
  let reviewFragment = null
  if (review) {
    const lng = await i18next.getLocale(request)
    const key = [
      'quiz-review',
      view.attempt.id,
      lng,
      `${review.score}/${review.correct}/${review.feedback}`,
      view.items.map((q) => q.score ?? '').join(','),
    ].join('\u0000')
    const i18n = await serverI18nInstance(lng)
    const html = cachedFragment(key, () =>
      renderFragment(i18n, <QuizReview attemptId={view.attempt.id} items={view.items} />),
    )
    reviewFragment = offerFragment(context, 'quiz-review', html)
  }
  return {
    ...view,
    items: inProgress ? view.items : [],
    reviewFragment,
    competencies,
    lesson: ctx.lesson,
    course: ctx.course,
    now: receivedAt(request),
    notice:
      SUBMIT_NOTICES.find((n) => n === new URL(request.url).searchParams.get('notice')) ?? null,
  }
}

/** What the learner was told after a submit: kept in the URL so a reload still says it. */
const SUBMIT_NOTICES = [
  'lateSubmit',
  'overrodeTimeout',
  'timedOutGraded',
  'timeUpSubmitted',
] as const

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const arrival = receivedAt(request)
  const form = await request.formData()
  // The button and the answers' shape only: no database read before the one submit statement.
  // Conform's coercion of the schema is built once (app/utils/conform.ts, decision 121).
  const submission = parseWithZod(form, { schema: quizAttemptSchema })
  if (submission.status !== 'success') {
    const result = submission.reply()
    const first = Object.values(result.error ?? {}).find((m) => m?.length)?.[0] ?? 'input.invalid'
    const coded = readMessage(first) ?? { code: first }
    const t = await i18next.getFixedT(request)
    return data(
      {
        message: t(messageKey(coded.code), coded.params ?? {}),
        error: true,
        confirm: false,
        savedAt: null,
        result,
      },
      { status: 400 },
    )
  }
  const { intent, auto } = submission.value
  try {
    if (intent === 'submit') {
      const r = await submitAttempt(params.attemptId!, user.id, form, arrival)
      // The page submits by itself at zero time (`auto=timeUp`): the learner is told so.
      const notice = r.lateAnswersRefused
        ? 'lateSubmit'
        : r.outcome === 'overrodeTimeout' || r.outcome === 'timedOutGraded'
          ? r.outcome
          : r.outcome === 'submitted' && auto === 'timeUp'
            ? 'timeUpSubmitted'
            : null
      return redirect(`/quiz/${params.attemptId}${notice ? `?notice=${notice}` : ''}`)
    }
    const r = await saveAnswers(params.attemptId!, user.id, form, arrival)
    const t = await i18next.getFixedT(request)
    if (intent === 'confirm') {
      // Without JavaScript, "Kumpulkan" saves the answers and shows a confirmation step.
      return { message: null, error: false, confirm: true, savedAt: arrival, result: undefined }
    }
    return {
      message:
        t('assess.saved', { count: r.saved }) +
        (r.ambiguousNumbers ? ` ${t('domain.numbers.DOT_THOUSANDS_OR_DECIMAL')}` : ''),
      error: false,
      confirm: false,
      savedAt: arrival,
      result: undefined,
    }
  } catch (e) {
    if (e instanceof QuizError) {
      // Only here and after a save: the exam-end submit needs no translation (decision 071).
      const t = await i18next.getFixedT(request)
      const message = t(messageKey(e.code), e.params)
      return data(
        { message, error: true, confirm: intent === 'confirm', savedAt: null, result: undefined },
        { status: e.status },
      )
    }
    throw e
  }
}

/** An autosave changes nothing on the page: no revalidation of the loaders. */
export const shouldRevalidate: ShouldRevalidateFunction = ({
  formData,
  defaultShouldRevalidate,
}) => (formData?.get('intent') === 'save' ? false : defaultShouldRevalidate)

function Countdown({
  deadline,
  serverNow,
  onZero,
}: {
  deadline: Date | string
  serverNow: number
  onZero: () => void
}) {
  const { t } = useTranslation()
  // The server's clock decides (the deadline is the server's): the offset is taken when the page
  // is shown, so a wrong clock on the learner's device does not move zero.
  const skew = useRef(serverNow - Date.now())
  const fired = useRef(false)
  const [left, setLeft] = useState(() => Math.max(0, new Date(deadline).getTime() - serverNow))
  useEffect(() => {
    const tick = () => {
      const l = Math.max(0, new Date(deadline).getTime() - (Date.now() + skew.current))
      setLeft(l)
      if (l === 0 && !fired.current) {
        fired.current = true
        onZero()
      }
    }
    // To the next whole second of the countdown, then every second (zero is reached on time).
    let interval: ReturnType<typeof setInterval> | undefined
    const first = setTimeout(
      () => {
        tick()
        interval = setInterval(tick, 1000)
      },
      Math.max(0, new Date(deadline).getTime() - (Date.now() + skew.current)) % 1000,
    )
    return () => {
      clearTimeout(first)
      clearInterval(interval)
    }
  }, [deadline, onZero])
  const m = Math.floor(left / 60_000)
  const s = Math.floor((left % 60_000) / 1000)
  return (
    <p className="timer" role="timer" aria-live="off" data-testid="timer">
      {t('quizTimer.left', { time: `${m}:${String(s).padStart(2, '0')}` })}
      {left === 0 ? ` — ${t('quizTimer.zero')}` : ''}
    </p>
  )
}

type Item = ReturnType<typeof useLoaderData<typeof loader>>['items'][number]

/** Questions with an answer in the form as it is now (used by the confirmation). */
function unansweredIn(form: HTMLFormElement, items: Item[]) {
  const fd = new FormData(form)
  return items.filter((q) => {
    const values = fd.getAll(`q_${q.id}`).map(String)
    return !values.some((v) => v.trim() !== '')
  }).length
}

/** Polls the small status resource with back-off until grading and rating are done. */
function useGradingStatus(attemptId: string, waiting: boolean, onChange: () => void) {
  useEffect(() => {
    if (!waiting) return
    let delay = 1000
    let stopped = false
    let timer: ReturnType<typeof setTimeout>
    const tick = async () => {
      try {
        const res = await fetch(`/quiz/${attemptId}/status`, {
          headers: { accept: 'application/json' },
        })
        if (res.ok) {
          const s = (await res.json()) as { status: string; rated: boolean }
          if (s.status !== 'SUBMITTED' && (s.status !== 'GRADED' || s.rated)) {
            onChange()
            return
          }
        }
      } catch {
        // Network hiccup: try again later.
      }
      if (stopped) return
      delay = Math.min(delay * 2, 15_000)
      timer = setTimeout(tick, delay)
    }
    timer = setTimeout(tick, delay)
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [attemptId, waiting, onChange])
}

type PageData = ReturnType<typeof useLoaderData<typeof loader>>

/** What the confirmation before submitting says: the dialog (JavaScript) and the step (none). */
function ConfirmSummary({ unanswered, total }: { unanswered: number; total: number }) {
  const { t } = useTranslation()
  return (
    <>
      <p data-testid="confirm-unanswered">
        {unanswered
          ? t('assess.confirm.unanswered', { count: unanswered, total })
          : t('assess.confirm.allAnswered', { total })}
      </p>
      <p>{t('assess.confirm.note')}</p>
    </>
  )
}

export default function QuizAttemptPage() {
  const data = useLoaderData<typeof loader>()
  // The answering form and the result are separate components: the result page runs none of the
  // form's hooks (decision 125).
  return data.attempt.status === 'IN_PROGRESS' ? (
    <AttemptForm data={data} />
  ) : (
    <AttemptResult data={data} />
  )
}

function AttemptForm({ data }: { data: PageData }) {
  const { attempt, items, lesson, course, now } = data
  const img = attemptImageSrc(attempt.id)
  const { t } = useTranslation()
  const actionData = useActionData<typeof action>()
  const autosave = useFetcher<typeof action>({ key: `autosave-${attempt.id}` })
  const submit = useSubmit()
  const formRef = useRef<HTMLFormElement>(null)
  const dialogRef = useRef<HTMLDialogElement>(null)
  const debounce = useRef<ReturnType<typeof setTimeout>>()
  const [unanswered, setUnanswered] = useState(0)
  const [timeUp, setTimeUp] = useState(false)
  const timeUpRef = useRef(false)
  const onZero = useCallback(() => {
    const form = formRef.current
    if (!form) return
    // Capture the answers first: the read-only fieldset below would drop disabled inputs.
    const fd = new FormData(form)
    fd.set('intent', 'submit')
    fd.set('auto', 'timeUp')
    clearTimeout(debounce.current)
    dialogRef.current?.close()
    timeUpRef.current = true
    setTimeUp(true)
    submit(fd, { method: 'post', replace: true })
  }, [submit])

  const message = autosave.data?.message ?? actionData?.message
  const isError = autosave.data?.error ?? actionData?.error
  // The answers form on the kit: the browser checks the shape and length of the answers with the
  // action's schema; a refused one is marked at its question.
  const [form, fields] = useForm({
    id: `quiz-${attempt.id}`,
    lastResult: actionData?.result,
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: quizAttemptSchema }),
  })
  const [confirmForm] = useForm({
    id: `quiz-confirm-${attempt.id}`,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: quizAttemptSchema }),
  })
  const answerErrors = fields as unknown as Record<string, { errorId: string; errors?: string[] }>

  if (actionData?.confirm && !actionData.error) {
    // The confirmation step without JavaScript: the answers are saved; submit or go back.
    const left = items.filter((q) => !answered(q.response)).length
    return (
      <>
        <h1>{t('assess.confirm.title')}</h1>
        <ConfirmSummary unanswered={left} total={items.length} />
        <Form method="post" replace {...getFormProps(confirmForm)}>
          <ErrorList id={confirmForm.errorId} errors={confirmForm.errors} />
          <div style={{ display: 'flex', gap: '1rem', flexWrap: 'wrap' }}>
            <button type="submit" name="intent" value="submit">
              {t('assess.confirm.yes')}
            </button>
            <Link className="button button-secondary" to={`/quiz/${attempt.id}`}>
              {t('assess.confirm.back')}
            </Link>
          </div>
        </Form>
      </>
    )
  }

  return (
    <>
      <p>
        <Link to={`/courses/${course.slug}/lessons/${lesson.slug}`}>‹ {course.title}</Link>
      </p>
      <h1>{t('quizTimer.heading', { lesson: lesson.title, number: attempt.number })}</h1>
      {attempt.deadlineAt ? (
        <Countdown deadline={attempt.deadlineAt} serverNow={now} onZero={onZero} />
      ) : null}
      {timeUp ? (
        <p className="alert alert-info" role="status" data-testid="time-up">
          {t('assess.timeUp')}
        </p>
      ) : null}
      {message ? (
        <p
          className={`alert ${isError ? 'alert-error' : 'alert-info'}`}
          role={isError ? 'alert' : 'status'}
          data-testid="quiz-message"
        >
          {message}
        </p>
      ) : null}
      <Form
        method="post"
        {...getFormProps(form)}
        ref={formRef}
        data-testid="quiz-form"
        onChange={() => {
          // Debounced autosave of the whole form; it does not revalidate the page.
          clearTimeout(debounce.current)
          debounce.current = setTimeout(() => {
            if (!formRef.current || timeUpRef.current) return
            const fd = new FormData(formRef.current)
            fd.set('intent', 'save')
            autosave.submit(fd, { method: 'post' })
          }, 800)
        }}
      >
        <fieldset disabled={timeUp} style={{ border: 0, padding: 0, margin: 0 }}>
          {items.map((q) => (
            <div className="question" key={q.id} data-testid="question">
              <input type="hidden" name="shown" value={q.id} />
              <ErrorList
                id={answerErrors[answerField(q.id)]?.errorId}
                errors={answerErrors[answerField(q.id)]?.errors}
              />
              {q.options.length ? (
                <fieldset>
                  <legend>
                    {q.index}. <BankText text={q.text} imageSrc={img} />{' '}
                    {q.type === 'MULTIPLE' ? (
                      <span className="hint">{t('quizTimer.chooseAll')}</span>
                    ) : null}
                  </legend>
                  {q.options.map((o) => (
                    <label key={o.id}>
                      <input
                        type={q.type === 'MULTIPLE' ? 'checkbox' : 'radio'}
                        name={`q_${q.id}`}
                        value={o.id}
                        defaultChecked={q.response?.optionIds?.includes(o.id) ?? false}
                      />{' '}
                      <BankText text={o.text} imageSrc={img} />
                    </label>
                  ))}
                </fieldset>
              ) : (
                <div className="field">
                  <label htmlFor={`q_${q.id}`}>
                    {q.index}. <BankText text={q.text} imageSrc={img} />
                  </label>
                  {q.type === 'ESSAY' ? (
                    <textarea
                      id={`q_${q.id}`}
                      name={`q_${q.id}`}
                      rows={6}
                      maxLength={20_000}
                      defaultValue={q.response?.text ?? ''}
                    />
                  ) : (
                    <input
                      id={`q_${q.id}`}
                      name={`q_${q.id}`}
                      type="text"
                      maxLength={200}
                      inputMode={q.type === 'NUMERIC' ? 'decimal' : 'text'}
                      defaultValue={q.response?.text ?? ''}
                    />
                  )}
                </div>
              )}
            </div>
          ))}
          <ErrorList
            id={form.errorId}
            errors={[...(form.errors ?? []), ...(fields.intent.errors ?? [])]}
          />
          <div style={{ display: 'flex', gap: '1rem', flexWrap: 'wrap' }}>
            <button type="submit" name="intent" value="save" className="button-secondary">
              {t('assess.saveButton')}
            </button>
            <button
              type="submit"
              name="intent"
              value="confirm"
              data-testid="submit-quiz"
              onClick={(e) => {
                // With JavaScript: confirm in a dialog (without it: a confirmation step page).
                const dialog = dialogRef.current
                if (!formRef.current || !dialog || typeof dialog.showModal !== 'function') return
                e.preventDefault()
                setUnanswered(unansweredIn(formRef.current, items))
                dialog.showModal()
              }}
            >
              {t('assess.submit')}
            </button>
          </div>
        </fieldset>
      </Form>
      <dialog ref={dialogRef} aria-labelledby="confirm-title" data-testid="confirm-dialog">
        <h2 id="confirm-title">{t('assess.confirm.title')}</h2>
        <ConfirmSummary unanswered={unanswered} total={items.length} />
        <div style={{ display: 'flex', gap: '1rem', flexWrap: 'wrap' }}>
          <button
            type="button"
            onClick={() => {
              dialogRef.current?.close()
              const form = formRef.current
              if (!form) return
              clearTimeout(debounce.current)
              const fd = new FormData(form)
              fd.set('intent', 'submit')
              submit(fd, { method: 'post', replace: true })
            }}
          >
            {t('assess.confirm.yes')}
          </button>
          <button
            type="button"
            className="button-secondary"
            onClick={() => dialogRef.current?.close()}
          >
            {t('assess.confirm.back')}
          </button>
        </div>
      </dialog>
    </>
  )
}

function AttemptResult({ data }: { data: PageData }) {
  const { attempt, reviewFragment, competencies, lesson, course, notice } = data
  const { t } = useTranslation()
  const revalidator = useRevalidator()
  const waiting =
    attempt.status === 'SUBMITTED' ||
    (attempt.status === 'GRADED' && competencies.some((c) => !c.updated))
  const refresh = useCallback(() => revalidator.revalidate(), [revalidator])
  useGradingStatus(attempt.id, waiting, refresh)

  return (
    <>
      {waiting ? (
        // Without JavaScript the page refreshes itself until graded (with it, the status poll).
        <noscript>
          <meta httpEquiv="refresh" content="3" />
        </noscript>
      ) : null}
      <p>
        <Link to={`/courses/${course.slug}/lessons/${lesson.slug}`}>‹ {course.title}</Link>
      </p>
      <h1>{t('screens.attempt.resultTitle', { lesson: lesson.title, number: attempt.number })}</h1>
      {notice ? (
        <p className="alert alert-info" role="status" data-testid="submit-notice">
          {notice === 'timeUpSubmitted' ? t('quizTimer.autoSubmitted') : t(`assess.${notice}`)}
        </p>
      ) : attempt.timedOut ? (
        <p className="alert alert-info" role="status" data-testid="submit-notice">
          {t('assess.timedOut')}
        </p>
      ) : null}
      {attempt.status === 'SUBMITTED' ? (
        <p className="alert alert-info" role="status" data-testid="grading-status">
          {t('assess.grading')}
        </p>
      ) : attempt.status === 'NEEDS_GRADING' ? (
        <p className="alert alert-info" role="status">
          {t('screens.attempt.essaysWaiting')}
        </p>
      ) : data.review?.score ? (
        <section className="card" data-testid="quiz-result">
          <p>
            {t('screens.attempt.score')}{' '}
            <strong data-testid="quiz-score">{attempt.percent}%</strong>{' '}
            {t('screens.attempt.points', { score: attempt.score, max: attempt.maxScore })} —{' '}
            <strong>
              {attempt.passed
                ? t('screens.attempt.passed')
                : t('screens.attempt.notPassed', { passMark: attempt.passMark })}
            </strong>
          </p>
        </section>
      ) : (
        <p className="alert alert-info">{t('screens.attempt.scoreAfterClose')}</p>
      )}
      {competencies.length ? (
        <section className="card" aria-labelledby="comp-heading">
          <h2 id="comp-heading">{t('screens.attempt.competencyHeading')}</h2>
          <table data-testid="quiz-competencies">
            <thead>
              <tr>
                <th scope="col">{t('screens.attempt.competency')}</th>
                <th scope="col">{t('screens.attempt.currentLevel')}</th>
                <th scope="col">{t('screens.attempt.requiredLevel')}</th>
                <th scope="col">{t('screens.attempt.gap')}</th>
              </tr>
            </thead>
            <tbody>
              {competencies.map((c) => (
                <tr key={c.code} data-testid={`competency-${c.code}`}>
                  <td>
                    {c.code} {c.name}
                  </td>
                  <td>{c.updated ? c.current : t('screens.attempt.updating')}</td>
                  <td>{c.required ?? '—'}</td>
                  <td>{c.gap ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted" data-testid="quiz-evidence-policy">
            {t('domain.rating.quizNote', {
              years: Math.round(EVIDENCE_VALID_DAYS / 365),
              threshold: Math.round(THRESHOLD * 100),
            })}
          </p>
          <p>
            <Link to="/profile">{t('screens.attempt.fullProfile')}</Link>
          </p>
        </section>
      ) : null}
      {reviewFragment ? <HtmlFragment fragment={reviewFragment} /> : null}
      <p>
        <Link to={`/courses/${course.slug}/lessons/${lesson.slug}`}>
          {t('screens.attempt.backToQuiz')}
        </Link>
      </p>
    </>
  )
}

function answered(r: { optionIds?: string[]; text?: string } | null) {
  if (!r) return false
  if (r.optionIds) return r.optionIds.length > 0
  return (r.text ?? '').trim() !== ''
}
