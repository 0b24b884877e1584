import {
  data,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { LessonEditor } from '~/components/editor'
import editorCss from '~/components/editor.css?url'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Flash } from '~/components/flash'
import { IntentForm, useStudioMessage } from '~/components/studio-fields'
import { courseVideos } from '~/models/studio-media.server'
import { lessonForEditing, saveLessonContent, updateLessonSettings } from '~/models/studio.server'
import { lessonMarkdown } from '~/models/studio-lookup.server'
import { lessonActionSchema } from '~/schemas/studio'
import { AppError } from '~/utils/errors'
import { pageTitle } from '~/utils/meta'
import type { TiptapDoc } from '~/utils/rich-text'
import { readForm, routeParam, withAppErrors } from '~/utils/route-errors.server'
import { firstIssue, requireStudioCourse } from '~/utils/studio-route.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: editorCss }]

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, { key: 'studio.lesson.title', params: { title: data?.lesson.title ?? '' } })

const lessonIdParam = z.string().regex(/^[\w-]{1,64}$/)

export const loader = withAppErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const { courseId } = await requireStudioCourse(request, params)
  const lessonId = routeParam(params, 'lessonId', lessonIdParam, 'studio.lessonNotFound')
  const [lesson, videos] = await Promise.all([
    lessonForEditing(courseId, lessonId),
    courseVideos(courseId),
  ])
  const doc = (lesson.contentJson as TiptapDoc | null) ?? { type: 'doc', content: [] }
  return {
    courseId,
    lesson: { ...lesson, contentJson: undefined },
    doc,
    markdown: lessonMarkdown(doc),
    videos: videos.map((v) => ({ id: v.id, title: v.title, status: v.status })),
  }
})

export const action = withAppErrors(async ({ request, params }: ActionFunctionArgs) => {
  const { courseId } = await requireStudioCourse(request, params)
  const lessonId = routeParam(params, 'lessonId', lessonIdParam, 'studio.lessonNotFound')
  const form = Object.fromEntries(await readForm(request))
  const parsed = lessonActionSchema.safeParse(form)
  if (!parsed.success) {
    const issue = firstIssue(parsed.error)
    return data({ ok: false as const, message: issue.message, field: issue.field }, { status: 400 })
  }
  const input = parsed.data
  try {
    if (input.intent === 'settings') {
      await updateLessonSettings(courseId, lessonId, {
        title: input.title,
        minutes: input.minutes,
        required: input.required,
        videoId: input.videoId === undefined ? undefined : input.videoId || null,
      })
      return data({ ok: true as const, intent: 'settings', savedAt: new Date().toISOString() })
    }
    const saved = await saveLessonContent(courseId, lessonId, {
      doc: input.doc,
      markdown: input.doc === undefined ? input.markdown : undefined,
    })
    return data({ ok: true as const, intent: 'content', savedAt: saved.savedAt.toISOString() })
  } catch (e) {
    // A refused document is an answer for the editor (autosave shows it), not an error page.
    if (e instanceof AppError && e.status < 500)
      return data(
        {
          ok: false as const,
          message: e.code,
          params: e.params as Record<string, string>,
          field: e.field,
        },
        { status: e.status },
      )
    throw e
  }
})

export default function StudioLesson() {
  const { courseId, lesson, doc, markdown, videos } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const base = `/studio/courses/${courseId}`
  const message = useStudioMessage()
  const say = (m: { message: string; params?: Record<string, string> }) =>
    message(m.message, m.params)
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/studio/courses">{t('studio.list.title')}</Link> ›{' '}
        <Link to={base}>{t('studio.lesson.back')}</Link>
      </p>
      <h1>{lesson.title}</h1>
      <p className="muted">
        {lesson.module.title} · {t(`studio.kind.${lesson.kind}`)} ·{' '}
        <Link to={`${base}/preview?lesson=${lesson.slug}`}>{t('studio.course.preview')}</Link>
      </p>
      {actionData ? (
        <Flash
          ok={actionData.ok}
          testId="lesson-result"
          message={actionData.ok ? t('studio.lesson.saved') : say(actionData)}
        />
      ) : null}
      <section aria-labelledby="settings-heading" className="card">
        <h2 id="settings-heading" style={{ marginTop: 0 }}>
          {t('studio.lesson.settings')}
        </h2>
        <IntentForm intent="settings" className="stack">
          <div className="field">
            <label htmlFor="lesson-title">{t('studio.course.lessonTitle')}</label>
            <input
              id="lesson-title"
              name="title"
              required
              minLength={3}
              maxLength={200}
              defaultValue={lesson.title}
            />
          </div>
          <div className="field">
            <label htmlFor="lesson-minutes">{t('studio.lesson.minutes')}</label>
            <input
              id="lesson-minutes"
              name="minutes"
              type="number"
              min={1}
              max={600}
              required
              defaultValue={lesson.minutes}
            />
          </div>
          <div className="field">
            <label>
              <input type="checkbox" name="required" defaultChecked={lesson.required} />{' '}
              {t('studio.lesson.required')}
            </label>
          </div>
          {lesson.kind === 'VIDEO' ? (
            <div className="field">
              <label htmlFor="lesson-video">{t('studio.lesson.video')}</label>
              <select id="lesson-video" name="videoId" defaultValue={lesson.videoId ?? ''}>
                <option value="">{t('studio.lesson.noVideo')}</option>
                {videos.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.title} ({t(`studio.videoStatus.${v.status}`)})
                  </option>
                ))}
              </select>
              <p className="hint">
                <Link to={`${base}/videos`}>{t('studio.lesson.uploadVideo')}</Link>
              </p>
            </div>
          ) : null}
          <div>
            <button type="submit">{t('studio.save')}</button>
          </div>
        </IntentForm>
      </section>
      {lesson.quiz ? (
        <section aria-labelledby="quiz-heading" className="card" style={{ marginTop: '1rem' }}>
          <h2 id="quiz-heading" style={{ marginTop: 0 }}>
            {t('studio.kind.QUIZ')}
          </h2>
          <p className="hint">{t('studio.course.quizHint')}</p>
          <p className="button-row">
            <Link className="button button-secondary" to={`/authoring/bank/${courseId}`}>
              {t('studio.course.quizQuestions')}
            </Link>
            <Link className="button button-secondary" to={`/authoring/quizzes/${lesson.quiz.id}`}>
              {t('studio.course.quizSettings')}
            </Link>
          </p>
        </section>
      ) : (
        <section aria-labelledby="content-heading" style={{ marginTop: '1rem' }}>
          <h2 id="content-heading">{t('studio.lesson.content')}</h2>
          <IntentForm intent="content" className="stack">
            <LessonEditor
              courseId={courseId}
              doc={doc}
              markdown={markdown}
              videos={videos.filter((v) => v.status === 'READY')}
            />
            <div>
              <button type="submit" data-testid="save-content">
                {t('studio.lesson.saveContent')}
              </button>
            </div>
          </IntentForm>
        </section>
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
