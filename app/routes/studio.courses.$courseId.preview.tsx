import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import editorCss from '~/components/editor.css?url'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { BankText, courseImageSrc } from '~/components/question-bank-text'
import { previewLessons, previewQuiz, workingCourse } from '~/models/studio.server'
import { pageTitle } from '~/utils/meta'
import { readSearchParams, withAppErrors } from '~/utils/route-errors.server'
import { requireStudioCourse } from '~/utils/studio-route.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: editorCss }]

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, { key: 'studio.preview.title' })

/** The draft as a learner will see it once published (nothing is recorded). */
export const loader = withAppErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const { courseId } = await requireStudioCourse(request, params)
  const slug = readSearchParams(request).get('lesson')
  const [course, lessons] = await Promise.all([workingCourse(courseId), previewLessons(courseId)])
  const current = lessons.find((l) => l.slug === slug) ?? lessons[0] ?? null
  // A quiz lesson: its questions as the learner's attempt shows them, without the answer key.
  const quiz = current?.kind === 'QUIZ' ? await previewQuiz(courseId, current.lessonId) : null
  return {
    course: { id: course.id, title: course.title, summary: course.summary, jp: course.jp },
    outline: lessons.map((l) => ({
      slug: l.slug,
      title: l.title,
      kind: l.kind,
      moduleTitle: l.moduleTitle,
    })),
    current: current && {
      slug: current.slug,
      title: current.title,
      kind: current.kind,
      videoId: current.videoId,
      contentHtml: current.contentHtml,
    },
    quiz,
  }
})

export default function StudioPreview() {
  const { course, outline, current, quiz } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const base = `/studio/courses/${course.id}`
  return (
    <>
      <p className="breadcrumbs">
        <Link to={base}>{t('studio.preview.back')}</Link>
      </p>
      <p className="alert alert-info">{t('studio.preview.notice')}</p>
      <h1>{course.title}</h1>
      <p>{course.summary}</p>
      <nav aria-label={t('studio.preview.outline')}>
        <ol className="outline">
          {outline.map((l) => (
            <li key={l.slug}>
              <span className="muted">{l.moduleTitle} · </span>
              <Link
                to={`?lesson=${l.slug}`}
                aria-current={current?.slug === l.slug ? 'page' : undefined}
              >
                {l.title}
              </Link>
            </li>
          ))}
        </ol>
      </nav>
      {current ? (
        <article aria-labelledby="preview-lesson" className="card" data-testid="preview-lesson">
          <h2 id="preview-lesson" style={{ marginTop: 0 }}>
            {current.title}
          </h2>
          {current.kind === 'VIDEO' && current.videoId ? (
            <video
              controls
              preload="metadata"
              src={`/media/videos/${current.videoId}`}
              className="lesson-video"
            >
              <track kind="captions" />
            </video>
          ) : null}
          {current.contentHtml ? (
            <div
              className="lesson-body"
              dangerouslySetInnerHTML={{ __html: current.contentHtml }}
            />
          ) : null}
          {quiz ? <QuizPreview slots={quiz} courseId={course.id} /> : null}
        </article>
      ) : (
        <p className="muted">{t('studio.preview.empty')}</p>
      )}
    </>
  )
}

type Slots = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>['quiz']>

/** A quiz lesson's questions as an attempt shows them (disabled inputs, no key, no feedback). */
function QuizPreview({ slots, courseId }: { slots: Slots; courseId: string }) {
  const { t } = useTranslation()
  const src = courseImageSrc(courseId)
  const questions = slots.flatMap((s) => s.questions)
  if (questions.length === 0) return <p className="muted">{t('studio.preview.noQuestions')}</p>
  return (
    <>
      {slots.map((s, si) => (
        <section key={si} data-testid="preview-slot">
          {s.category ? (
            <p className="muted" data-testid="preview-draw">
              {t('studio.preview.draws', {
                count: s.draw,
                total: s.questions.length,
                category: s.category,
              })}
            </p>
          ) : null}
          <ol>
            {s.questions.map((q, qi) => (
              <li key={qi} data-testid="preview-question" className="card">
                {q.type === 'SINGLE' || q.type === 'MULTIPLE' || q.type === 'TRUE_FALSE' ? (
                  <fieldset>
                    <legend>
                      <BankText text={q.text} imageSrc={src} />
                      {q.type === 'MULTIPLE' ? ` ${t('bank.chooseAll')}` : ''}
                    </legend>
                    {q.options.map((o, oi) => (
                      <div key={oi}>
                        <label>
                          <input
                            type={q.type === 'MULTIPLE' ? 'checkbox' : 'radio'}
                            name={`preview-${si}-${qi}`}
                            disabled
                          />{' '}
                          <BankText text={o} imageSrc={src} />
                        </label>
                      </div>
                    ))}
                  </fieldset>
                ) : (
                  <div className="field">
                    <label htmlFor={`preview-${si}-${qi}`}>
                      <BankText text={q.text} imageSrc={src} />
                    </label>
                    {q.type === 'ESSAY' ? (
                      <textarea id={`preview-${si}-${qi}`} rows={4} disabled />
                    ) : (
                      <input
                        id={`preview-${si}-${qi}`}
                        type="text"
                        disabled
                        inputMode={q.type === 'NUMERIC' ? 'decimal' : undefined}
                      />
                    )}
                  </div>
                )}
              </li>
            ))}
          </ol>
        </section>
      ))}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
