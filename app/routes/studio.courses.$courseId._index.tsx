import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { getInputProps, getSelectProps } from '@conform-to/react'
import { parseWithZod } from '~/utils/conform'
import { Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Flash } from '~/components/flash'
import { ErrorList, Field, StatusButton, useErrorText } from '~/components/forms'
import { CompetencyLevelFields } from '~/components/competency-fields'
import {
  CourseMetaFields,
  courseMetaDefaults,
  IntentForm,
  text,
  useStudioForm,
  type StudioFormReply,
} from '~/components/studio-fields'
import {
  addLesson,
  addModule,
  courseJp,
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
import { courseActionSchema, courseFormKey } from '~/schemas/studio'
import { pageTitle } from '~/utils/meta'
import { readForm, withAppErrors } from '~/utils/route-errors.server'
import { requireStudioCourse } from '~/utils/studio-route.server'

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, { key: 'studio.course.title', params: { title: data?.course.title ?? '' } })

export const loader = withAppErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const { courseId } = await requireStudioCourse(request, params)
  const [course, competencies, jp] = await Promise.all([
    workingCourse(courseId),
    competencyChoices(),
    courseJp(courseId),
  ])
  return { course, competencies, jp }
})

export const action = withAppErrors(async ({ request, params }: ActionFunctionArgs) => {
  const { courseId } = await requireStudioCourse(request, params)
  const submission = parseWithZod(await readForm(request), { schema: courseActionSchema })
  const formKey = courseFormKey(submission.payload)
  if (submission.status !== 'success')
    return data({ ok: false as const, result: submission.reply(), formKey }, { status: 400 })
  const input = submission.value
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
  // Without JavaScript the browser posted the form itself: answer with a redirect to the page
  // (post/redirect/get), so a reload does not post the move or removal again.
  if (request.headers.get('Sec-Fetch-Mode') === 'navigate')
    return redirect(`/studio/courses/${courseId}?saved=1`, 303)
  // An add form starts empty again; the others keep what was saved.
  const resetForm = input.intent === 'module-add' || input.intent === 'lesson-add'
  return data({ ok: true as const, result: submission.reply({ resetForm }), formKey })
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
        <MoveButton
          key={dir}
          intent={intent}
          fields={{ [idName]: id, dir }}
          disabled={dir === 'up' ? first : last}
        >
          <span aria-hidden="true">{dir === 'up' ? '↑' : '↓'}</span>
          <span className="sr-only">
            {t(dir === 'up' ? 'studio.course.moveUp' : 'studio.course.moveDown', {
              title: label,
            })}
          </span>
        </MoveButton>
      ))}
    </>
  )
}

function MoveButton({
  intent,
  fields,
  disabled,
  children,
}: {
  intent: string
  fields: Record<string, string>
  disabled: boolean
  children: ReactNode
}) {
  const [form] = useStudioForm(courseActionSchema, courseFormKey({ intent, ...fields }))
  return (
    <IntentForm form={form} intent={intent} fields={fields}>
      <StatusButton className="button-small button-secondary" disabled={disabled}>
        {children}
      </StatusButton>
    </IntentForm>
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
  const [form] = useStudioForm(courseActionSchema, courseFormKey({ intent, ...fields }))
  return (
    <IntentForm form={form} intent={intent} fields={fields}>
      <StatusButton className="button-small button-danger">
        {t('studio.remove')}
        <span className="sr-only"> {label}</span>
      </StatusButton>
    </IntentForm>
  )
}

/** The first message of a refused form, for the notice at the top of the page. */
function firstError(result: StudioFormReply['result']) {
  return Object.values(result?.error ?? {}).find((list) => list?.length)?.[0] ?? null
}

export default function StudioCourse() {
  const { course, competencies, jp } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [search] = useSearchParams()
  const { t } = useTranslation()
  const errorText = useErrorText()
  const base = `/studio/courses/${course.id}`
  const refused = actionData && !actionData.ok ? firstError(actionData.result) : null
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
      {refused ? (
        <Flash ok={false} message={errorText(refused)} testId="course-error" />
      ) : actionData?.ok || search.get('saved') ? (
        <Flash ok message={t('studio.course.saved')} testId="course-saved" />
      ) : null}

      <section aria-labelledby="meta-heading" className="card">
        <h2 id="meta-heading" style={{ marginTop: 0 }}>
          {t('studio.course.metaHeading')}
        </h2>
        <MetaForm course={course} jp={jp} />
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
        <CompetencyForm competencies={competencies} />
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
              <RenameModuleForm module={m} />
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
            <AddLessonForm module={m} />
          </div>
        ))}
        <AddModuleForm />
      </section>
    </>
  )
}

type CourseView = ReturnType<typeof useLoaderData<typeof loader>>['course']
type JpView = ReturnType<typeof useLoaderData<typeof loader>>['jp']

