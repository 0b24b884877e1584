import {
  getFormProps,
  getInputProps,
  useForm,
  type FieldMetadata,
  type SubmissionResult,
} from '@conform-to/react'
import { parseWithZod } from '~/utils/conform'
import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useRevalidator, useSearchParams } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import editorCss from '~/components/editor.css?url'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Flash } from '~/components/flash'
import { ErrorList, Field, StatusButton } from '~/components/forms'
import { useStudioMessage } from '~/components/studio-fields'
import { TableWrap } from '~/components/table'
import { VIDEO_MAX_BYTES, megabytes } from '~/domain/uploads'
import { courseVideos } from '~/models/studio-media.server'
import { workingCourse } from '~/models/studio.server'
import { videoUploadSchema } from '~/schemas/studio'
import { messageWith } from '~/utils/errors'
import { muxEnabled } from '~/utils/env.server'
import { pageTitle } from '~/utils/meta'
import { readSearchParams, withAppErrors } from '~/utils/route-errors.server'
import { requireStudioCourse } from '~/utils/studio-route.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: editorCss }]

const PROCESSING = new Set(['WAITING', 'PREPARING'])

export const meta: MetaFunction<typeof loader> = ({ matches }) =>
  pageTitle(matches, { key: 'studio.videos.title' })

export const loader = withAppErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const { courseId } = await requireStudioCourse(request, params)
  const [course, videos] = await Promise.all([workingCourse(courseId), courseVideos(courseId)])
  return {
    course: { id: course.id, title: course.title },
    videos,
    muxEnabled,
    upload: uploadReply(readSearchParams(request)),
  }
})

/**
 * Without JavaScript the upload posts to the upload route, which sends the author back here with
 * `?error=<code>&field=<name>&p.<param>=…`: that outcome as the form's reply (Conform), so the
 * message stands next to its field.
 */
function uploadReply(search: URLSearchParams): SubmissionResult<string[]> | undefined {
  const code = search.get('error')
  if (!code || !/^[\w.]{1,80}$/.test(code)) return undefined
  const params = Object.fromEntries(
    [...search.entries()].filter(([k]) => k.startsWith('p.')).map(([k, v]) => [k.slice(2), v]),
  )
  // A message about the whole upload is the notice at the top of the page only.
  const field = search.get('field')
  if (field !== 'title' && field !== 'file') return undefined
  return { status: 'error', error: { [field]: [messageWith(code, params)] } }
}

function formatDuration(sec: number | null) {
  if (sec == null) return '—'
  const s = Math.round(sec)
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

type Progress =
  | { kind: 'idle' }
  | { kind: 'sending'; loaded: number; total: number }
  | { kind: 'done' }
  | { kind: 'error'; message: string }

/** Sends a file with XMLHttpRequest, whose upload events give a real progress bar. */
function send(
  method: 'POST' | 'PUT',
  url: string,
  body: FormData | File,
  onProgress: (loaded: number, total: number) => void,
) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open(method, url)
    if (method === 'POST') xhr.setRequestHeader('Accept', 'application/json')
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : 0)
    xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText })
    xhr.onerror = () => reject(new Error('network'))
    xhr.send(body)
  })
}

/** An upload that did not reach the server's answer (network, Mux), worded for the page. */
function failed(t: TFunction, err: unknown): Progress {
  const reason = err instanceof Error ? err.message : String(err)
  return { kind: 'error', message: t('studio.editor.uploadFailed', { reason }) }
}

function percentOf(progress: Progress) {
  if (progress.kind === 'done') return 100
  return progress.kind === 'sending' && progress.total
    ? Math.round((progress.loaded / progress.total) * 100)
    : 0
}

type UploadFields = ReturnType<typeof useUploadForm>[1]

/**
 * An upload form on the kit: title and file checked in the browser with the upload schema, then
 * `send` (XMLHttpRequest, for the progress bar) instead of the browser's own post. Without
 * JavaScript the form posts itself (local upload) and the loader's reply shows the outcome.
 */
function useUploadForm(
  id: string,
  lastResult: SubmissionResult<string[]> | undefined,
  send: (file: File, title: string) => void,
) {
  return useForm({
    id,
    lastResult,
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: videoUploadSchema }),
    onSubmit(event, { submission }) {
      event.preventDefault()
      if (submission?.status !== 'success') return
      send(submission.value.file!, submission.value.title)
    },
  })
}

