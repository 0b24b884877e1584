import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { QUEUES, type QueueName } from '~/jobs/contracts'
import { FAILED_LIMIT, queueOverview, retryFailedJob } from '~/models/jobs-admin.server'
import { requireRole } from '~/utils/auth.server'
import { Flash } from '~/components/flash'

export const meta: MetaFunction = () => [{ title: 'Antrian Tugas · Bina' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'ADMIN')
  return { ...(await queueOverview()), failedLimit: FAILED_LIMIT }
}

const retrySchema = z.object({
  intent: z.literal('retry'),
  queue: z.enum(QUEUES, { message: 'Antrian tidak dikenal.' }),
  jobId: z.string().trim().min(1, 'ID tugas kosong.').max(300),
})

export async function action({ request }: ActionFunctionArgs) {
  await requireRole(request, 'ADMIN')
  const parsed = retrySchema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success)
    return data(
      { ok: false, message: parsed.error.issues[0]?.message ?? 'Permintaan tidak valid.' },
      { status: 400 },
    )
  const result = await retryFailedJob(parsed.data.queue, parsed.data.jobId)
  return data(result, { status: result.ok ? 200 : 400 })
}

const queueLabel: Record<QueueName, string> = {
  notifications: 'Notifikasi',
  video: 'Video (webhook Mux)',
  grading: 'Penilaian kuis',
  competency: 'Pemeringkatan kompetensi',
  maintenance: 'Pemeliharaan terjadwal',
  certificates: 'Sertifikat',
}

const countLabels = [
  ['waiting', 'Menunggu'],
  ['active', 'Berjalan'],
  ['delayed', 'Ditunda'],
  ['completed', 'Selesai'],
  ['failed', 'Gagal'],
] as const

function formatDateTime(d: Date | string) {
  return new Intl.DateTimeFormat('id-ID', {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone: 'Asia/Jakarta',
  }).format(new Date(d))
}

