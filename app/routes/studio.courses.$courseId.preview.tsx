import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import editorCss from '~/components/editor.css?url'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { previewLessons, workingCourse } from '~/models/studio.server'
import { pageTitle } from '~/utils/meta'
import { readSearchParams, withAppErrors } from '~/utils/route-errors.server'
import { requireStudioCourse } from '~/utils/studio-route.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: editorCss }]

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, { key: 'studio.preview.title' })

/** The draft as a learner will see it once published (nothing is recorded). */
export const loader = withAppErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const { courseId } = await requireStudioCourse(request, params)
  const slug = readSearchParams(request).get('lesson')
  const [course, lessons] = await Promise.all([workingCourse(courseId), previewLessons(courseId)])
  const current = lessons.find((l) => l.slug === slug) ?? lessons[0] ?? null
  return {
    course: { id: course.id, title: course.title, summary: course.summary, jp: course.jp },
    outline: lessons.map((l) => ({
      slug: l.slug,
      title: l.title,
      kind: l.kind,
      moduleTitle: l.moduleTitle,
    })),
    current,
  }
})

export default function StudioPreview() {
  const { course, outline, current } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const base = `/studio/courses/${course.id}`
  return (
    <>
      <p className="breadcrumbs">
        <Link to={base}>{t('studio.preview.back')}</Link>
      </p>
      <p className="alert alert-info">{t('studio.preview.notice')}</p>
      <h1>{course.title}</h1>
      <p>{course.summary}</p>
      <nav aria-label={t('studio.preview.outline')}>
        <ol className="outline">
          {outline.map((l) => (
            <li key={l.slug}>
              <span className="muted">{l.moduleTitle} · </span>
              <Link
                to={`?lesson=${l.slug}`}
                aria-current={current?.slug === l.slug ? 'page' : undefined}
              >
                {l.title}
              </Link>
            </li>
          ))}
        </ol>
      </nav>
      {current ? (
        <article aria-labelledby="preview-lesson" className="card" data-testid="preview-lesson">
          <h2 id="preview-lesson" style={{ marginTop: 0 }}>
            {current.title}
          </h2>
          {current.kind === 'VIDEO' && current.videoId ? (
            <video
              controls
              preload="metadata"
              src={`/media/videos/${current.videoId}`}
              className="lesson-video"
            >
              <track kind="captions" />
            </video>
          ) : null}
          {current.contentHtml ? (
            <div
              className="lesson-body"
              dangerouslySetInnerHTML={{ __html: current.contentHtml }}
            />
          ) : null}
        </article>
      ) : (
        <p className="muted">{t('studio.preview.empty')}</p>
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