/** The title and file of a video upload and its button; named, so it posts without JavaScript. */
function VideoFields({
  prefix,
  fields,
  accept,
  busy,
}: {
  prefix: string
  fields: UploadFields
  accept: string
  busy: boolean
}) {
  const { t } = useTranslation()
  return (
    <>
      <Field
        label={t('studio.videos.videoTitle')}
        inputProps={{
          ...getInputProps(fields.title as FieldMetadata<string>, { type: 'text' }),
          id: `${prefix}-title`,
          required: true,
          minLength: 3,
          maxLength: 200,
        }}
        errors={fields.title.errors}
        errorId={fields.title.errorId}
      />
      <Field
        label={t('studio.videos.file')}
        inputProps={{
          id: `${prefix}-file`,
          name: fields.file.name,
          type: 'file',
          accept,
          required: true,
        }}
        errors={fields.file.errors}
        errorId={fields.file.errorId}
      />
      <div>
        <StatusButton disabled={busy}>{t('studio.videos.upload')}</StatusButton>
      </div>
    </>
  )
}

/** The progress bar of an upload and its status line (read out as it changes). */
function UploadProgress({
  id,
  progress,
  doneText,
}: {
  id: string
  progress: Progress
  doneText: string
}) {
  const { t } = useTranslation()
  if (progress.kind === 'idle') return null
  const percent = percentOf(progress)
  return (
    <div className="stack" style={{ marginTop: '1rem' }}>
      <label htmlFor={id}>{t('studio.videos.progress')}</label>
      <progress
        id={id}
        className="upload-progress"
        max={100}
        value={percent}
        data-testid="upload-progress"
      >
        {percent}%
      </progress>
      <p
        role="status"
        aria-live="polite"
        data-testid="upload-status"
        className={progress.kind === 'error' ? 'field-error' : 'muted'}
      >
        {progress.kind === 'error'
          ? progress.message
          : progress.kind === 'done'
            ? doneText
            : t('studio.videos.percent', { percent })}
      </p>
    </div>
  )
}

