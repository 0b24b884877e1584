import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { Link } from '~/components/link'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { StatusButton } from '~/components/forms'
import { CourseOutline, outlineLesson, ProgressBar } from '~/components/outline'
import { courseOutline, enrol } from '~/models/course.server'
import { slugSchema } from '~/schemas/common'
import { requireUser } from '~/utils/auth.server'
import { InvalidError, NotFoundError } from '~/utils/errors'
import { pageTitle } from '~/utils/meta'
import { formatDate } from '~/utils/misc'
import { readForm, routeParam, withAppErrors } from '~/utils/route-errors.server'
import { CertificateLink } from '~/components/certificate-link'
import { SurveyLink } from '~/components/evaluation'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data?.course.title
    ? pageTitle(matches, { text: data.course.title })
    : pageTitle(matches, { key: 'ui.course.fallbackTitle' })

export const loader = withAppErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  const slug = routeParam(params, 'slug', slugSchema, 'course.notFound')
  const outline = await courseOutline(slug, user.id)
  if (!outline) throw new NotFoundError('course.notFound')
  // Only what the page shows travels in the page's data (decision 073).
  const { course, version, enrolment, lessons, percent, nextLesson } = outline
  return {
    course: {
      slug: course.slug,
      title: course.title,
      summary: course.summary,
      area: course.area,
      competencies: course.competencies,
    },
    version: { number: version.number, jp: version.jp },
    enrolment: enrolment ? { status: enrolment.status, completedAt: enrolment.completedAt } : null,
    lessons: lessons.map(outlineLesson),
    percent,
    nextLesson: nextLesson ? { slug: nextLesson.slug, title: nextLesson.title } : null,
  }
})

export const action = withAppErrors(async ({ request, params }: ActionFunctionArgs) => {
  const user = await requireUser(request)
  const slug = routeParam(params, 'slug', slugSchema, 'course.notFound')
  const form = await readForm(request)
  if (form.get('intent') !== 'enrol') throw new InvalidError('input.unknownIntent')
  await enrol(user.id, slug)
  const outline = await courseOutline(slug, user.id)
  const first = outline?.nextLesson ?? outline?.lessons[0]
  return redirect(first ? `/courses/${slug}/lessons/${first.slug}` : `/courses/${slug}`)
})

export default function CoursePage() {
  const { course, version, enrolment, lessons, percent, nextLesson } =
    useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation()
  return (
    <>
      <p>
        <Link to="/courses">{t('ui.course.back')}</Link>
      </p>
      <h1>{course.title}</h1>
      <p className="muted">
        {t(`ui.areas.${course.area}`)} · <strong>{version.jp} JP</strong> ·{' '}
        {t('ui.course.version', { number: version.number })}
      </p>
      <div className="player">
        <div>
          <section className="card">
            <p>{course.summary}</p>
            <h2>{t('ui.course.competencies')}</h2>
            <ul>
              {course.competencies.map((c) => (
                <li key={c.competency.code}>
                  {t('ui.course.upToLevel', {
                    code: c.competency.code,
                    name: c.competency.name,
                    level: c.level,
                  })}
                </li>
              ))}
            </ul>
          </section>
          {enrolment ? (
            <section className="card" aria-labelledby="progress-heading">
              <h2 id="progress-heading">{t('ui.course.progressHeading')}</h2>
              <ProgressBar percent={percent} label={t('ui.course.progressLabel')} />
              {enrolment.status === 'COMPLETED' && enrolment.completedAt ? (
                <p className="alert alert-info" data-testid="course-completed">
                  {t('ui.course.completedOn', {
                    date: formatDate(enrolment.completedAt, i18n.language),
                    jp: version.jp,
                  })}{' '}
                  <CertificateLink slug={course.slug} course={course.title} />{' '}
                  <SurveyLink slug={course.slug} />
                </p>
              ) : nextLesson ? (
                <Link className="button" to={`/courses/${course.slug}/lessons/${nextLesson.slug}`}>
                  {t('ui.course.continue', { title: nextLesson.title })}
                </Link>
              ) : null}
            </section>
          ) : (
            // form-kit: intent only (decision 042)
            <Form method="post" className="card">
              <p>{t('ui.course.enrolIntro')}</p>
              <StatusButton intent="enrol" pendingLabel={t('ui.course.enrolling')}>
                {t('ui.course.enrol')}
              </StatusButton>
            </Form>
          )}
        </div>
        <aside className="card">
          <h2>{t('ui.course.contents')}</h2>
          <CourseOutline slug={course.slug} lessons={lessons} linked={Boolean(enrolment)} />
        </aside>
      </div>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
