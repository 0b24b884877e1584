import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '~/utils/conform'
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { authoringCourses, startMuxUpload, videoLibrary } from '~/models/authoring.server'
import { quizzesForAuthoring } from '~/models/quiz-settings.server'
import { requireRole } from '~/utils/auth.server'
import { muxEnabled } from '~/utils/env.server'
import { formatDate } from '~/utils/misc'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Flash } from '~/components/flash'
import { ErrorList, Field, StatusButton, useErrorText } from '~/components/forms'
import { authoringVideoSchema } from '~/schemas/studio'
import { TableWrap } from '~/components/table'
import { InvalidError } from '~/utils/errors'
import { pageTitle } from '~/utils/meta'
import { readerLanguage, readForm, withAppErrors } from '~/utils/route-errors.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: 'ui.authoring.title' })

export const loader = withAppErrors(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireRole(request, 'INSTRUCTOR', 'ADMIN')
  const lng = await readerLanguage(request)
  const [courses, videos, quizzes] = await Promise.all([
    authoringCourses(),
    videoLibrary(),
    quizzesForAuthoring(user, lng),
  ])
  return { courses, videos, quizzes, muxEnabled }
})

type ActionData =
  | {
      intent: 'publish'
      ok: boolean
      message: string
      params?: Record<string, string>
      courseId?: string
    }
  | {
      intent: 'upload-video'
      ok: true
      message: string
      params?: Record<string, string>
      upload: { videoId: string; uploadUrl: string; title: string }
    }
  | {
      intent: 'upload-video'
      ok: false
      message: string
      fieldError?: string
      result?: SubmissionResult<string[]>
    }

export const action = withAppErrors(async ({ request }: ActionFunctionArgs) => {
  await requireRole(request, 'INSTRUCTOR', 'ADMIN')
  const submission = parseWithZod(await readForm(request), { schema: authoringVideoSchema })
  if (submission.status !== 'success') {
    const result = submission.reply()
    if (submission.payload.intent !== 'upload-video') throw new InvalidError('input.unknownIntent')
    const message = result.error?.title?.[0] ?? 'input.invalid'
    return data<ActionData>(
      { intent: 'upload-video', ok: false, message, fieldError: message, result },
      { status: 400 },
    )
  }
  const input = submission.value
  const result = await startMuxUpload({ title: input.title, origin: new URL(request.url).origin })
  if (!result.ok)
    return data<ActionData>(
      { intent: 'upload-video', ok: false, message: result.message },
      { status: 400 },
    )
  return data<ActionData>({
    intent: 'upload-video',
    ok: true,
    message: 'ui.authoring.linkReady',
    params: { title: result.title },
    upload: { videoId: result.videoId, uploadUrl: result.uploadUrl, title: result.title },
  })
})

const videoStatusIcon = { WAITING: '○', PREPARING: '◐', READY: '✔', ERRORED: '✖' } as const

