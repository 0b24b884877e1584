import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { teamMember } from '~/models/team.server'
import { requireRole } from '~/utils/auth.server'
import { formatDate } from '~/utils/misc'
import { formatNip } from '~/utils/nip'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, 'SUPERVISOR', 'ADMIN')
  return teamMember(viewer, params.userId!)
}

export default function TeamMember() {
  const { person, jp, year } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{person.name}</h1>
      <section className="card">
        <dl className="facts">
          <dt>NIP</dt>
          <dd>{formatNip(person.nip)}</dd>
          <dt>Unit</dt>
          <dd>{person.unit?.name ?? '—'}</dd>
          <dt>Jabatan</dt>
          <dd>{person.jabatan?.name ?? '—'}</dd>
          <dt>JP {year}</dt>
          <dd data-testid="member-jp">{jp} JP</dd>
        </dl>
      </section>
      <h2>Kursus</h2>
      {person.enrolments.length === 0 ? (
        <p>Belum mengikuti kursus.</p>
      ) : (
        <ul>
          {person.enrolments.map((e) => (
            <li key={e.id}>
              {e.course.title} —{' '}
              {e.status === 'COMPLETED' && e.completedAt
                ? `selesai ${formatDate(e.completedAt)} (${e.course.jp} JP)`
                : 'sedang berjalan'}
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