function formatAge(seconds: number) {
  if (seconds < 60) return `${seconds} detik`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes} menit`
  const hours = Math.floor(minutes / 60)
  if (hours < 24) return `${hours} jam ${minutes % 60} menit`
  return `${Math.floor(hours / 24)} hari ${hours % 24} jam`
}

export default function AdminJobs() {
  const { redis, queues, outbox, failedLimit } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const retrying =
    navigation.state === 'submitting'
      ? `${navigation.formData?.get('queue')}/${navigation.formData?.get('jobId')}`
      : null
  const totalFailed = queues.reduce((sum, q) => sum + q.failed.length, 0)

  return (
    <>
      <h1>Antrian Tugas</h1>
      <p className="muted">
        Pekerjaan latar (notifikasi, penilaian, pemeringkatan kompetensi, webhook video) dicatat di
        outbox basis data lalu diteruskan ke antrian BullMQ di Redis.{' '}
        <Link to="/admin/jobs">Muat ulang</Link>
      </p>

      {actionData ? (
        <Flash ok={actionData.ok} message={actionData.message} testId="jobs-message" />
      ) : null}

      <section aria-labelledby="outbox-heading" className="card">
        <h2 id="outbox-heading" style={{ marginTop: 0 }}>
          Outbox
        </h2>
        {outbox.unsent === 0 ? (
          <p data-testid="outbox-summary">Semua pesan outbox sudah diteruskan ke antrian.</p>
        ) : (
          <>
            <p data-testid="outbox-summary">
              <strong>{outbox.unsent}</strong> pesan outbox belum terkirim ke antrian.
            </p>
            {outbox.oldest ? (
              <dl className="facts">
                <dt>Tertua</dt>
                <dd>
                  {formatAge(outbox.oldest.ageSeconds)} yang lalu (
                  {formatDateTime(outbox.oldest.createdAt)})
                </dd>
                <dt>Jenis tugas</dt>
                <dd>
                  <code>{outbox.oldest.jobName}</code>
                </dd>
                <dt>Percobaan kirim</dt>
                <dd>{outbox.oldest.attempts}</dd>
                <dt>Galat terakhir</dt>
                <dd>
                  {outbox.oldest.lastError ? (
                    <code style={{ wordBreak: 'break-word' }}>{outbox.oldest.lastError}</code>
                  ) : (
                    <span className="muted">Tidak ada</span>
                  )}
                </dd>
              </dl>
            ) : null}
          </>
        )}
      </section>

      {!redis.ok ? (
        <p className="alert alert-error" role="alert" data-testid="redis-down">
          {redis.message}
        </p>
      ) : (
        <>
          <section aria-labelledby="counts-heading">
            <h2 id="counts-heading">Jumlah tugas per antrian</h2>
            <div style={{ overflowX: 'auto' }}>
              <table>
                <caption className="sr-only">
                  Jumlah tugas menurut status untuk setiap antrian
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Antrian</th>
                    {countLabels.map(([key, label]) => (
                      <th scope="col" key={key}>
                        {label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {queues.map((q) => (
                    <tr key={q.name} data-testid={`queue-row-${q.name}`}>
                      <th scope="row">
                        {queueLabel[q.name]} <span className="muted">({q.name})</span>
                      </th>
                      {countLabels.map(([key]) => (
                        <td key={key}>{q.counts[key]}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          <section aria-labelledby="failed-heading" style={{ marginTop: '2rem' }}>
            <h2 id="failed-heading">Tugas gagal</h2>
            <p className="muted">
              Paling banyak {failedLimit} tugas gagal terbaru per antrian. “Coba lagi” memasukkan
              tugas kembali ke status menunggu.
            </p>
            {totalFailed === 0 ? <p data-testid="no-failed">Tidak ada tugas gagal.</p> : null}
            {queues
              .filter((q) => q.failed.length > 0)
              .map((q) => (
                <section key={q.name} aria-labelledby={`failed-${q.name}`}>
                  <h3 id={`failed-${q.name}`}>
                    {queueLabel[q.name]} <span className="muted">({q.name})</span>:{' '}
                    {q.failed.length} ditampilkan dari {q.counts.failed} gagal
                  </h3>
                  <div style={{ overflowX: 'auto' }}>
                    <table>
                      <caption className="sr-only">Tugas gagal di antrian {q.name}</caption>
                      <thead>
                        <tr>
                          <th scope="col">ID</th>
                          <th scope="col">Nama</th>
                          <th scope="col">Percobaan</th>
                          <th scope="col">Alasan gagal</th>
                          <th scope="col">Waktu gagal</th>
                          <th scope="col">Data</th>
                          <th scope="col">Tindakan</th>
                        </tr>
                      </thead>
                      <tbody>
                        {q.failed.map((job) => {
                          const busy = retrying === `${q.name}/${job.id}`
                          return (
                            <tr key={job.id} data-testid={`failed-job-${job.id}`}>
                              <th
                                scope="row"
                                style={{
                                  fontWeight: 400,
                                  background: 'transparent',
                                  wordBreak: 'break-all',
                                }}
                              >
                                <code>{job.id}</code>
                              </th>
                              <td>
                                <code>{job.name}</code>
                              </td>
                              <td>{job.attemptsMade}</td>
                              <td style={{ wordBreak: 'break-word' }}>
                                {job.failedReason ?? <span className="muted">—</span>}
                              </td>
                              <td>{job.finishedOn ? formatDateTime(job.finishedOn) : '—'}</td>
                              <td style={{ wordBreak: 'break-all', maxWidth: '20rem' }}>
                                <code>{job.data}</code>
                              </td>
                              <td>
                                <Form method="post">
                                  <input type="hidden" name="intent" value="retry" />
                                  <input type="hidden" name="queue" value={q.name} />
                                  <input type="hidden" name="jobId" value={job.id} />
                                  <button
                                    type="submit"
                                    className="button-small"
                                    disabled={busy}
                                    aria-label={`Coba lagi tugas ${job.id}`}
                                  >
                                    {busy ? 'Memproses…' : 'Coba lagi'}
                                  </button>
                                </Form>
                              </td>
                            </tr>
                          )
                        })}
                      </tbody>
                    </table>
                  </div>
                </section>
              ))}
          </section>
        </>
      )}
    </>
  )
}
