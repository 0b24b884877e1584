import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData, useRevalidator } from '@remix-run/react'
import { Link } from '~/components/link'
import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { EVIDENCE_VALID_DAYS, THRESHOLD } from '~/domain/rating'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { StatusButton, useErrorText } from '~/components/forms'
import { TableWrap } from '~/components/table'
import { CourseOutline, outlineLesson, ProgressBar } from '~/components/outline'
import { VideoPlayer } from '~/components/video-player'
import { lessonForLearner, markTextLessonDone, markVideoOpened } from '~/models/course.server'
import { quizOverview, startAttempt } from '~/models/quiz.server'
import { playbackFor } from '~/models/video.server'
import { receivedAt } from '~/utils/misc'
import { requireUser } from '~/utils/auth.server'
import { slugSchema } from '~/schemas/common'
import { AppError, InvalidError, messageWith, NotFoundError } from '~/utils/errors'
import { pageTitle } from '~/utils/meta'
import { formatDate } from '~/utils/misc'
import { HtmlFragment, offerFragment } from '~/utils/html-fragment'
import { readForm, routeParam, withAppErrors } from '~/utils/route-errors.server'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data?.lesson.title
    ? pageTitle(matches, { text: data.lesson.title })
    : pageTitle(matches, { key: 'ui.lesson.fallbackTitle' })

function slugs(params: Record<string, string | undefined>) {
  return {
    slug: routeParam(params, 'slug', slugSchema, 'course.notFound'),
    lessonSlug: routeParam(params, 'lessonSlug', slugSchema, 'lesson.notFound'),
  }
}

export const loader = withAppErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  const { slug, lessonSlug } = slugs(params)
  const view = await lessonForLearner(slug, lessonSlug, user.id)
  if (!view) throw new NotFoundError('lesson.notFound')
  if (!view.outline.enrolment) throw redirect(`/courses/${slug}`)
  const playback =
    view.lesson.kind === 'VIDEO' && view.lesson.videoId
      ? await playbackFor(view.lesson.videoId)
      : null
  // Progress is judged against the time since the video lesson was first opened.
  if (playback && playback.kind !== 'unavailable' && !view.progress?.completedAt)
    await markVideoOpened(user.id, slug, lessonSlug, new Date(receivedAt(request)))
  const waitParam = Number(new URL(request.url).searchParams.get('wait'))
  const waitSec = Number.isFinite(waitParam) && waitParam > 0 ? Math.ceil(waitParam) : null
  const quiz =
    view.lesson.kind === 'QUIZ'
      ? await quizOverview(slug, lessonSlug, user.id, new Date(receivedAt(request)))
      : null
  // Only what the page shows travels in the page's data (decision 073): the outline was sent
  // whole (course summary, competencies, ids) beside the lesson body.
  const { outline, lesson, progress, prev, next } = view
  return {
    outline: {
      course: { slug: outline.course.slug, title: outline.course.title },
      percent: outline.percent,
      lessons: outline.lessons.map(outlineLesson),
    },
    lesson: {
      slug: lesson.slug,
      title: lesson.title,
      kind: lesson.kind,
      moduleTitle: lesson.moduleTitle,
      // The body goes into a document's HTML once, not a second time (escaped) in its route data
      // (decision 100; a client-side navigation gets it in the data).
      body: lesson.contentHtml ? offerFragment(context, 'lesson-body', lesson.contentHtml) : null,
    },
    progress,
    prev: prev ? { slug: prev.slug, title: prev.title } : null,
    next: next ? { slug: next.slug, title: next.title } : null,
    playback,
    quiz,
    waitSec,
  }
})

export const action = withAppErrors(async ({ request, params }: ActionFunctionArgs) => {
  const user = await requireUser(request)
  const { slug, lessonSlug } = slugs(params)
  const intent = (await readForm(request)).get('intent')
  if (intent === 'complete') {
    await markTextLessonDone(user.id, slug, lessonSlug)
    return { ok: true, error: null }
  }
  if (intent === 'start-quiz') {
    try {
      const { attemptId } = await startAttempt(
        slug,
        lessonSlug,
        user.id,
        new Date(receivedAt(request)),
      )
      return redirect(`/quiz/${attemptId}`)
    } catch (e) {
      // Quiz rules refuse with a coded message shown next to the button (QuizError is an AppError).
      if (e instanceof AppError)
        return data({ ok: false, error: messageWith(e.code, e.params) }, { status: e.status })
      throw e
    }
  }
  throw new InvalidError('input.unknownIntent')
})

