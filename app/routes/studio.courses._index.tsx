import { data, redirect, type ActionFunctionArgs, type MetaFunction } from '@remix-run/node'
import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '~/utils/conform'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ErrorList, StatusButton } from '~/components/forms'
import { TableWrap } from '~/components/table'
import { CourseMetaFields, courseMetaDefaults, useStudioForm } from '~/components/studio-fields'
import { createCourse, studioCourses } from '~/models/studio.server'
import { courseMetaSchema } from '~/schemas/studio'
import { pageTitle } from '~/utils/meta'
import { readForm, withAppErrors } from '~/utils/route-errors.server'
import { requireStudio } from '~/utils/studio-route.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: 'studio.list.title' })

export const loader = withAppErrors(async ({ request }: { request: Request }) => {
  const user = await requireStudio(request)
  return { courses: await studioCourses(user) }
})

export const action = withAppErrors(async ({ request }: ActionFunctionArgs) => {
  const user = await requireStudio(request)
  const submission = parseWithZod(await readForm(request), { schema: courseMetaSchema })
  if (submission.status !== 'success')
    return data({ result: submission.reply(), formKey: NEW_COURSE }, { status: 400 })
  const course = await createCourse(user, submission.value)
  return redirect(`/studio/courses/${course.id}?created=1`)
})

const NEW_COURSE = 'new-course'

export default function StudioCourses() {
  const { courses } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const [form, fields] = useStudioForm(courseMetaSchema, NEW_COURSE, courseMetaDefaults())
  return (
    <>
      <h1>{t('studio.list.title')}</h1>
      <p className="muted">{t('studio.list.intro')}</p>
      {courses.length === 0 ? (
        <p className="card">{t('studio.list.none')}</p>
      ) : (
        <TableWrap label={t('studio.list.title')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('studio.list.course')}</th>
                <th scope="col">{t('studio.list.status')}</th>
                <th scope="col">{t('studio.list.version')}</th>
              </tr>
            </thead>
            <tbody>
              {courses.map((c) => (
                <tr key={c.id} data-testid={`studio-course-${c.slug}`}>
                  <th scope="row" className="row-label">
                    <Link to={`/studio/courses/${c.id}`}>{c.title}</Link>
                    <br />
                    <span className="muted">
                      {t(`ui.areas.${c.area}`)} · {c.jp} JP
                    </span>
                  </th>
                  <td>
                    <span className="tag">{t(`studio.status.${c.status}`)}</span>
                  </td>
                  <td>
                    {c.currentVersion
                      ? t('studio.versionN', { version: c.currentVersion.version })
                      : t('studio.neverPublished')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <section aria-labelledby="new-course" className="card" style={{ marginTop: '2rem' }}>
        <h2 id="new-course" style={{ marginTop: 0 }}>
          {t('studio.list.newHeading')}
        </h2>
        <p className="hint">{t('studio.list.newHint')}</p>
        <Form method="post" className="stack" {...getFormProps(form)}>
          <ErrorList id={form.errorId} errors={form.errors} />
          <CourseMetaFields fields={fields} />
          <div>
            <StatusButton>{t('studio.list.create')}</StatusButton>
          </div>
        </Form>
      </section>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
