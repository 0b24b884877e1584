import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { z } from 'zod'
import {
  authoringCourses,
  publishNewVersion,
  startMuxUpload,
  videoLibrary,
} from '~/models/authoring.server'
import { quizzesForAuthoring } from '~/models/quiz-settings.server'
import { requireRole } from '~/utils/auth.server'
import { muxEnabled } from '~/utils/env.server'
import { formatDate } from '~/utils/misc'
import { Flash } from '~/components/flash'

export const meta: MetaFunction = () => [{ title: 'Kelola Kursus · Bina' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'INSTRUCTOR', 'ADMIN')
  const [courses, videos, quizzes] = await Promise.all([
    authoringCourses(),
    videoLibrary(),
    quizzesForAuthoring(),
  ])
  return { courses, videos, quizzes, muxEnabled }
}

const actionSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('publish'),
    courseId: z.string().trim().min(1, 'Kursus belum dipilih.'),
  }),
  z.object({
    intent: z.literal('upload-video'),
    title: z
      .string({ required_error: 'Isi judul video.' })
      .trim()
      .min(3, 'Judul video minimal 3 karakter.')
      .max(200, 'Judul video maksimal 200 karakter.'),
  }),
])

type ActionData =
  | { intent: 'publish'; ok: boolean; message: string; courseId?: string }
  | {
      intent: 'upload-video'
      ok: true
      message: string
      upload: { videoId: string; uploadUrl: string; title: string }
    }
  | { intent: 'upload-video'; ok: false; message: string; fieldError?: string }

export async function action({ request }: ActionFunctionArgs) {
  await requireRole(request, 'INSTRUCTOR', 'ADMIN')
  const form = Object.fromEntries(await request.formData())
  const parsed = actionSchema.safeParse(form)
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'Permintaan tidak valid.'
    if (form.intent === 'upload-video')
      return data<ActionData>(
        { intent: 'upload-video', ok: false, message, fieldError: message },
        { status: 400 },
      )
    if (form.intent === 'publish')
      return data<ActionData>({ intent: 'publish', ok: false, message }, { status: 400 })
    throw new Response('Permintaan tidak dikenal.', { status: 400 })
  }
  const input = parsed.data
  if (input.intent === 'publish') {
    const result = await publishNewVersion(input.courseId)
    if (!result.ok)
      return data<ActionData>(
        { intent: 'publish', ok: false, message: result.message, courseId: input.courseId },
        { status: 400 },
      )
    return data<ActionData>({
      intent: 'publish',
      ok: true,
      message: `Versi ${result.version} diterbitkan untuk kursus “${result.title}”.`,
      courseId: input.courseId,
    })
  }
  const result = await startMuxUpload({ title: input.title, origin: new URL(request.url).origin })
  if (!result.ok)
    return data<ActionData>(
      { intent: 'upload-video', ok: false, message: result.message },
      { status: 400 },
    )
  return data<ActionData>({
    intent: 'upload-video',
    ok: true,
    message: `Tautan unggah untuk “${result.title}” siap. Pilih berkas video lalu unggah.`,
    upload: { videoId: result.videoId, uploadUrl: result.uploadUrl, title: result.title },
  })
}

const courseStatusLabel = { DRAFT: 'Draf', PUBLISHED: 'Terbit', ARCHIVED: 'Diarsipkan' } as const
const videoStatusLabel = {
  WAITING: 'Menunggu unggahan',
  PREPARING: 'Sedang diproses',
  READY: 'Siap',
  ERRORED: 'Gagal',
} as const
const videoStatusIcon = { WAITING: '○', PREPARING: '◐', READY: '✔', ERRORED: '✖' } as const
const providerLabel = { LOCAL: 'Berkas lokal', MUX: 'Mux' } as const