export default function LessonPage() {
  const { outline, lesson, progress, prev, next, playback, quiz, waitSec } =
    useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const revalidator = useRevalidator()
  const { t, i18n } = useTranslation()
  const errorText = useErrorText()
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
              {errorText(actionData.error)}
            </p>
          ) : null}
          {lesson.kind === 'VIDEO' && playback ? (
            playback.kind === 'unavailable' ? (
              <p className="alert alert-info">{errorText(playback.reason)}</p>
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
                    ? t('ui.lesson.videoDone')
                    : t('ui.lesson.videoWatched', {
                        percent: Math.round((progress?.watchedShare ?? 0) * 100),
                      })}
                </p>
                {done ? null : (
                  // Works without JavaScript: accepted once the video's duration has passed since
                  // the lesson was opened (app/domain/video-progress.ts).
                  // form-kit: intent only (decision 042)
                  <Form
                    method="post"
                    action={`/courses/${slug}/lessons/${lesson.slug}/progress`}
                    data-testid="confirm-watched"
                  >
                    {waitSec ? (
                      <p className="alert alert-info" role="status">
                        {t('screens.lesson.watchFirst', { seconds: waitSec })}
                      </p>
                    ) : null}
                    <button type="submit" className="button-secondary">
                      {t('screens.lesson.confirmWatched')}
                    </button>
                  </Form>
                )}
              </>
            )
          ) : null}
          {lesson.body ? (
            // Rendered on the server at import/save time from a validated Tiptap document.
            <HtmlFragment fragment={lesson.body} className="lesson-body" />
          ) : null}
          {lesson.kind === 'TEXT' ? (
            done ? (
              <p className="alert alert-info" data-testid="lesson-done">
                {t('ui.lesson.done')}
              </p>
            ) : (
              // form-kit: intent only (decision 042)
              <Form method="post" style={{ marginTop: '1rem' }}>
                <StatusButton intent="complete">{t('ui.lesson.markDone')}</StatusButton>
              </Form>
            )
          ) : null}
          {quiz ? (
            <section className="card" data-testid="quiz-overview">
              <h2>{t('ui.lesson.quizRules')}</h2>
              <ul>
                <li>
                  {t('ui.lesson.questions', {
                    count: quiz.quiz.questionCount,
                    passMark: quiz.quiz.passMark,
                  })}
                </li>
                <li>
                  {quiz.quiz.timeLimitSec
                    ? t('ui.lesson.timeLimit', {
                        minutes: Math.round(quiz.quiz.timeLimitSec / 60),
                      })
                    : t('ui.lesson.noTimeLimit')}
                </li>
                <li>
                  {quiz.quiz.attemptsAllowed
                    ? t('ui.lesson.attemptsAllowed', { count: quiz.quiz.attemptsAllowed })
                    : t('ui.lesson.attemptsUnlimited')}
                  {t('ui.lesson.counted', {
                    method: t(`ui.lesson.method.${quiz.quiz.gradingMethod}`),
                  })}
                </li>
                {quiz.quiz.closeAt ? (
                  <li>
                    {t('ui.lesson.closes', { date: formatDate(quiz.quiz.closeAt, i18n.language) })}
                  </li>
                ) : null}
                <li data-testid="quiz-evidence-policy">
                  {t('domain.rating.quizNote', {
                    threshold: Math.round(THRESHOLD * 100),
                    years: Math.round(EVIDENCE_VALID_DAYS / 365),
                  })}
                </li>
              </ul>
              {quiz.attempts.length ? (
                <TableWrap label={t('ui.lesson.attempt')}>
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t('ui.lesson.attempt')}</th>
                        <th scope="col">{t('ui.lesson.status')}</th>
                        <th scope="col">{t('ui.lesson.score')}</th>
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
                                ? t('ui.lesson.graded') // the review options hide the score for now
                                : a.passed
                                  ? t('ui.lesson.passed')
                                  : t('ui.lesson.notPassed')
                              : a.status === 'IN_PROGRESS'
                                ? t('ui.lesson.inProgress')
                                : t('ui.lesson.grading')}
                          </td>
                          <td>{a.percent != null ? `${a.percent}%` : '—'}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableWrap>
              ) : null}
              {quiz.finalPercent != null ? (
                <p data-testid="quiz-final">
                  {t('ui.lesson.finalScore')} <strong>{quiz.finalPercent}%</strong> (
                  {quiz.passed ? t('ui.lesson.finalPassed') : t('ui.lesson.finalNotPassed')}).
                </p>
              ) : null}
              {quiz.inProgress ? (
                <Link className="button" to={`/quiz/${quiz.inProgress.id}`}>
                  {t('ui.lesson.continueAttempt')}
                </Link>
              ) : quiz.canStart ? (
                // form-kit: intent only (decision 042)
                <Form method="post">
                  <StatusButton intent="start-quiz">
                    {quiz.attempts.length ? t('ui.lesson.startNew') : t('ui.lesson.start')}
                  </StatusButton>
                </Form>
              ) : (
                <p className="muted">
                  {quiz.open ? t('ui.lesson.limitReached') : t('ui.lesson.closed')}
                </p>
              )}
            </section>
          ) : null}
          <nav className="lesson-nav" aria-label={t('ui.lesson.nav')}>
            {prev ? (
              <Link to={`/courses/${slug}/lessons/${prev.slug}`}>
                {t('ui.lesson.prev', { title: prev.title })}
              </Link>
            ) : (
              <span />
            )}
            {next ? (
              <Link to={`/courses/${slug}/lessons/${next.slug}`}>
                {t('ui.lesson.next', { title: next.title })}
              </Link>
            ) : (
              <Link to={`/courses/${slug}`}>{t('ui.lesson.backToCourse')}</Link>
            )}
          </nav>
        </article>
        <aside className="card">
          <ProgressBar percent={outline.percent} label={t('ui.course.progressLabel')} />
          <CourseOutline slug={slug} lessons={outline.lessons} current={lesson.slug} linked />
        </aside>
      </div>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
