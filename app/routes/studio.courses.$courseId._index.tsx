import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Flash } from '~/components/flash'
import { useErrorText } from '~/components/forms'
import { CourseMetaFields, IntentForm } from '~/components/studio-fields'
import {
  addLesson,
  addModule,
  moveLesson,
  moveModule,
  removeCourseCompetency,
  removeLesson,
  removeModule,
  renameModule,
  setCourseCompetency,
  updateCourseMeta,
  workingCourse,
} from '~/models/studio.server'
import { competencyChoices } from '~/models/studio-lookup.server'
import { courseActionSchema } from '~/schemas/studio'
import { pageTitle } from '~/utils/meta'
import { readForm, withAppErrors } from '~/utils/route-errors.server'
import { firstIssue, requireStudioCourse } from '~/utils/studio-route.server'

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, { key: 'studio.course.title', params: { title: data?.course.title ?? '' } })

export const loader = withAppErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const { courseId } = await requireStudioCourse(request, params)
  const [course, competencies] = await Promise.all([workingCourse(courseId), competencyChoices()])
  return { course, competencies }
})

export const action = withAppErrors(async ({ request, params }: ActionFunctionArgs) => {
  const { courseId } = await requireStudioCourse(request, params)
  const form = Object.fromEntries(await readForm(request))
  const parsed = courseActionSchema.safeParse(form)
  if (!parsed.success)
    return data({ ok: false as const, error: firstIssue(parsed.error) }, { status: 400 })
  const input = parsed.data
  switch (input.intent) {
    case 'meta': {
      const { intent: _intent, ...meta } = input
      await updateCourseMeta(courseId, meta)
      break
    }
    case 'competency-set':
      await setCourseCompetency(courseId, input.code, input.level)
      break
    case 'competency-remove':
      await removeCourseCompetency(courseId, input.code)
      break
    case 'module-add':
      await addModule(courseId, input.title)
      break
    case 'module-rename':
      await renameModule(courseId, input.moduleId, input.title)
      break
    case 'module-move':
      await moveModule(courseId, input.moduleId, input.dir)
      break
    case 'module-remove':
      await removeModule(courseId, input.moduleId)
      break
    case 'lesson-add':
      await addLesson(courseId, input.moduleId, { title: input.title, kind: input.kind })
      break
    case 'lesson-move':
      await moveLesson(courseId, input.lessonId, input.dir)
      break
    case 'lesson-remove':
      await removeLesson(courseId, input.lessonId)
      break
  }
  return data({ ok: true as const, intent: input.intent })
})

function MoveButtons({
  intent,
  idName,
  id,
  label,
  first,
  last,
}: {
  intent: string
  idName: string
  id: string
  label: string
  first: boolean
  last: boolean
}) {
  const { t } = useTranslation()
  return (
    <>
      {(['up', 'down'] as const).map((dir) => (
        <IntentForm key={dir} intent={intent} fields={{ [idName]: id, dir }}>
          <button
            type="submit"
            className="button-small button-secondary"
            disabled={dir === 'up' ? first : last}
          >
            <span aria-hidden="true">{dir === 'up' ? '↑' : '↓'}</span>
            <span className="sr-only">
              {t(dir === 'up' ? 'studio.course.moveUp' : 'studio.course.moveDown', {
                title: label,
              })}
            </span>
          </button>
        </IntentForm>
      ))}
    </>
  )
}

/** A remove button (module, lesson, competency): archives, never deletes (decision 055). */
function RemoveButton({
  intent,
  fields,
  label,
}: {
  intent: string
  fields: Record<string, string>
  label: string
}) {
  const { t } = useTranslation()
  return (
    <IntentForm intent={intent} fields={fields}>
      <button type="submit" className="button-small button-danger">
        {t('studio.remove')}
        <span className="sr-only"> {label}</span>
      </button>
    </IntentForm>
  )
}

