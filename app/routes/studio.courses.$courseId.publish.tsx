import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '~/utils/conform'
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Fragment } from 'react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ErrorList, StatusButton } from '~/components/forms'
import {
  courseJp,
  publishFromStudio,
  publishPreview,
  quizzesWithoutQuestions,
  workingCourse,
} from '~/models/studio.server'
import { publishSchema } from '~/schemas/studio'
import { AppError, messageWith } from '~/utils/errors'
import { pageTitle } from '~/utils/meta'
import { readForm, withAppErrors } from '~/utils/route-errors.server'
import { requireStudioCourse } from '~/utils/studio-route.server'

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, { key: 'studio.publish.title' })

export const loader = withAppErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const { courseId } = await requireStudioCourse(request, params)
  const [course, diff, emptyQuizzes, jp] = await Promise.all([
    workingCourse(courseId),
    publishPreview(courseId),
    quizzesWithoutQuestions(courseId),
    courseJp(courseId),
  ])
  return {
    course: { id: course.id, title: course.title, version: course.currentVersion?.version ?? 0 },
    diff,
    emptyQuizzes,
    jp,
  }
})

export const action = withAppErrors(async ({ request, params }: ActionFunctionArgs) => {
  const { courseId } = await requireStudioCourse(request, params)
  const submission = parseWithZod(await readForm(request), { schema: publishSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  try {
    const result = await publishFromStudio(courseId, submission.value.token)
    return redirect(
      `/studio/courses/${courseId}?published=${result.created ? String(result.version) : '0'}`,
    )
  } catch (e) {
    // Changed since the review (409), a quiz without questions, no lessons: said on the form.
    if (e instanceof AppError && e.status < 500)
      return data(
        { result: submission.reply({ formErrors: [messageWith(e.code, e.params)] }) },
        { status: e.status },
      )
    throw e
  }
})

export default function StudioPublish() {
  const { course, diff, emptyQuizzes, jp } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'publish',
    lastResult: actionData?.result,
    defaultValue: { token: diff.token },
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: publishSchema }),
  })
  const blocked = !diff.empty && (emptyQuizzes.length > 0 || !jp.ok)
  const base = `/studio/courses/${course.id}`
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/studio/courses">{t('studio.list.title')}</Link> ›{' '}
        <Link to={base}>{course.title}</Link>
      </p>
      <h1>{t('studio.publish.title')}</h1>
      {diff.empty ? (
        <p className="alert alert-info" data-testid="diff-empty">
          {t('studio.publish.noChanges', { version: course.version })}
        </p>
      ) : (
        <section aria-labelledby="diff-heading" className="card" data-testid="diff">
          <h2 id="diff-heading" style={{ marginTop: 0 }}>
            {diff.firstVersion
              ? t('studio.publish.first')
              : t('studio.publish.changesSince', { version: course.version })}
          </h2>
          {diff.meta.length ? (
            <p>
              {t('studio.publish.meta')}:{' '}
              {diff.meta.map((m) => t(`studio.publish.metaField.${m}`)).join(', ')}
            </p>
          ) : null}
          {(['added', 'removed'] as const).map((which) =>
            diff[which].length ? (
              <Fragment key={which}>
                <h3>{t(`studio.publish.${which}`, { count: diff[which].length })}</h3>
                <ul data-testid={`diff-${which}`}>
                  {diff[which].map((l) => (
                    <li key={l.lessonId}>
                      {l.title} <span className="muted">({l.moduleTitle})</span>
                    </li>
                  ))}
                </ul>
              </Fragment>
            ) : null,
          )}
          {diff.changed.length ? (
            <>
              <h3>{t('studio.publish.changed', { count: diff.changed.length })}</h3>
              <ul data-testid="diff-changed">
                {diff.changed.map((l) => (
                  <li key={l.lessonId}>
                    {l.title}: {l.changes.map((c) => t(`studio.publish.change.${c}`)).join(', ')}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {(['added', 'removed', 'changed'] as const).map((which) =>
            diff.questions[which].length ? (
              <Fragment key={`q-${which}`}>
                <h3>
                  {t(`studio.publish.questions.${which}`, { count: diff.questions[which].length })}
                </h3>
                <ul data-testid={`diff-questions-${which}`}>
                  {diff.questions[which].map((q) => (
                    <li key={q.questionId}>
                      {q.name} <span className="muted">({q.category})</span>
                      {'changes' in q
                        ? `: ${
                            q.changes.length
                              ? q.changes
                                  .map((c) => t(`studio.publish.questions.change.${c}`))
                                  .join(', ')
                              : t('studio.publish.questions.change.none')
                          }`
                        : null}
                    </li>
                  ))}
                </ul>
              </Fragment>
            ) : null,
          )}
          {diff.questions.empty ? null : (
            <p className="hint">{t('studio.publish.questions.hint')}</p>
          )}
          <p className="hint">{t('studio.publish.learnersKeep')}</p>
        </section>
      )}
      {!diff.empty && !jp.ok ? (
        // The declared JP is not what the required lessons are worth (decision 066).
        <p className="alert alert-error" role="alert" data-testid="publish-blocked-jp">
          {t('errors.codes.studio.jpMismatch', jp)}{' '}
          <Link to={base}>{t('studio.publish.fixJp')}</Link>
        </p>
      ) : null}
      {!diff.empty && emptyQuizzes.length > 0 ? (
        <p className="alert alert-error" role="alert" data-testid="publish-blocked">
          {t('errors.codes.studio.quizWithoutQuestions', { title: emptyQuizzes.join(', ') })}{' '}
          <Link to={`/authoring/bank/${course.id}`}>{t('studio.course.quizQuestions')}</Link>
        </p>
      ) : null}
      <Form method="post" style={{ marginTop: '1rem' }} {...getFormProps(form)}>
        <ErrorList
          id={form.errorId}
          errors={[...(form.errors ?? []), ...(fields.token.errors ?? [])]}
        />
        {/* The token of the draft shown on this page (a new one after every change). */}
        <input type="hidden" name="token" value={diff.token} />
        <StatusButton disabled={diff.empty || blocked} data-testid="publish-confirm">
          {t('studio.publish.confirm')}
        </StatusButton>{' '}
        <Link to={base}>{t('studio.publish.cancel')}</Link>
      </Form>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