export default function StudioVideos() {
  const { course, videos, muxEnabled, upload } = useLoaderData<typeof loader>()
  const [search] = useSearchParams()
  const { t } = useTranslation()
  const revalidator = useRevalidator()
  const [progress, setProgress] = useState<Progress>({ kind: 'idle' })

  // Poll while a video is processing: 2 s, then doubling up to 30 s.
  const processing = videos.some((v) => PROCESSING.has(v.status))
  const delay = useRef(2000)
  useEffect(() => {
    if (!processing) {
      delay.current = 2000
      return
    }
    const timer = setTimeout(() => {
      delay.current = Math.min(delay.current * 2, 30_000)
      revalidator.revalidate()
    }, delay.current)
    return () => clearTimeout(timer)
  }, [processing, videos, revalidator])

  const base = `/studio/courses/${course.id}`
  const errorCode = search.get('error')
  const errorParams = Object.fromEntries(
    [...search.entries()].filter(([k]) => k.startsWith('p.')).map(([k, v]) => [k.slice(2), v]),
  )
  const say = useStudioMessage()

  async function sendLocal(file: File, title: string) {
    setProgress({ kind: 'sending', loaded: 0, total: file.size })
    const onProgress = (loaded: number, total: number) =>
      setProgress({ kind: 'sending', loaded, total: total || file.size })
    try {
      const body = new FormData()
      body.append('title', title)
      body.append('file', file)
      const res = await send('POST', `${base}/video-upload`, body, onProgress)
      if (res.status >= 400) {
        const out = JSON.parse(res.text || '{}') as {
          code?: string
          params?: Record<string, string>
          error?: string
        }
        setProgress({
          kind: 'error',
          message: out.code ? say(out.code, out.params) : (out.error ?? `HTTP ${res.status}`),
        })
        return
      }
      setProgress({ kind: 'done' })
      revalidator.revalidate()
    } catch (err) {
      setProgress(failed(t, err))
    }
  }
  const [form, fields] = useUploadForm('video-upload', upload, (file, title) => {
    void sendLocal(file, title)
  })

  return (
    <>
      {processing ? (
        // Without JavaScript the page reloads itself while a video is processing; with it, the
        // poll above revalidates (a refresh in <head> would also reload a page with JavaScript,
        // cutting off an upload in progress).
        <noscript>
          <meta httpEquiv="refresh" content="15" />
        </noscript>
      ) : null}
      <p className="breadcrumbs">
        <Link to="/studio/courses">{t('studio.list.title')}</Link> ›{' '}
        <Link to={base}>{course.title}</Link>
      </p>
      <h1>{t('studio.videos.title')}</h1>
      <p className="muted">{t('studio.videos.intro', { max: megabytes(VIDEO_MAX_BYTES) })}</p>
      {search.get('uploaded') ? (
        <Flash ok message={t('studio.videos.uploaded')} testId="video-result" />
      ) : null}
      {errorCode ? (
        <Flash ok={false} message={say(errorCode, errorParams)} testId="video-result" />
      ) : null}

      <section aria-labelledby="upload-heading" className="card">
        <h2 id="upload-heading" style={{ marginTop: 0 }}>
          {t('studio.videos.uploadHeading')}
        </h2>
        {muxEnabled ? (
          <MuxUpload base={base} />
        ) : (
          <form
            method="post"
            action={`${base}/video-upload`}
            encType="multipart/form-data"
            className="stack"
            {...getFormProps(form)}
          >
            <ErrorList id={form.errorId} errors={form.errors} />
            <VideoFields
              prefix="video"
              fields={fields}
              accept="video/mp4"
              busy={progress.kind === 'sending'}
            />
          </form>
        )}
        <UploadProgress
          id="upload-progress"
          progress={progress}
          doneText={t('studio.videos.uploadDone')}
        />
      </section>

      <section aria-labelledby="list-heading" style={{ marginTop: '2rem' }}>
        <h2 id="list-heading">{t('studio.videos.listHeading')}</h2>
        <p>
          <Link to=".">{t('studio.videos.refresh')}</Link>
        </p>
        {videos.length === 0 ? (
          <p className="muted">{t('studio.videos.none')}</p>
        ) : (
          <TableWrap label={t('studio.videos.listHeading')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('studio.videos.videoTitle')}</th>
                  <th scope="col">{t('studio.videos.status')}</th>
                  <th scope="col">{t('studio.videos.duration')}</th>
                </tr>
              </thead>
              <tbody>
                {videos.map((v) => (
                  <tr key={v.id} data-testid={`video-${v.status}`}>
                    <th scope="row" className="row-label">
                      {v.title}
                    </th>
                    <td>
                      <span className="tag">{t(`studio.videoStatus.${v.status}`)}</span>
                      {v.error ? <span className="incorrect"> {v.error}</span> : null}
                    </td>
                    <td>{formatDuration(v.durationSec)}</td>
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

/** With Mux: the server makes a direct-upload URL, the browser PUTs the file there. */
function MuxUpload({ base }: { base: string }) {
  const { t } = useTranslation()
  const say = useStudioMessage()
  const revalidator = useRevalidator()
  const [progress, setProgress] = useState<Progress>({ kind: 'idle' })
  async function sendMux(file: File, title: string) {
    try {
      const res = await fetch(`${base}/mux-upload`, {
        method: 'POST',
        body: new URLSearchParams({ title }),
        headers: { Accept: 'application/json' },
      })
      const out = (await res.json()) as { uploadUrl?: string; code?: string }
      if (!out.uploadUrl) throw new Error(out.code ? say(out.code) : `HTTP ${res.status}`)
      setProgress({ kind: 'sending', loaded: 0, total: file.size })
      const put = await send('PUT', out.uploadUrl, file, (loaded, total) =>
        setProgress({ kind: 'sending', loaded, total: total || file.size }),
      )
      if (put.status >= 400) throw new Error(`HTTP ${put.status}`)
      setProgress({ kind: 'done' })
      revalidator.revalidate()
    } catch (err) {
      setProgress(failed(t, err))
    }
  }
  const [form, fields] = useUploadForm('mux-upload', undefined, (file, title) => {
    void sendMux(file, title)
  })
  return (
    // Mux's direct upload needs JavaScript (the browser sends the file to Mux itself).
    <form className="stack" {...getFormProps(form)}>
      <p className="hint">{t('studio.videos.muxHint')}</p>
      <ErrorList id={form.errorId} errors={form.errors} />
      <VideoFields
        prefix="mux"
        fields={fields}
        accept="video/*"
        busy={progress.kind === 'sending'}
      />
      <UploadProgress
        id="mux-progress"
        progress={progress}
        doneText={t('studio.videos.uploadDoneMux')}
      />
    </form>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