export default function StudioCourse() {
  const { course, competencies } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [search] = useSearchParams()
  const { t } = useTranslation()
  const errorText = useErrorText()
  const base = `/studio/courses/${course.id}`
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/studio/courses">{t('studio.list.title')}</Link>
      </p>
      <h1>{course.title}</h1>
      <p className="muted" data-testid="course-status">
        {t(`studio.status.${course.status}`)} ·{' '}
        {course.currentVersion
          ? t('studio.versionN', { version: course.currentVersion.version })
          : t('studio.neverPublished')}
      </p>
      <p className="button-row">
        <Link className="button button-secondary" to={`${base}/preview`}>
          {t('studio.course.preview')}
        </Link>
        <Link className="button button-secondary" to={`${base}/videos`}>
          {t('studio.course.videos')}
        </Link>
        <Link className="button" to={`${base}/publish`}>
          {t('studio.course.publish')}
        </Link>
        <a className="button button-secondary" href={`${base}/export`} download>
          {t('studio.course.export')}
        </a>
      </p>
      {search.get('created') ? <Flash ok message={t('studio.course.created')} /> : null}
      {search.get('published') ? (
        <Flash
          ok
          testId="publish-result"
          message={
            search.get('published') === '0'
              ? t('studio.publish.nothing')
              : t('studio.publish.done', { version: search.get('published') })
          }
        />
      ) : null}
      {actionData && !actionData.ok ? (
        <Flash ok={false} message={errorText(actionData.error.message)} testId="course-error" />
      ) : actionData?.ok ? (
        <Flash ok message={t('studio.course.saved')} testId="course-saved" />
      ) : null}

      <section aria-labelledby="meta-heading" className="card">
        <h2 id="meta-heading" style={{ marginTop: 0 }}>
          {t('studio.course.metaHeading')}
        </h2>
        <IntentForm intent="meta" className="stack">
          <CourseMetaFields
            values={course}
            errorField={actionData && !actionData.ok ? actionData.error.field : undefined}
          />
          <p className="hint">{t('studio.course.metaHint')}</p>
          <div>
            <button type="submit">{t('studio.save')}</button>
          </div>
        </IntentForm>
      </section>

      <section aria-labelledby="comp-heading" className="card" style={{ marginTop: '1rem' }}>
        <h2 id="comp-heading" style={{ marginTop: 0 }}>
          {t('studio.course.competencies')}
        </h2>
        {course.competencies.length ? (
          <ul>
            {course.competencies.map((c) => (
              <li key={c.competency.code}>
                {c.competency.code} {c.competency.name} —{' '}
                {t('studio.course.levelN', { level: c.level })}{' '}
                <RemoveButton
                  intent="competency-remove"
                  fields={{ code: c.competency.code }}
                  label={c.competency.code}
                />
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('studio.course.noCompetencies')}</p>
        )}
        <IntentForm intent="competency-set" className="stack">
          <div className="field">
            <label htmlFor="comp-code">{t('studio.course.competency')}</label>
            <select id="comp-code" name="code">
              {competencies.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.code} {c.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="comp-level">{t('studio.course.level')}</label>
            <select id="comp-level" name="level" defaultValue="2">
              {[1, 2, 3, 4, 5].map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </div>
          <div>
            <button type="submit" className="button-secondary">
              {t('studio.course.addCompetency')}
            </button>
          </div>
        </IntentForm>
      </section>

      <section aria-labelledby="modules-heading" style={{ marginTop: '2rem' }}>
        <h2 id="modules-heading">{t('studio.course.modules')}</h2>
        <p className="hint">{t('studio.course.removeHint')}</p>
        {course.modules.map((m, mi) => (
          <div
            key={m.id}
            className="card"
            style={{ marginBottom: '1rem' }}
            data-testid={`module-${mi}`}
          >
            <h3 style={{ marginTop: 0 }}>
              {t('studio.course.moduleN', { n: mi + 1 })}: {m.title}
            </h3>
            <div className="button-row">
              <IntentForm intent="module-rename" fields={{ moduleId: m.id }}>
                <label htmlFor={`rename-${m.id}`} className="sr-only">
                  {t('studio.course.renameModule', { title: m.title })}
                </label>
                <input
                  id={`rename-${m.id}`}
                  name="title"
                  defaultValue={m.title}
                  required
                  minLength={3}
                  maxLength={200}
                />
                <button type="submit" className="button-small button-secondary">
                  {t('studio.rename')}
                </button>
              </IntentForm>
              <MoveButtons
                intent="module-move"
                idName="moduleId"
                id={m.id}
                label={m.title}
                first={mi === 0}
                last={mi === course.modules.length - 1}
              />
              <RemoveButton intent="module-remove" fields={{ moduleId: m.id }} label={m.title} />
            </div>
            <ol className="outline">
              {m.lessons.map((l, li) => (
                <li key={l.id} data-testid={`lesson-${l.slug}`}>
                  <Link to={`${base}/lessons/${l.id}`}>{l.title}</Link>{' '}
                  <span className="tag">{t(`studio.kind.${l.kind}`)}</span>{' '}
                  <span className="muted">{t('studio.course.minutes', { count: l.minutes })}</span>{' '}
                  {l.quiz ? (
                    <>
                      <Link to={`/authoring/bank/${course.id}`}>
                        {t('studio.course.quizQuestions')}
                        <span className="sr-only"> ({l.title})</span>
                      </Link>{' '}
                      ·{' '}
                      <Link to={`/authoring/quizzes/${l.quiz.id}`}>
                        {t('studio.course.quizSettings')}
                        <span className="sr-only"> ({l.title})</span>
                      </Link>{' '}
                    </>
                  ) : null}
                  <MoveButtons
                    intent="lesson-move"
                    idName="lessonId"
                    id={l.id}
                    label={l.title}
                    first={li === 0}
                    last={li === m.lessons.length - 1}
                  />
                  <RemoveButton
                    intent="lesson-remove"
                    fields={{ lessonId: l.id }}
                    label={l.title}
                  />
                </li>
              ))}
            </ol>
            <IntentForm intent="lesson-add" fields={{ moduleId: m.id }} className="stack">
              <div className="field">
                <label htmlFor={`lesson-title-${m.id}`}>{t('studio.course.lessonTitle')}</label>
                <input
                  id={`lesson-title-${m.id}`}
                  name="title"
                  required
                  minLength={3}
                  maxLength={200}
                />
              </div>
              <div className="field">
                <label htmlFor={`lesson-kind-${m.id}`}>{t('studio.course.lessonKind')}</label>
                <select id={`lesson-kind-${m.id}`} name="kind">
                  <option value="TEXT">{t('studio.kind.TEXT')}</option>
                  <option value="VIDEO">{t('studio.kind.VIDEO')}</option>
                  <option value="QUIZ">{t('studio.kind.QUIZ')}</option>
                </select>
                <p className="hint">{t('studio.course.quizHint')}</p>
              </div>
              <div>
                <button type="submit" className="button-secondary">
                  {t('studio.course.addLesson')}
                  <span className="sr-only"> ({m.title})</span>
                </button>
              </div>
            </IntentForm>
          </div>
        ))}
        <IntentForm intent="module-add" className="card stack">
          <div className="field">
            <label htmlFor="module-title">{t('studio.course.moduleTitle')}</label>
            <input id="module-title" name="title" required minLength={3} maxLength={200} />
          </div>
          <div>
            <button type="submit" className="button-secondary">
              {t('studio.course.addModule')}
            </button>
          </div>
        </IntentForm>
      </section>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