function MetaForm({ course, jp }: { course: CourseView; jp: JpView }) {
  const { t } = useTranslation()
  const [form, fields] = useStudioForm(
    courseActionSchema,
    courseFormKey({ intent: 'meta' }),
    courseMetaDefaults(course),
  )
  return (
    <IntentForm form={form} intent="meta" className="stack">
      <CourseMetaFields fields={fields} />
      {/* The JP the required lessons justify (decision 066): publishing needs the two to agree. */}
      {jp.ok ? (
        <p className="hint" data-testid="jp-derived">
          {t('studio.meta.jpHint', { ...jp, expected: jp.jp })}
        </p>
      ) : (
        <p className="alert alert-error" role="status" data-testid="jp-mismatch">
          {t('errors.codes.studio.jpMismatch', jp)}
        </p>
      )}
      <p className="hint">{t('studio.course.metaHint')}</p>
      <div>
        <StatusButton>{t('studio.save')}</StatusButton>
      </div>
    </IntentForm>
  )
}

function CompetencyForm({
  competencies,
}: {
  competencies: ReturnType<typeof useLoaderData<typeof loader>>['competencies']
}) {
  const { t } = useTranslation()
  const [form, fields] = useStudioForm(
    courseActionSchema,
    courseFormKey({ intent: 'competency-set' }),
    { level: '2' },
  )
  return (
    <IntentForm form={form} intent="competency-set" className="stack">
      <CompetencyLevelFields
        competencies={competencies}
        value="code"
        competency={{
          label: t('studio.course.competency'),
          selectProps: { ...getSelectProps(text(fields.code)), id: 'comp-code' },
          errors: fields.code?.errors,
        }}
        level={{
          label: t('studio.course.level'),
          selectProps: { ...getSelectProps(text(fields.level)), id: 'comp-level' },
          errors: fields.level?.errors,
        }}
      />
      <div>
        <StatusButton className="button-secondary">{t('studio.course.addCompetency')}</StatusButton>
      </div>
    </IntentForm>
  )
}

function RenameModuleForm({ module: m }: { module: CourseView['modules'][number] }) {
  const { t } = useTranslation()
  const intent = 'module-rename'
  const [form, fields] = useStudioForm(
    courseActionSchema,
    courseFormKey({ intent, moduleId: m.id }),
    {
      title: m.title,
    },
  )
  const title = text(fields.title)
  return (
    <IntentForm form={form} intent={intent} fields={{ moduleId: m.id }}>
      <label htmlFor={`rename-${m.id}`} className="sr-only">
        {t('studio.course.renameModule', { title: m.title })}
      </label>
      <input
        {...getInputProps(title, { type: 'text' })}
        id={`rename-${m.id}`}
        required
        minLength={3}
        maxLength={200}
      />
      <StatusButton className="button-small button-secondary">{t('studio.rename')}</StatusButton>
      <ErrorList id={title.errorId} errors={title.errors} />
    </IntentForm>
  )
}

function AddLessonForm({ module: m }: { module: CourseView['modules'][number] }) {
  const { t } = useTranslation()
  const intent = 'lesson-add'
  const [form, fields] = useStudioForm(
    courseActionSchema,
    courseFormKey({ intent, moduleId: m.id }),
    {
      title: '',
      kind: 'TEXT',
    },
  )
  return (
    <IntentForm form={form} intent={intent} fields={{ moduleId: m.id }} className="stack">
      <Field
        label={t('studio.course.lessonTitle')}
        inputProps={{
          ...getInputProps(text(fields.title), { type: 'text' }),
          id: `lesson-title-${m.id}`,
          required: true,
          minLength: 3,
          maxLength: 200,
        }}
        errors={fields.title?.errors}
      />
      <Field
        label={t('studio.course.lessonKind')}
        selectProps={{ ...getSelectProps(text(fields.kind)), id: `lesson-kind-${m.id}` }}
        errors={fields.kind?.errors}
      >
        <option value="TEXT">{t('studio.kind.TEXT')}</option>
        <option value="VIDEO">{t('studio.kind.VIDEO')}</option>
        <option value="QUIZ">{t('studio.kind.QUIZ')}</option>
      </Field>
      <p className="hint">{t('studio.course.quizHint')}</p>
      <div>
        <StatusButton className="button-secondary">
          {t('studio.course.addLesson')}
          <span className="sr-only"> ({m.title})</span>
        </StatusButton>
      </div>
    </IntentForm>
  )
}

function AddModuleForm() {
  const { t } = useTranslation()
  const [form, fields] = useStudioForm(
    courseActionSchema,
    courseFormKey({ intent: 'module-add' }),
    {
      title: '',
    },
  )
  return (
    <IntentForm form={form} intent="module-add" className="card stack">
      <Field
        label={t('studio.course.moduleTitle')}
        inputProps={{
          ...getInputProps(text(fields.title), { type: 'text' }),
          id: 'module-title',
          required: true,
          minLength: 3,
          maxLength: 200,
        }}
        errors={fields.title?.errors}
      />
      <div>
        <StatusButton className="button-secondary">{t('studio.course.addModule')}</StatusButton>
      </div>
    </IntentForm>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
