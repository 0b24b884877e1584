import {
  data,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { getInputProps, getSelectProps } from '@conform-to/react'
import { parseWithZod } from '~/utils/conform'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { LessonEditor } from '~/components/editor'
import editorCss from '~/components/editor.css?url'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Flash } from '~/components/flash'
import { ErrorList, Field, StatusButton } from '~/components/forms'
import { IntentForm, text, useStudioForm, useStudioMessage } from '~/components/studio-fields'
import { courseVideos } from '~/models/studio-media.server'
import { lessonForEditing, saveLessonContent, updateLessonSettings } from '~/models/studio.server'
import { lessonMarkdown } from '~/models/studio-lookup.server'
import { lessonActionSchema } from '~/schemas/studio'
import { AppError, messageWith } from '~/utils/errors'
import { pageTitle } from '~/utils/meta'
import type { TiptapDoc } from '~/utils/rich-text'
import { readForm, routeParam, withAppErrors } from '~/utils/route-errors.server'
import { requireStudioCourse } from '~/utils/studio-route.server'

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
  const submission = parseWithZod(await readForm(request), { schema: lessonActionSchema })
  const formKey = submission.payload.intent === 'content' ? 'content' : 'settings'
  if (submission.status !== 'success') {
    const result = submission.reply()
    const [field, messages] = Object.entries(result.error ?? {}).find(([, m]) => m?.length) ?? []
    return data(
      { ok: false as const, message: messages?.[0] ?? 'input.invalid', field, result, formKey },
      { status: 400 },
    )
  }
  const input = submission.value
  const sent = (name: string) => name in submission.payload
  try {
    if (input.intent === 'settings') {
      await updateLessonSettings(courseId, lessonId, {
        title: input.title,
        minutes: input.minutes,
        required: input.required,
        // An empty choice ("no video", which Conform reads as absent) unlinks the video.
        videoId: input.videoId || (sent('videoId') ? null : undefined),
      })
      return data({
        ok: true as const,
        intent: 'settings',
        savedAt: new Date().toISOString(),
        result: submission.reply(),
        formKey,
      })
    }
    const saved = await saveLessonContent(courseId, lessonId, {
      doc: input.doc,
      // An emptied Markdown box (absent for Conform) saves an empty lesson, as it always did.
      markdown:
        input.doc === undefined
          ? (input.markdown ?? (sent('markdown') ? '' : undefined))
          : undefined,
    })
    return data({
      ok: true as const,
      intent: 'content',
      savedAt: saved.savedAt.toISOString(),
      result: submission.reply(),
      formKey,
    })
  } catch (e) {
    // A refused document is an answer for the editor (autosave shows it), not an error page.
    if (e instanceof AppError && e.status < 500) {
      const message = messageWith(e.code, e.params)
      const result =
        e.field && e.field in submission.value
          ? submission.reply({ fieldErrors: { [e.field]: [message] } })
          : submission.reply({ formErrors: [message] })
      return data(
        {
          ok: false as const,
          message: e.code,
          params: e.params as Record<string, string>,
          field: e.field,
          result,
          formKey,
        },
        { status: e.status },
      )
    }
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
        <SettingsForm lesson={lesson} videos={videos} base={base} />
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
          <ContentForm courseId={courseId} doc={doc} markdown={markdown} videos={videos} />
        </section>
      )}
    </>
  )
}

type LessonData = ReturnType<typeof useLoaderData<typeof loader>>

function SettingsForm({
  lesson,
  videos,
  base,
}: {
  lesson: LessonData['lesson']
  videos: LessonData['videos']
  base: string
}) {
  const { t } = useTranslation()
  const [form, fields] = useStudioForm(lessonActionSchema, 'settings', {
    title: lesson.title,
    minutes: String(lesson.minutes),
    required: lesson.required ? 'on' : undefined,
    videoId: lesson.videoId ?? '',
  })
  const required = text(fields.required)
  return (
    <IntentForm form={form} intent="settings" className="stack">
      <Field
        label={t('studio.course.lessonTitle')}
        inputProps={{
          ...getInputProps(text(fields.title), { type: 'text' }),
          id: 'lesson-title',
          required: true,
          minLength: 3,
          maxLength: 200,
        }}
        errors={fields.title?.errors}
      />
      <Field
        label={t('studio.lesson.minutes')}
        inputProps={{
          ...getInputProps(text(fields.minutes), { type: 'number' }),
          id: 'lesson-minutes',
          min: 1,
          max: 600,
          required: true,
        }}
        errors={fields.minutes?.errors}
      />
      <div className="field">
        <label>
          <input {...getInputProps(required, { type: 'checkbox' })} /> {t('studio.lesson.required')}
        </label>
        <ErrorList id={required.errorId} errors={required.errors} />
      </div>
      {lesson.kind === 'VIDEO' ? (
        <>
          <Field
            label={t('studio.lesson.video')}
            selectProps={{ ...getSelectProps(text(fields.videoId)), id: 'lesson-video' }}
            errors={fields.videoId?.errors}
          >
            <option value="">{t('studio.lesson.noVideo')}</option>
            {videos.map((v) => (
              <option key={v.id} value={v.id}>
                {v.title} ({t(`studio.videoStatus.${v.status}`)})
              </option>
            ))}
          </Field>
          <p className="hint">
            <Link to={`${base}/videos`}>{t('studio.lesson.uploadVideo')}</Link>
          </p>
        </>
      ) : null}
      <div>
        <StatusButton>{t('studio.save')}</StatusButton>
      </div>
    </IntentForm>
  )
}

function ContentForm({
  courseId,
  doc,
  markdown,
  videos,
}: {
  courseId: string
  doc: LessonData['doc']
  markdown: string | null
  videos: LessonData['videos']
}) {
  const { t } = useTranslation()
  const [form] = useStudioForm(lessonActionSchema, 'content')
  return (
    <IntentForm form={form} intent="content" className="stack">
      <LessonEditor
        courseId={courseId}
        doc={doc as TiptapDoc}
        markdown={markdown}
        videos={videos.filter((v) => v.status === 'READY')}
      />
      <div>
        <StatusButton data-testid="save-content">{t('studio.lesson.saveContent')}</StatusButton>
      </div>
    </IntentForm>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
