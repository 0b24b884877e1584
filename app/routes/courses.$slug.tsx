import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { CourseOutline, ProgressBar } from '~/components/outline'
import { courseOutline, enrol } from '~/models/course.server'
import { areaLabel } from '~/utils/areas'
import { requireUser } from '~/utils/auth.server'
import { formatDate } from '~/utils/misc'
import { CertificateLink } from '~/components/certificate-link'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.course.title ?? 'Kursus'} · Bina` },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const outline = await courseOutline(params.slug!, user.id)
  if (!outline)
    throw new Response('Kursus tidak ditemukan atau belum diterbitkan.', { status: 404 })
  return outline
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const form = await request.formData()
  if (form.get('intent') !== 'enrol')
    throw new Response('Permintaan tidak dikenal.', { status: 400 })
  await enrol(user.id, params.slug!)
  const outline = await courseOutline(params.slug!, user.id)
  const first = outline?.nextLesson ?? outline?.lessons[0]
  return redirect(
    first ? `/courses/${params.slug}/lessons/${first.slug}` : `/courses/${params.slug}`,
  )
}

export default function CoursePage() {
  const { course, version, enrolment, lessons, percent, nextLesson } =
    useLoaderData<typeof loader>()
  return (
    <>
      <p>
        <Link to="/courses">‹ Katalog kursus</Link>
      </p>
      <h1>{course.title}</h1>
      <p className="muted">
        {areaLabel(course.area)} · <strong>{version.jp} JP</strong> · versi {version.number}
      </p>
      <div className="player">
        <div>
          <section className="card">
            <p>{course.summary}</p>
            <h2>Kompetensi yang dikembangkan</h2>
            <ul>
              {course.competencies.map((c) => (
                <li key={c.competency.code}>
                  {c.competency.code} {c.competency.name} — sampai level {c.level}
                </li>
              ))}
            </ul>
          </section>
          {enrolment ? (
            <section className="card" aria-labelledby="progress-heading">
              <h2 id="progress-heading">Kemajuan Anda</h2>
              <ProgressBar percent={percent} label="Kemajuan kursus" />
              {enrolment.status === 'COMPLETED' && enrolment.completedAt ? (
                <p className="alert alert-info" data-testid="course-completed">
                  Kursus selesai pada {formatDate(enrolment.completedAt)}. {version.jp} JP telah
                  dicatat untuk tahun ini.{' '}
                  <CertificateLink slug={course.slug} course={course.title} />
                </p>
              ) : nextLesson ? (
                <Link className="button" to={`/courses/${course.slug}/lessons/${nextLesson.slug}`}>
                  Lanjutkan: {nextLesson.title}
                </Link>
              ) : null}
            </section>
          ) : (
            <Form method="post" className="card">
              <input type="hidden" name="intent" value="enrol" />
              <p>Daftar untuk mulai belajar. Kemajuan Anda tersimpan otomatis.</p>
              <button type="submit">Daftar kursus</button>
            </Form>
          )}
        </div>
        <aside className="card">
          <h2>Isi kursus</h2>
          <CourseOutline slug={course.slug} lessons={lessons} linked={Boolean(enrolment)} />
        </aside>
      </div>
    </>
  )
}
