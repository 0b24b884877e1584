import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { jabatanOptions } from '~/models/org.server'
import { jpLedger } from '~/models/jp.server'
import { competencyProfile, recommendations } from '~/models/profile.server'
import { requireUser } from '~/utils/auth.server'
import { formatDate } from '~/utils/misc'
import { MyCertificatesLink } from '~/components/certificate-link'

export const meta: MetaFunction = () => [{ title: 'Profil Kompetensi · Bina' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const target = new URL(request.url).searchParams.get('target') || undefined
  const profile = await competencyProfile(user.id, { targetJabatanId: target })
  const [recs, ledger, jabatan] = await Promise.all([
    recommendations(user.id, profile),
    jpLedger(user.id, profile.year),
    jabatanOptions(),
  ])
  return { profile, recs, ledger, jabatan }
}

const typeLabel = {
  MANAJERIAL: 'Manajerial',
  SOSIAL_KULTURAL: 'Sosial Kultural',
  TEKNIS: 'Teknis',
} as const

function LevelBar({ current, required }: { current: number; required: number | null }) {
  return (
    <span className="level-bar" aria-hidden="true">
      {[1, 2, 3, 4, 5].map((l) => (
        <span key={l} className={`${l <= current ? 'on' : ''} ${required === l ? 'req' : ''}`} />
      ))}
    </span>
  )
}

/** Level over time as a small step chart (SVG, no client JavaScript). */
function HistoryChart({
  points,
  label,
}: {
  points: { level: number; ratedAt: Date | string }[]
  label: string
}) {
  if (points.length === 0) return <span className="muted">Belum ada riwayat</span>
  const w = 160
  const h = 40
  const t0 = new Date(points[0]!.ratedAt).getTime()
  const t1 = Math.max(t0 + 1, Date.now())
  const x = (t: Date | string) => ((new Date(t).getTime() - t0) / (t1 - t0)) * (w - 8) + 4
  const y = (l: number) => h - 4 - (l / 5) * (h - 8)
  let d = `M ${x(points[0]!.ratedAt)} ${y(points[0]!.level)}`
  for (const p of points.slice(1)) d += ` H ${x(p.ratedAt)} V ${y(p.level)}`
  d += ` H ${w - 4}`
  return (
    <svg width={w} height={h} role="img" aria-label={label}>
      <title>{label}</title>
      <line x1="4" x2={w - 4} y1={y(0)} y2={y(0)} stroke="#d5dbe3" />
      <path d={d} fill="none" stroke="#0b5d3b" strokeWidth="2" />
    </svg>
  )
}

export default function ProfilePage() {
  const { profile, recs, ledger, jabatan } = useLoaderData<typeof loader>()
  const { rows, user, target, year, jp, jpTarget } = profile
  const groups = (['TEKNIS', 'MANAJERIAL', 'SOSIAL_KULTURAL'] as const)
    .map((t) => ({ type: t, rows: rows.filter((r) => r.type === t) }))
    .filter((g) => g.rows.length)
  return (
    <>
      <h1>Profil Kompetensi</h1>
      <p>
        {user.name} — {user.jabatan?.name ?? 'jabatan belum ditetapkan'}
      </p>
      <MyCertificatesLink />
      <section className="card" aria-labelledby="jp-heading">
        <h2 id="jp-heading">Jam pelajaran (JP) tahun {year}</h2>
        <p data-testid="profile-jp">
          <strong>{jp} JP</strong>{' '}
          {user.employeeKind === 'PPPK'
            ? `dari batas ${jpTarget} JP (PPPK)`
            : `dari target minimal ${jpTarget} JP`}
        </p>
        <div
          className="progress"
          role="progressbar"
          aria-label="JP tahun ini"
          aria-valuenow={jp}
          aria-valuemin={0}
          aria-valuemax={jpTarget}
        >
          <span style={{ width: `${Math.min(100, (jp / jpTarget) * 100)}%` }} />
        </div>
        {ledger.length ? (
          <table style={{ marginTop: '.75rem' }}>
            <caption className="sr-only">Rincian JP</caption>
            <thead>
              <tr>
                <th scope="col">Kegiatan</th>
                <th scope="col">Tanggal</th>
                <th scope="col">JP</th>
              </tr>
            </thead>
            <tbody>
              {ledger.map((l) => (
                <tr key={l.id}>
                  <td>{l.title}</td>
                  <td>{formatDate(l.createdAt)}</td>
                  <td>{l.jp}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">Belum ada JP tercatat tahun ini.</p>
        )}
      </section>

      <section className="card" aria-labelledby="rec-heading">
        <h2 id="rec-heading">Rekomendasi belajar</h2>
        {recs.length ? (
          <ol data-testid="recommendations">
            {recs.map((r) => (
              <li key={r.slug}>
                <Link to={`/courses/${r.slug}`}>{r.title}</Link> ({r.jp} JP) — {r.reason}
              </li>
            ))}
          </ol>
        ) : (
          <p>Tidak ada kesenjangan yang dapat ditutup oleh kursus yang tersedia saat ini.</p>
        )}
      </section>

      <Form method="get" className="card inline-form" aria-label="Bandingkan dengan jabatan lain">
        <label htmlFor="target">Bandingkan dengan jabatan tujuan</label>
        <select id="target" name="target" defaultValue={target?.id ?? ''}>
          <option value="">— tidak ada —</option>
          {jabatan.map((j) => (
            <option key={j.id} value={j.id}>
              {j.name}
            </option>
          ))}
        </select>
        <button type="submit">Tampilkan</button>
      </Form>

      {groups.map((g) => (
        <section key={g.type} aria-labelledby={`h-${g.type}`}>
          <h2 id={`h-${g.type}`}>Kompetensi {typeLabel[g.type]}</h2>
          <table data-testid={`profile-${g.type}`}>
            <thead>
              <tr>
                <th scope="col">Kompetensi</th>
                <th scope="col">Level saat ini</th>
                <th scope="col">Standar jabatan</th>
                <th scope="col">Kesenjangan</th>
                {target ? <th scope="col">Standar {target.name}</th> : null}
                <th scope="col">Riwayat</th>
                <th scope="col">Bukti</th>
              </tr>
            </thead>
            <tbody>
              {g.rows.map((r) => (
                <tr key={r.id} data-testid={`row-${r.code}`}>
                  <th scope="row">
                    {r.code} {r.name}
                  </th>
                  <td>
                    <LevelBar current={r.current} required={r.required} />{' '}
                    {r.measured ? `${r.current} (${r.currentName})` : 'belum terukur'}
                  </td>
                  <td>{r.required ?? '—'}</td>
                  <td data-testid={`gap-${r.code}`}>
                    {r.gap == null ? '—' : r.gap === 0 ? 'tercapai' : `${r.gap} level`}
                  </td>
                  {target ? (
                    <td>
                      {r.targetRequired == null
                        ? '—'
                        : `${r.targetRequired} (kesenjangan ${r.targetGap})`}
                    </td>
                  ) : null}
                  <td>
                    <HistoryChart points={r.history} label={`Riwayat level ${r.name}`} />
                  </td>
                  <td>
                    {r.evidence.length ? (
                      <ul style={{ margin: 0, paddingLeft: '1rem' }}>
                        {r.evidence.slice(0, 3).map((e) => (
                          <li key={e.attemptId}>
                            <Link to={`/quiz/${e.attemptId}`}>
                              {e.course} #{e.number}
                            </Link>{' '}
                            {e.percent}% ({formatDate(e.takenAt)})
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      <p className="muted">
        Level dihitung dari hasil kuis: level tertinggi yang soal-soalnya (dan soal level di
        bawahnya) dijawab benar minimal 70%, dengan bobot bukti lama berkurang separuh setiap tahun.
      </p>
    </>
  )
}