function formatDuration(sec: number | null) {
  if (sec == null) return '—'
  const s = Math.round(sec)
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

function formatBytes(n: number, lng: string) {
  const locale = lng === 'en' ? 'en-GB' : 'id-ID'
  const mb = n / (1024 * 1024)
  return mb >= 1
    ? `${mb.toLocaleString(locale, { maximumFractionDigits: 1 })} MB`
    : `${Math.max(1, Math.round(n / 1024)).toLocaleString(locale)} KB`
}

export default function Authoring() {
  const { courses, videos, quizzes, muxEnabled } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const busyIntent = navigation.state === 'submitting' ? navigation.formData?.get('intent') : null
  const publishResult = actionData?.intent === 'publish' ? actionData : null
  const uploadResult = actionData?.intent === 'upload-video' ? actionData : null
  const { t, i18n } = useTranslation()
  const errorText = useErrorText()
  const say = (r: { message: string; params?: Record<string, string> }) =>
    r.message.startsWith('ui.') ? t(r.message, r.params ?? {}) : errorText(r.message)

  return (
    <>
      <h1>{t('ui.authoring.title')}</h1>
      <p className="muted">{t('ui.authoring.intro')}</p>
      <p>
        <Link to="/studio/courses">{t('studio.list.title')}</Link>
      </p>
      <p>
        <Link to="/authoring/grading">{t('ui.authoring.grading')}</Link>
        {t('ui.authoring.gradingIntro')}
      </p>

      {publishResult ? (
        <Flash ok={publishResult.ok} message={say(publishResult)} testId="publish-message" />
      ) : null}

      <section aria-labelledby="courses-heading">
        <h2 id="courses-heading">{t('ui.authoring.coursesHeading')}</h2>
        {courses.length === 0 ? (
          <p className="card">
            {t('ui.authoring.noCourses')} <Link to="/studio/courses">{t('studio.list.title')}</Link>
            .
          </p>
        ) : (
          <TableWrap label={t('ui.authoring.coursesHeading')}>
            <table>
              <caption className="sr-only">{t('ui.authoring.coursesCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('ui.authoring.course')}</th>
                  <th scope="col">{t('ui.authoring.status')}</th>
                  <th scope="col">{t('ui.authoring.currentVersion')}</th>
                  <th scope="col">{t('ui.authoring.lessons')}</th>
                  <th scope="col">{t('ui.authoring.activeLearners')}</th>
                  <th scope="col">{t('ui.authoring.completedLearners')}</th>
                  <th scope="col">{t('ui.authoring.action')}</th>
                </tr>
              </thead>
              <tbody>
                {courses.map((c) => (
                  <tr key={c.id} data-testid={`course-row-${c.slug}`}>
                    <th scope="row" className="row-label">
                      {c.status === 'PUBLISHED' ? (
                        <Link to={`/courses/${c.slug}`}>{c.title}</Link>
                      ) : (
                        c.title
                      )}
                      <br />
                      <span className="muted">{c.jp} JP</span>
                    </th>
                    <td>
                      <span className="tag">{t(`ui.authoring.courseStatus.${c.status}`)}</span>
                    </td>
                    <td>
                      {c.currentVersion ? (
                        <>
                          {t('ui.authoring.versionN', { version: c.currentVersion.version })}
                          <br />
                          <span className="muted">
                            {t('ui.authoring.publishedOn', {
                              date: formatDate(c.currentVersion.publishedAt, i18n.language),
                            })}
                          </span>
                        </>
                      ) : (
                        <span className="muted">{t('ui.authoring.neverPublished')}</span>
                      )}
                    </td>
                    <td>{c.lessons}</td>
                    <td>{c.enrolments.active}</td>
                    <td>{c.enrolments.completed}</td>
                    <td>
                      {/* Publishing goes through the studio: only the course's instructors, and
                          only after the diff is shown (a click with no change makes no version). */}
                      <Link to={`/studio/courses/${c.id}/publish`} className="button button-small">
                        {t('ui.authoring.publish')}
                        <span className="sr-only"> {c.title}</span>
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>

      {quizzes.length ? (
        <section aria-labelledby="quizzes-heading" style={{ marginTop: '2rem' }}>
          <h2 id="quizzes-heading">{t('ui.authoring.quizzesHeading')}</h2>
          <ul>
            {quizzes.map((q) => (
              <li key={q.id} data-testid={`quiz-${q.courseSlug}-${q.lessonSlug}`}>
                {q.courseTitle}: {q.lessonTitle} <span className="muted">({q.summary})</span> —{' '}
                <Link to={`/authoring/quizzes/${q.id}`}>
                  {t('ui.authoring.quizSettings')}
                  <span className="sr-only">
                    {' '}
                    {q.lessonTitle}, {q.courseTitle}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="videos-heading" style={{ marginTop: '2rem' }}>
        <h2 id="videos-heading">{t('ui.authoring.videosHeading')}</h2>
        {muxEnabled ? (
          <div className="card">
            <h3 style={{ marginTop: 0 }}>{t('ui.authoring.muxHeading')}</h3>
            <p className="muted">{t('ui.authoring.muxIntro')}</p>
            {uploadResult &&
            !uploadResult.ok &&
            !('fieldError' in uploadResult && uploadResult.fieldError) ? (
              <p className="alert alert-error" role="alert">
                {say(uploadResult)}
              </p>
            ) : null}
            <MuxLinkForm
              key={uploadResult?.ok ? uploadResult.upload.videoId : 'new'}
              lastResult={uploadResult && !uploadResult.ok ? uploadResult.result : undefined}
              busy={busyIntent === 'upload-video'}
            />
            {uploadResult?.ok ? (
              <>
                <p className="alert alert-info" role="status" style={{ marginTop: '1rem' }}>
                  {say(uploadResult)}
                </p>
                <MuxUploader key={uploadResult.upload.videoId} {...uploadResult.upload} />
              </>
            ) : null}
          </div>
        ) : (
          <p className="alert alert-info" data-testid="mux-disabled">
            {t('ui.authoring.muxDisabled')}
          </p>
        )}

        {videos.length === 0 ? (
          <p className="muted">{t('ui.authoring.noVideos')}</p>
        ) : (
          <TableWrap label={t('ui.authoring.videosHeading')}>
            <table>
              <caption className="sr-only">{t('ui.authoring.videosCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('ui.authoring.videoCol')}</th>
                  <th scope="col">{t('ui.authoring.provider')}</th>
                  <th scope="col">{t('ui.authoring.status')}</th>
                  <th scope="col">{t('ui.authoring.duration')}</th>
                  <th scope="col">{t('ui.authoring.usedIn')}</th>
                  <th scope="col">{t('ui.authoring.error')}</th>
                </tr>
              </thead>
              <tbody>
                {videos.map((v) => (
                  <tr key={v.id} data-testid={`video-row-${v.id}`}>
                    <th scope="row" className="row-label">
                      {v.title}
                      <br />
                      <span className="muted">
                        {t('ui.authoring.addedOn', {
                          date: formatDate(v.createdAt, i18n.language),
                        })}
                      </span>
                    </th>
                    <td>{t(`ui.authoring.providers.${v.provider}`)}</td>
                    <td>
                      <span className="tag">
                        <span aria-hidden="true">{videoStatusIcon[v.status]} </span>
                        {t(`ui.authoring.videoStatus.${v.status}`)}
                      </span>
                    </td>
                    <td>{formatDuration(v.durationSec)}</td>
                    <td>
                      {v.lessons > 0 ? (
                        t('ui.authoring.lessonCount', { count: v.lessons })
                      ) : (
                        <span className="muted">{t('ui.authoring.unused')}</span>
                      )}
                    </td>
                    <td>
                      {v.error ? (
                        <span className="incorrect">{v.error}</span>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
    </>
  )
}

/** The Mux link form: a title, checked with the action's schema in the browser too. */
function MuxLinkForm({
  lastResult,
  busy,
}: {
  lastResult: SubmissionResult<string[]> | undefined
  busy: boolean
}) {
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'mux-link',
    lastResult,
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: authoringVideoSchema }),
  })
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <ErrorList id={form.errorId} errors={form.errors} />
      <Field
        label={t('ui.authoring.videoTitle')}
        inputProps={{
          ...getInputProps(fields.title, { type: 'text' }),
          id: 'video-title',
          required: true,
          minLength: 3,
          maxLength: 200,
        }}
        errors={fields.title.errors}
        errorId="video-title-error"
      />
      <div>
        <StatusButton intent="upload-video" disabled={busy}>
          {busy ? t('ui.authoring.creatingLink') : t('ui.authoring.createLink')}
        </StatusButton>
      </div>
    </Form>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}

type UploadState =
  | { kind: 'idle' }
  | { kind: 'uploading'; name: string; size: number; startedAt: number; seconds: number }
  | { kind: 'done'; name: string; size: number; seconds: number }
  | { kind: 'error'; message: string }

/** Sends the chosen file straight from the browser to the Mux direct-upload URL (PUT). */
function MuxUploader({ uploadUrl, title }: { videoId: string; uploadUrl: string; title: string }) {
  const [state, setState] = useState<UploadState>({ kind: 'idle' })
  const [hydrated, setHydrated] = useState(false)
  const fileRef = useRef<HTMLInputElement>(null)
  const { t, i18n } = useTranslation()
  useEffect(() => setHydrated(true), [])

  const uploading = state.kind === 'uploading'
  useEffect(() => {
    if (!uploading) return
    // fetch() reports no upload progress events; the elapsed time tells the user it is still working.
    const timer = setInterval(() => {
      setState((s) =>
        s.kind === 'uploading'
          ? { ...s, seconds: Math.round((Date.now() - s.startedAt) / 1000) }
          : s,
      )
    }, 1000)
    return () => clearInterval(timer)
  }, [uploading])

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const file = fileRef.current?.files?.[0]
    if (!file) {
      setState({ kind: 'error', message: t('ui.authoring.pickFile') })
      return
    }
    const startedAt = Date.now()
    setState({ kind: 'uploading', name: file.name, size: file.size, startedAt, seconds: 0 })
    try {
      const res = await fetch(uploadUrl, { method: 'PUT', body: file })
      if (!res.ok) throw new Error(`HTTP ${res.status}`)
      setState({
        kind: 'done',
        name: file.name,
        size: file.size,
        seconds: Math.round((Date.now() - startedAt) / 1000),
      })
    } catch (err) {
      setState({
        kind: 'error',
        message: t('ui.authoring.uploadFailed', {
          reason: err instanceof Error ? err.message : String(err),
        }),
      })
    }
  }

  let progress = t('ui.authoring.noUpload')
  if (state.kind === 'uploading')
    progress = t('ui.authoring.uploadProgress', {
      name: state.name,
      size: formatBytes(state.size, i18n.language),
      seconds: state.seconds,
    })
  if (state.kind === 'done')
    progress = t('ui.authoring.uploadDone', {
      name: state.name,
      size: formatBytes(state.size, i18n.language),
      seconds: state.seconds,
    })
  if (state.kind === 'error') progress = state.message

  return (
    <form
      onSubmit={onSubmit}
      className="stack"
      style={{ marginTop: '1rem' }}
      aria-labelledby="uploader-heading"
    >
      <h4 id="uploader-heading" style={{ margin: 0 }}>
        {t('ui.authoring.uploadFor', { title })}
      </h4>
      <p className="hint" style={{ margin: 0 }}>
        {t('ui.authoring.directLink')} <code style={{ wordBreak: 'break-all' }}>{uploadUrl}</code>
      </p>
      <div className="field">
        <label htmlFor="video-file">{t('ui.authoring.videoFile')}</label>
        <input
          id="video-file"
          ref={fileRef}
          type="file"
          accept="video/*"
          required
          disabled={uploading || state.kind === 'done'}
        />
      </div>
      <div>
        <button type="submit" disabled={!hydrated || uploading || state.kind === 'done'}>
          {uploading ? t('ui.authoring.uploading') : t('ui.authoring.upload')}
        </button>
      </div>
      <p
        role="status"
        aria-live="polite"
        className={state.kind === 'error' ? 'field-error' : 'muted'}
        data-testid="upload-progress"
        style={{ margin: 0 }}
      >
        {state.kind === 'error' ? t('ui.authoring.errorPrefix') : null}
        {progress}
      </p>
    </form>
  )
}
