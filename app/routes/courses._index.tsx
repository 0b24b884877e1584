import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { catalogue } from '~/models/course.server'
import { AREAS, areaLabel } from '~/utils/areas'
import { requireUser } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'

export const meta: MetaFunction = () => [{ title: 'Katalog Kursus · Bina' }]

const filterSchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  area: z
    .enum(['LITERASI_DIGITAL', 'MANAJEMEN_KEUANGAN', 'PELAYANAN_PUBLIK'])
    .optional()
    .catch(undefined),
  competency: z.string().max(20).optional().catch(undefined),
  maxJp: z.coerce.number().int().positive().max(200).optional().catch(undefined),
})

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const params = Object.fromEntries(new URL(request.url).searchParams)
  const filter = filterSchema.parse(
    Object.fromEntries(Object.entries(params).filter(([, v]) => v !== '')),
  )
  const [courses, competencies] = await Promise.all([
    catalogue(user.id, filter),
    prisma.competency.findMany({
      where: { courses: { some: {} } },
      select: { code: true, name: true },
      orderBy: { code: 'asc' },
    }),
  ])
  return { courses, competencies, filter }
}

export default function Catalogue() {
  const { courses, competencies, filter } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>Katalog Kursus</h1>
      <Form method="get" role="search" className="card filters" aria-label="Saring kursus">
        <div className="field">
          <label htmlFor="q">Cari kursus</label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={filter.q ?? ''}
            placeholder="mis. phishing, APBD, pengaduan"
          />
        </div>
        <div className="field">
          <label htmlFor="area">Bidang</label>
          <select id="area" name="area" defaultValue={filter.area ?? ''}>
            <option value="">Semua bidang</option>
            {AREAS.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="competency">Kompetensi</label>
          <select id="competency" name="competency" defaultValue={filter.competency ?? ''}>
            <option value="">Semua kompetensi</option>
            {competencies.map((c) => (
              <option key={c.code} value={c.code}>
                {c.code} {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="maxJp">JP paling banyak</label>
          <input
            id="maxJp"
            name="maxJp"
            type="number"
            min={1}
            max={200}
            defaultValue={filter.maxJp ?? ''}
          />
        </div>
        <button type="submit">Terapkan</button>
      </Form>
      <p className="muted" role="status">
        {courses.length} kursus ditemukan{filter.q ? ` untuk "${filter.q}"` : ''}.
      </p>
      <ul className="grid course-list" aria-label="Daftar kursus">
        {courses.map((c) => (
          <li key={c.id} className="card course-card">
            <h2>
              <Link to={`/courses/${c.slug}`}>{c.title}</Link>
            </h2>
            <p className="muted">
              {areaLabel(c.area)} · <strong>{c.jp} JP</strong>
            </p>
            <p>{c.summary.length > 180 ? `${c.summary.slice(0, 177)}…` : c.summary}</p>
            <p>
              {c.competencies.map((k) => (
                <span key={k.competency.code} className="tag" title={k.competency.name}>
                  {k.competency.code} · level {k.level}
                </span>
              ))}
            </p>
            {c.enrolment ? (
              <>
                <div
                  className="progress"
                  role="progressbar"
                  aria-label={`Kemajuan ${c.title}`}
                  aria-valuenow={c.enrolment.percent}
                  aria-valuemin={0}
                  aria-valuemax={100}
                >
                  <span style={{ width: `${c.enrolment.percent}%` }} />
                </div>
                <p className="muted">
                  {c.enrolment.status === 'COMPLETED'
                    ? 'Selesai'
                    : `${c.enrolment.percent}% selesai`}
                </p>
              </>
            ) : (
              <p className="muted">Belum terdaftar</p>
            )}
          </li>
        ))}
      </ul>
    </>
  )
}
