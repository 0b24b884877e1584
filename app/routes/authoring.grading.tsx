import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useOutlet, type ShouldRevalidateFunction } from '@remix-run/react'
import { listAttemptsNeedingGrading } from '~/models/essay-grading.server'
import { requireRole } from '~/utils/auth.server'
import { formatDate } from '~/utils/misc'
import { formatNip } from '~/utils/nip'

export const meta: MetaFunction = () => [{ title: 'Penilaian Esai · Bina' }]

/** The notice after grading, from a fixed set (nothing from the URL is shown as is). */
function noticeFrom(url: URL) {
  const saved = url.searchParams.get('saved')
  if (saved === 'complete')
    return 'Nilai esai disimpan. Percobaan dikirim untuk dihitung nilai akhirnya; hasilnya segera tampil bagi peserta.'
  if (saved === 'partial') {
    const left = Number(url.searchParams.get('left'))
    const rest =
      Number.isInteger(left) && left > 0 && left < 1000 ? `${left} soal esai` : 'Beberapa soal esai'
    return `Nilai esai disimpan. ${rest} pada percobaan itu masih menunggu penilaian.`
  }
  return null
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireRole(request, 'INSTRUCTOR', 'ADMIN')
  // This route is also the parent of /authoring/grading/:attemptId, which renders on its own.
  if (params.attemptId) return { list: null, notice: null }
  return { list: await listAttemptsNeedingGrading(actor), notice: noticeFrom(new URL(request.url)) }
}

// The parent match keeps its pathname between the list and a grading page, so by default its loader
// would not run again when coming back from a grading page by a plain link.
export const shouldRevalidate: ShouldRevalidateFunction = ({
  currentParams,
  nextParams,
  defaultShouldRevalidate,
}) => Boolean(currentParams.attemptId) !== Boolean(nextParams.attemptId) || defaultShouldRevalidate

export default function EssayGradingList() {
  const outlet = useOutlet()
  const { list, notice } = useLoaderData<typeof loader>()
  if (outlet || !list) return outlet

  return (
    <>
      <p>
        <Link to="/authoring">← Kelola Kursus</Link>
      </p>
      <h1>Penilaian Esai</h1>
      <p className="muted">
        Percobaan kuis berikut memuat jawaban esai yang harus dinilai pengajar. Nilai akhir, bukti
        kompetensi, dan tingkat kompetensi peserta dihitung setelah semua esai pada percobaan itu
        dinilai.
      </p>

      {notice ? (
        <p className="alert alert-info" role="status" data-testid="grading-message">
          {notice}
        </p>
      ) : null}

      {list.attempts.length === 0 ? (
        <p className="card">Tidak ada jawaban esai yang menunggu penilaian.</p>
      ) : (
        <>
          <p>
            {list.total > list.attempts.length
              ? `Menampilkan ${list.attempts.length} dari ${list.total} percobaan yang menunggu penilaian, yang paling lama lebih dulu.`
              : `${list.total} percobaan menunggu penilaian, yang paling lama lebih dulu.`}
          </p>
          <div style={{ overflowX: 'auto' }}>
            <table>
              <caption className="sr-only">Percobaan kuis yang menunggu penilaian esai</caption>
              <thead>
                <tr>
                  <th scope="col">Peserta</th>
                  <th scope="col">Kursus / Kuis</th>
                  <th scope="col">Percobaan ke-</th>
                  <th scope="col">Dikumpulkan</th>
                  <th scope="col">Esai belum dinilai</th>
                  <th scope="col">Tindakan</th>
                </tr>
              </thead>
              <tbody>
                {list.attempts.map((a) => (
                  <tr key={a.id} data-testid={`grading-row-${a.id}`}>
                    <th scope="row" className="row-label">
                      {a.learner.name}
                      <br />
                      <span className="muted">NIP {formatNip(a.learner.nip)}</span>
                    </th>
                    <td>
                      {a.courseTitle}
                      <br />
                      <span className="muted">{a.lessonTitle}</span>
                    </td>
                    <td>{a.number}</td>
                    <td>{a.submittedAt ? formatDate(a.submittedAt) : '—'}</td>
                    <td>
                      {a.ungradedEssays} dari {a.essays}
                    </td>
                    <td>
                      <Link
                        to={`/authoring/grading/${a.id}`}
                        aria-label={`Nilai esai ${a.learner.name}, percobaan ke-${a.number}`}
                      >
                        Nilai esai
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  )
}