function formatDuration(sec: number | null) {
  if (sec == null) return '—'
  const s = Math.round(sec)
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

function formatBytes(n: number) {
  const mb = n / (1024 * 1024)
  return mb >= 1
    ? `${mb.toLocaleString('id-ID', { maximumFractionDigits: 1 })} MB`
    : `${Math.max(1, Math.round(n / 1024)).toLocaleString('id-ID')} KB`
}

export default function Authoring() {
  const { courses, videos, quizzes, muxEnabled } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const busyIntent = navigation.state === 'submitting' ? navigation.formData?.get('intent') : null
  const busyCourse = busyIntent === 'publish' ? navigation.formData?.get('courseId') : null
  const publishResult = actionData?.intent === 'publish' ? actionData : null
  const uploadResult = actionData?.intent === 'upload-video' ? actionData : null

  return (
    <>
      <h1>Kelola Kursus</h1>
      <p className="muted">
        Menerbitkan versi baru menyalin struktur kursus saat ini menjadi versi berikutnya. Peserta
        yang sudah terdaftar tetap mengikuti versi tempat mereka mendaftar; pendaftar baru mendapat
        versi terbaru.
      </p>
      <p>
        <Link to="/authoring/grading">Penilaian esai</Link>: nilai jawaban esai peserta kuis yang
        menunggu penilaian.
      </p>

      {publishResult ? (
        <Flash ok={publishResult.ok} message={publishResult.message} testId="publish-message" />
      ) : null}

      <section aria-labelledby="courses-heading">
        <h2 id="courses-heading">Kursus</h2>
        {courses.length === 0 ? (
          <p className="card">
            Belum ada kursus. Impor paket kursus dengan{' '}
            <code>npx tsx scripts/import-content.ts</code>.
          </p>
        ) : (
          <div style={{ overflowX: 'auto' }}>
            <table>
              <caption className="sr-only">
                Daftar kursus dengan status, versi terbit, jumlah pelajaran, dan pendaftaran
              </caption>
              <thead>
                <tr>
                  <th scope="col">Kursus</th>
                  <th scope="col">Status</th>
                  <th scope="col">Versi saat ini</th>
                  <th scope="col">Pelajaran</th>
                  <th scope="col">Peserta aktif</th>
                  <th scope="col">Peserta selesai</th>
                  <th scope="col">Tindakan</th>
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
                      <span className="tag">{courseStatusLabel[c.status]}</span>
                    </td>
                    <td>
                      {c.currentVersion ? (
                        <>
                          Versi {c.currentVersion.version}
                          <br />
                          <span className="muted">
                            terbit {formatDate(c.currentVersion.publishedAt)}
                          </span>
                        </>
                      ) : (
                        <span className="muted">Belum pernah diterbitkan</span>
                      )}
                    </td>
                    <td>{c.lessons}</td>
                    <td>{c.enrolments.active}</td>
                    <td>{c.enrolments.completed}</td>
                    <td>
                      <Form method="post">
                        <input type="hidden" name="intent" value="publish" />
                        <input type="hidden" name="courseId" value={c.id} />
                        <button
                          type="submit"
                          className="button-small"
                          disabled={busyCourse === c.id}
                          aria-label={`Terbitkan versi baru: ${c.title}`}
                        >
                          {busyCourse === c.id ? 'Menerbitkan…' : 'Terbitkan versi baru'}
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {quizzes.length ? (
        <section aria-labelledby="quizzes-heading" style={{ marginTop: '2rem' }}>
          <h2 id="quizzes-heading">Kuis</h2>
          <ul>
            {quizzes.map((q) => (
              <li key={q.id} data-testid={`quiz-${q.courseSlug}-${q.lessonSlug}`}>
                {q.courseTitle}: {q.lessonTitle} <span className="muted">({q.summary})</span> —{' '}
                <Link to={`/authoring/quizzes/${q.id}`}>
                  Pengaturan kuis
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
        <h2 id="videos-heading">Video</h2>
        {muxEnabled ? (
          <div className="card">
            <h3 style={{ marginTop: 0 }}>Unggah video ke Mux</h3>
            <p className="muted">
              Buat tautan unggah, lalu pilih berkas videonya. Berkas dikirim langsung dari peramban
              Anda ke Mux; statusnya berubah menjadi “Siap” setelah Mux selesai memprosesnya (muat
              ulang halaman ini untuk melihat status terbaru).
            </p>
            {uploadResult &&
            !uploadResult.ok &&
            !('fieldError' in uploadResult && uploadResult.fieldError) ? (
              <p className="alert alert-error" role="alert">
                {uploadResult.message}
              </p>
            ) : null}
            <Form
              method="post"
              className="stack"
              key={uploadResult?.ok ? uploadResult.upload.videoId : 'new'}
            >
              <input type="hidden" name="intent" value="upload-video" />
              <div className="field">
                <label htmlFor="video-title">Judul video</label>
                <input
                  id="video-title"
                  name="title"
                  type="text"
                  required
                  minLength={3}
                  maxLength={200}
                  aria-invalid={
                    uploadResult &&
                    !uploadResult.ok &&
                    'fieldError' in uploadResult &&
                    uploadResult.fieldError
                      ? true
                      : undefined
                  }
                  aria-describedby={
                    uploadResult &&
                    !uploadResult.ok &&
                    'fieldError' in uploadResult &&
                    uploadResult.fieldError
                      ? 'video-title-error'
                      : undefined
                  }
                />
                {uploadResult &&
                !uploadResult.ok &&
                'fieldError' in uploadResult &&
                uploadResult.fieldError ? (
                  <p id="video-title-error" className="field-error">
                    {uploadResult.fieldError}
                  </p>
                ) : null}
              </div>
              <div>
                <button type="submit" disabled={busyIntent === 'upload-video'}>
                  {busyIntent === 'upload-video' ? 'Membuat tautan…' : 'Buat tautan unggah'}
                </button>
              </div>
            </Form>
            {uploadResult?.ok ? (
              <>
                <p className="alert alert-info" role="status" style={{ marginTop: '1rem' }}>
                  {uploadResult.message}
                </p>
                <MuxUploader key={uploadResult.upload.videoId} {...uploadResult.upload} />
              </>
            ) : null}
          </div>
        ) : (
          <p className="alert alert-info" data-testid="mux-disabled">
            Mux belum dikonfigurasi di server ini, sehingga video disajikan dari berkas lokal yang
            diimpor bersama paket kursus (jalankan <code>npx tsx scripts/import-content.ts</code>).
            Untuk mengunggah video melalui Mux, isi <code>MUX_TOKEN_ID</code> dan{' '}
            <code>MUX_TOKEN_SECRET</code> di berkas <code>.env</code>.
          </p>
        )}

        {videos.length === 0 ? (
          <p className="muted">Belum ada video.</p>
        ) : (
          <div style={{ overflowX: 'auto' }}>
            <table>
              <caption className="sr-only">
                Daftar video dengan penyedia, status, dan galat pemrosesan
              </caption>
              <thead>
                <tr>
                  <th scope="col">Judul</th>
                  <th scope="col">Penyedia</th>
                  <th scope="col">Status</th>
                  <th scope="col">Durasi</th>
                  <th scope="col">Dipakai di</th>
                  <th scope="col">Galat</th>
                </tr>
              </thead>
              <tbody>
                {videos.map((v) => (
                  <tr key={v.id} data-testid={`video-row-${v.id}`}>
                    <th scope="row" className="row-label">
                      {v.title}
                      <br />
                      <span className="muted">ditambahkan {formatDate(v.createdAt)}</span>
                    </th>
                    <td>{providerLabel[v.provider]}</td>
                    <td>
                      <span className="tag">
                        <span aria-hidden="true">{videoStatusIcon[v.status]} </span>
                        {videoStatusLabel[v.status]}
                      </span>
                    </td>
                    <td>{formatDuration(v.durationSec)}</td>
                    <td>
                      {v.lessons > 0 ? (
                        `${v.lessons} pelajaran`
                      ) : (
                        <span className="muted">Belum dipakai</span>
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
          </div>
        )}
      </section>
    </>
  )
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
      setState({ kind: 'error', message: 'Pilih berkas video terlebih dahulu.' })
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
        message: `Unggahan gagal (${err instanceof Error ? err.message : String(err)}). Periksa koneksi Anda lalu coba lagi; jika tautan sudah kedaluwarsa, buat tautan unggah baru.`,
      })
    }
  }

  let progress = 'Belum ada berkas yang diunggah.'
  if (state.kind === 'uploading')
    progress = `Mengunggah ${state.name} (${formatBytes(state.size)})… ${state.seconds} detik berlalu. Jangan tutup halaman ini.`
  if (state.kind === 'done')
    progress = `Unggahan selesai: ${state.name} (${formatBytes(state.size)}) dalam ${state.seconds} detik. Mux sedang memproses video.`
  if (state.kind === 'error') progress = state.message

  return (
    <form
      onSubmit={onSubmit}
      className="stack"
      style={{ marginTop: '1rem' }}
      aria-labelledby="uploader-heading"
    >
      <h4 id="uploader-heading" style={{ margin: 0 }}>
        Unggah berkas untuk “{title}”
      </h4>
      <p className="hint" style={{ margin: 0 }}>
        Tautan unggah langsung: <code style={{ wordBreak: 'break-all' }}>{uploadUrl}</code>
      </p>
      <div className="field">
        <label htmlFor="video-file">Berkas video</label>
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
          {uploading ? 'Mengunggah…' : 'Unggah ke Mux'}
        </button>
      </div>
      <p
        role="status"
        aria-live="polite"
        className={state.kind === 'error' ? 'field-error' : 'muted'}
        data-testid="upload-progress"
        style={{ margin: 0 }}
      >
        {state.kind === 'error' ? 'Galat: ' : null}
        {progress}
      </p>
    </form>
  )
}
