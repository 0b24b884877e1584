import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import {
  Form,
  Link,
  useActionData,
  useFetcher,
  useLoaderData,
  useRevalidator,
} from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { competencyProfile } from '~/models/profile.server'
import { attemptView, QuizError, saveAnswers, submitAttempt } from '~/models/quiz.server'
import { requireUser } from '~/utils/auth.server'
import { receivedAt } from '~/utils/misc'
import { EVIDENCE_VALID_DAYS, THRESHOLD } from '~/domain/rating'
import id from '~/locales/id'
import { prisma } from '~/utils/db.server'

export const meta: MetaFunction = () => [{ title: 'Kuis · Bina' }]

async function attemptContext(attemptId: string, userId: string) {
  const a = await prisma.quizAttempt.findFirst({
    where: { id: attemptId, userId },
    select: {
      layout: true,
      gradedAt: true,
      quiz: {
        select: {
          lesson: {
            select: {
              slug: true,
              title: true,
              module: { select: { course: { select: { slug: true, title: true } } } },
            },
          },
        },
      },
    },
  })
  if (!a) throw new Response('Percobaan kuis tidak ditemukan.', { status: 404 })
  return a
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const ctx = await attemptContext(params.attemptId!, user.id)
  const view = await attemptView(params.attemptId!, user.id)
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
    const profile = await competencyProfile(user.id)
    competencies = profile.rows
      .filter((r) => codes.has(r.code))
      .map((r) => ({
        code: r.code,
        name: r.name,
        current: r.current,
        required: r.required,
        gap: r.gap,
        updated: Boolean(r.ratedAt && ctx.gradedAt && r.ratedAt >= ctx.gradedAt),
      }))
  }
  const lesson = ctx.quiz.lesson
  return {
    ...view,
    competencies,
    lesson: { slug: lesson.slug, title: lesson.title },
    course: lesson.module.course,
    now: Date.now(),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const form = await request.formData()
  try {
    if (form.get('intent') === 'submit') {
      const r = await submitAttempt(params.attemptId!, user.id, form, receivedAt(request))
      if (r.lateAnswersRefused) {
        return data(
          {
            message:
              'Waktu pengerjaan sudah habis: jawaban terakhir tidak disimpan, jawaban sebelumnya dinilai.',
            error: true,
          },
          { status: 409 },
        )
      }
      return redirect(`/quiz/${params.attemptId}`)
    }
    const r = await saveAnswers(params.attemptId!, user.id, form, receivedAt(request))
    const hint = r.ambiguousNumbers ? ` ${id.domain.numbers.DOT_THOUSANDS_OR_DECIMAL}` : ''
    return { message: `${r.saved} jawaban tersimpan.${hint}`, error: false }
  } catch (e) {
    if (e instanceof QuizError)
      return data({ message: e.message, error: true }, { status: e.status })
    throw e
  }
}

function Countdown({ deadline, serverNow }: { deadline: Date | string; serverNow: number }) {
  const skew = useRef(serverNow - Date.now())
  const [left, setLeft] = useState(() => Math.max(0, new Date(deadline).getTime() - serverNow))
  useEffect(() => {
    const t = setInterval(
      () => setLeft(Math.max(0, new Date(deadline).getTime() - (Date.now() + skew.current))),
      1000,
    )
    return () => clearInterval(t)
  }, [deadline])
  const m = Math.floor(left / 60_000)
  const s = Math.floor((left % 60_000) / 1000)
  return (
    <p className="timer" role="timer" aria-live="off" data-testid="timer">
      Sisa waktu: {m}:{String(s).padStart(2, '0')} {left === 0 ? '— waktu habis' : ''}
    </p>
  )
}

