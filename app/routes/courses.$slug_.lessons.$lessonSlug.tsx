import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useRevalidator } from '@remix-run/react'
import { useCallback } from 'react'
import { CourseOutline, ProgressBar } from '~/components/outline'
import { VideoPlayer } from '~/components/video-player'
import { lessonForLearner, markTextLessonDone } from '~/models/course.server'
import { QuizError, quizOverview, startAttempt } from '~/models/quiz.server'
import { playbackFor } from '~/models/video.server'
import { requireUser } from '~/utils/auth.server'
import { formatDate } from '~/utils/misc'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.lesson.title ?? 'Pelajaran'} · Bina` },
]

const methodLabel = {
  HIGHEST: 'nilai tertinggi',
  LAST: 'nilai terakhir',
  FIRST: 'nilai pertama',
  AVERAGE: 'rata-rata nilai',
} as const

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const view = await lessonForLearner(params.slug!, params.lessonSlug!, user.id)
  if (!view) throw new Response('Pelajaran tidak ditemukan.', { status: 404 })
  if (!view.outline.enrolment) throw redirect(`/courses/${params.slug}`)
  const playback =
    view.lesson.kind === 'VIDEO' && view.lesson.videoId
      ? await playbackFor(view.lesson.videoId)
      : null
  const quiz =
    view.lesson.kind === 'QUIZ'
      ? await quizOverview(params.slug!, params.lessonSlug!, user.id)
      : null
  return { ...view, playback, quiz }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const intent = (await request.formData()).get('intent')
  if (intent === 'complete') {
    await markTextLessonDone(user.id, params.slug!, params.lessonSlug!)
    return { ok: true, error: null }
  }
  if (intent === 'start-quiz') {
    try {
      const { attemptId } = await startAttempt(params.slug!, params.lessonSlug!, user.id)
      return redirect(`/quiz/${attemptId}`)
    } catch (e) {
      if (e instanceof QuizError) return data({ ok: false, error: e.message }, { status: e.status })
      throw e
    }
  }
  return data({ ok: false, error: 'Permintaan tidak dikenal.' }, { status: 400 })
}

export default function LessonPage() {
  const { outline, lesson, progress, prev, next, playback, quiz } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const revalidator = useRevalidator()
  const slug = outline.course.slug
  const done = Boolean(progress?.completedAt)
  const onProgress = useCallback(
    (r: { completed: boolean }) => {
      if (r.completed && !done) revalidator.revalidate()
    },
    [done, revalidator],
  )
  return (
    <>
      <p>
        <Link to={`/courses/${slug}`}>‹ {outline.course.title}</Link>
      </p>
      <div className="player">
        <article>
          <p className="muted">{lesson.moduleTitle}</p>
          <h1>{lesson.title}</h1>
          {actionData?.error ? (
            <p className="alert alert-error" role="alert">
              {actionData.error}
            </p>
          ) : null}
          {lesson.kind === 'VIDEO' && playback ? (
            playback.kind === 'unavailable' ? (
              <p className="alert alert-info">{playback.reason}</p>
            ) : (
              <>
                <VideoPlayer
                  source={playback}
                  title={lesson.title}
                  progressUrl={`/courses/${slug}/lessons/${lesson.slug}/progress`}
                  startAt={progress?.positionSec ?? 0}
                  onProgress={onProgress}
                />
                <p className="muted" data-testid="video-status">
                  {done
                    ? 'Video selesai ditonton.'
                    : `Ditonton ${Math.round((progress?.watchedShare ?? 0) * 100)}% — tonton minimal 90% untuk menyelesaikan pelajaran ini.`}
                </p>
              </>
            )
          ) : null}
          {lesson.contentHtml ? (
            // Rendered on the server at import/save time from a validated Tiptap document.
            <div className="lesson-body" dangerouslySetInnerHTML={{ __html: lesson.contentHtml }} />
          ) : null}
          {lesson.kind === 'TEXT' ? (
            done ? (
              <p className="alert alert-info" data-testid="lesson-done">
                Pelajaran ini sudah selesai.
              </p>
            ) : (
              <Form method="post" style={{ marginTop: '1rem' }}>
                <input type="hidden" name="intent" value="complete" />
                <button type="submit">Tandai selesai</button>
              </Form>
            )
          ) : null}
          {quiz ? (
            <section className="card" data-testid="quiz-overview">
              <h2>Ketentuan kuis</h2>
              <ul>
                <li>
                  {quiz.quiz.questionCount} soal, nilai lulus {quiz.quiz.passMark}%.
                </li>
                <li>
                  {quiz.quiz.timeLimitSec
                    ? `Waktu ${Math.round(quiz.quiz.timeLimitSec / 60)} menit sejak mulai.`
                    : 'Tanpa batas waktu.'}
                </li>
                <li>
                  {quiz.quiz.attemptsAllowed
                    ? `${quiz.quiz.attemptsAllowed} kali percobaan`
                    : 'Percobaan tidak terbatas'}
                  ; yang dihitung {methodLabel[quiz.quiz.gradingMethod]}.
                </li>
                {quiz.quiz.closeAt ? <li>Ditutup {formatDate(quiz.quiz.closeAt)}.</li> : null}
              </ul>
              {quiz.attempts.length ? (
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Percobaan</th>
                      <th scope="col">Status</th>
                      <th scope="col">Nilai</th>
                    </tr>
                  </thead>
                  <tbody>
                    {quiz.attempts.map((a) => (
                      <tr key={a.id}>
                        <td>
                          <Link to={`/quiz/${a.id}`}>#{a.number}</Link>
                        </td>
                        <td>
                          {a.status === 'GRADED'
                            ? a.passed == null
                              ? 'Sudah dinilai' // the review options hide the score for now
                              : a.passed
                                ? 'Lulus'
                                : 'Belum lulus'
                            : a.status === 'IN_PROGRESS'
                              ? 'Sedang dikerjakan'
                              : 'Sedang dinilai'}
                        </td>
                        <td>{a.percent != null ? `${a.percent}%` : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
              {quiz.finalPercent != null ? (
                <p data-testid="quiz-final">
                  Nilai akhir: <strong>{quiz.finalPercent}%</strong> (
                  {quiz.passed ? 'lulus' : 'belum lulus'}).
                </p>
              ) : null}
              {quiz.inProgress ? (
                <Link className="button" to={`/quiz/${quiz.inProgress.id}`}>
                  Lanjutkan percobaan
                </Link>
              ) : quiz.canStart ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="start-quiz" />
                  <button type="submit">
                    {quiz.attempts.length ? 'Mulai percobaan baru' : 'Mulai kuis'}
                  </button>
                </Form>
              ) : (
                <p className="muted">
                  {quiz.open ? 'Batas percobaan sudah tercapai.' : 'Kuis tidak sedang dibuka.'}
                </p>
              )}
            </section>
          ) : null}
          <nav className="lesson-nav" aria-label="Navigasi pelajaran">
            {prev ? (
              <Link to={`/courses/${slug}/lessons/${prev.slug}`}>‹ Sebelumnya: {prev.title}</Link>
            ) : (
              <span />
            )}
            {next ? (
              <Link to={`/courses/${slug}/lessons/${next.slug}`}>Berikutnya: {next.title} ›</Link>
            ) : (
              <Link to={`/courses/${slug}`}>Kembali ke halaman kursus ›</Link>
            )}
          </nav>
        </article>
        <aside className="card">
          <ProgressBar percent={outline.percent} label="Kemajuan kursus" />
          <CourseOutline slug={slug} lessons={outline.lessons} current={lesson.slug} linked />
        </aside>
      </div>
    </>
  )
}