export default function QuizAttemptPage() {
  const { attempt, items, review, competencies, lesson, course, now } =
    useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const autosave = useFetcher<typeof action>()
  const revalidator = useRevalidator()
  const formRef = useRef<HTMLFormElement>(null)
  const waiting =
    attempt.status === 'SUBMITTED' ||
    (attempt.status === 'GRADED' && competencies.some((c) => !c.updated))

  useEffect(() => {
    if (!waiting) return
    const t = setInterval(() => revalidator.state === 'idle' && revalidator.revalidate(), 1000)
    return () => clearInterval(t)
  }, [waiting, revalidator])

  const message = autosave.data?.message ?? actionData?.message
  const isError = autosave.data?.error ?? actionData?.error

  if (attempt.status === 'IN_PROGRESS') {
    return (
      <>
        <p>
          <Link to={`/courses/${course.slug}/lessons/${lesson.slug}`}>‹ {course.title}</Link>
        </p>
        <h1>
          {lesson.title} — percobaan {attempt.number}
        </h1>
        {attempt.deadlineAt ? <Countdown deadline={attempt.deadlineAt} serverNow={now} /> : null}
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
          ref={formRef}
          onChange={() => {
            if (formRef.current) {
              const fd = new FormData(formRef.current)
              fd.set('intent', 'save')
              autosave.submit(fd, { method: 'post' })
            }
          }}
        >
          {items.map((q) => (
            <div className="question" key={q.id} data-testid="question">
              {q.options.length ? (
                <fieldset>
                  <legend>
                    {q.index}. {q.text}{' '}
                    {q.type === 'MULTIPLE' ? (
                      <span className="hint">(pilih semua yang benar)</span>
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
                      {o.text}
                    </label>
                  ))}
                </fieldset>
              ) : (
                <div className="field">
                  <label htmlFor={`q_${q.id}`}>
                    {q.index}. {q.text}
                  </label>
                  {q.type === 'ESSAY' ? (
                    <textarea
                      id={`q_${q.id}`}
                      name={`q_${q.id}`}
                      rows={6}
                      defaultValue={q.response?.text ?? ''}
                    />
                  ) : (
                    <input
                      id={`q_${q.id}`}
                      name={`q_${q.id}`}
                      type="text"
                      inputMode={q.type === 'NUMERIC' ? 'decimal' : 'text'}
                      defaultValue={q.response?.text ?? ''}
                    />
                  )}
                </div>
              )}
            </div>
          ))}
          <div style={{ display: 'flex', gap: '1rem' }}>
            <button type="submit" name="intent" value="save" className="button-secondary">
              Simpan jawaban
            </button>
            <button type="submit" name="intent" value="submit">
              Kumpulkan
            </button>
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
      <h1>
        Hasil {lesson.title} — percobaan {attempt.number}
      </h1>
      {attempt.status === 'SUBMITTED' ? (
        <p className="alert alert-info" role="status" data-testid="grading-status">
          Jawaban Anda sudah diterima dan sedang dinilai…
        </p>
      ) : attempt.status === 'NEEDS_GRADING' ? (
        <p className="alert alert-info" role="status">
          Jawaban esai Anda menunggu penilaian pengajar.
        </p>
      ) : review?.score ? (
        <section className="card" data-testid="quiz-result">
          <p>
            Nilai: <strong data-testid="quiz-score">{attempt.percent}%</strong> ({attempt.score}{' '}
            dari {attempt.maxScore} poin) —{' '}
            <strong>
              {attempt.passed ? 'Lulus' : `Belum lulus (nilai lulus ${attempt.passMark}%)`}
            </strong>
          </p>
        </section>
      ) : (
        <p className="alert alert-info">Nilai akan ditampilkan setelah kuis ditutup.</p>
      )}
      {competencies.length ? (
        <section className="card" aria-labelledby="comp-heading">
          <h2 id="comp-heading">Profil kompetensi Anda</h2>
          <table data-testid="quiz-competencies">
            <thead>
              <tr>
                <th scope="col">Kompetensi</th>
                <th scope="col">Level saat ini</th>
                <th scope="col">Level standar jabatan</th>
                <th scope="col">Kesenjangan</th>
              </tr>
            </thead>
            <tbody>
              {competencies.map((c) => (
                <tr key={c.code} data-testid={`competency-${c.code}`}>
                  <td>
                    {c.code} {c.name}
                  </td>
                  <td>{c.updated ? c.current : 'memperbarui…'}</td>
                  <td>{c.required ?? '—'}</td>
                  <td>{c.gap ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted" data-testid="quiz-evidence-policy">
            {id.domain.rating.quizNote
              .replace('{{years}}', String(Math.round(EVIDENCE_VALID_DAYS / 365)))
              .replace('{{threshold}}', String(Math.round(THRESHOLD * 100)))}
          </p>
          <p>
            <Link to="/profile">Lihat profil kompetensi lengkap</Link>
          </p>
        </section>
      ) : null}
      {review ? (
        <section>
          <h2>Tinjauan jawaban</h2>
          {items.map((q) => (
            <div className="question" key={q.id}>
              <p>
                <strong>{q.index}.</strong> {q.text}{' '}
                {q.score !== undefined ? (
                  <span className={q.score >= q.points ? 'correct' : 'incorrect'}>
                    ({q.score}/{q.points})
                  </span>
                ) : null}
              </p>
              {q.options.length ? (
                <ul>
                  {q.options.map((o) => {
                    const chosen = q.response?.optionIds?.includes(o.id)
                    const correct = 'correct' in o ? (o.correct as boolean) : undefined
                    return (
                      <li key={o.id}>
                        {chosen ? '☑' : '☐'} {o.text}
                        {correct !== undefined ? (
                          <span className={correct ? 'correct' : 'incorrect'}>
                            {correct ? ' — benar' : ''}
                          </span>
                        ) : null}
                        {chosen && 'feedback' in o && o.feedback ? (
                          <span className="muted"> — {o.feedback as string}</span>
                        ) : null}
                      </li>
                    )
                  })}
                </ul>
              ) : (
                <p>
                  Jawaban Anda: {q.response?.text || '—'}
                  {q.acceptedAnswers?.length ? (
                    <span className="muted"> (jawaban benar: {q.acceptedAnswers.join(' / ')})</span>
                  ) : null}
                  {q.numericAnswer != null ? (
                    <span className="muted"> (jawaban benar: {q.numericAnswer})</span>
                  ) : null}
                </p>
              )}
              {q.feedback ? <p className="muted">{q.feedback}</p> : null}
            </div>
          ))}
        </section>
      ) : null}
      <p>
        <Link to={`/courses/${course.slug}/lessons/${lesson.slug}`}>Kembali ke kuis</Link>
      </p>
    </>
  )
}
