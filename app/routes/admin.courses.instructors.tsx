// Admin: who teaches which course. An instructor grades essays and regrades quizzes only of the
// courses they are assigned to here. Works without JavaScript (plain forms).
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '~/utils/conform'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Flash } from '~/components/flash'
import { Field, StatusButton } from '~/components/forms'
import { messageKey } from '~/utils/errors'
import i18next from '~/i18next.server'
import {
  assignInstructor,
  coursesWithInstructors,
  InstructorError,
  removeInstructor,
} from '~/models/course-instructor.server'
import {
  instructorAddSchema,
  instructorFormSchema,
  instructorRemoveSchema,
} from '~/schemas/course-instructor'
import { requireRole } from '~/utils/auth.server'
import { readForm } from '~/utils/route-errors.server'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'ADMIN')
  return { courses: await coursesWithInstructors() }
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, 'ADMIN')
  const t = await i18next.getFixedT(request)
  const submission = parseWithZod(await readForm(request), { schema: instructorFormSchema })
  if (submission.status !== 'success') {
    const courseId = submission.payload.courseId
    return data(
      {
        ok: false,
        message: t('errors.status.400'),
        courseId: typeof courseId === 'string' ? courseId : null,
        result: submission.reply(),
      },
      { status: 400 },
    )
  }
  const input = submission.value
  try {
    if (input.intent === 'add') {
      await assignInstructor(input.courseId, input.who, admin.id)
      return {
        ok: true,
        message: t('assess.instructors.added'),
        courseId: input.courseId,
        result: submission.reply({ resetForm: true }),
      }
    }
    await removeInstructor(input.courseId, input.userId)
    return {
      ok: true,
      message: t('assess.instructors.removed'),
      courseId: input.courseId,
      result: submission.reply(),
    }
  } catch (e) {
    if (e instanceof InstructorError) {
      const message = t(messageKey(e.code), e.params)
      return data(
        {
          ok: false,
          message,
          courseId: input.courseId,
          result: submission.reply(
            input.intent === 'add'
              ? { fieldErrors: { who: [message] } }
              : { formErrors: [message] },
          ),
        },
        { status: e.status },
      )
    }
    throw e
  }
}

type Result = ReturnType<typeof useActionData<typeof action>>

/** One course's "add an instructor" form; the reply of the last action shows on its course only. */
function AddInstructor({ courseId, result }: { courseId: string; result: Result }) {
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: `instructor-add-${courseId}`,
    lastResult: result?.courseId === courseId ? result.result : undefined,
    defaultValue: { intent: 'add', courseId, who: '' },
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: instructorAddSchema }),
  })
  return (
    <Form method="post" {...getFormProps(form)}>
      <input {...getInputProps(fields.courseId, { type: 'hidden' })} />
      <Field
        label={t('assess.instructors.who')}
        inputProps={{
          ...getInputProps(fields.who, { type: 'text' }),
          maxLength: 200,
          required: true,
        }}
        errors={fields.who.errors}
      />
      <StatusButton intent="add">{t('assess.instructors.add')}</StatusButton>
    </Form>
  )
}

/** Removes one instructor from a course (a one-button form). */
function RemoveInstructor({
  courseId,
  user,
}: {
  courseId: string
  user: { id: string; name: string; nip: string }
}) {
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: `instructor-remove-${courseId}-${user.id}`,
    defaultValue: { intent: 'remove', courseId, userId: user.id },
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: instructorRemoveSchema }),
  })
  return (
    <Form method="post" style={{ display: 'inline' }} {...getFormProps(form)}>
      {user.name} (NIP {user.nip}) <input {...getInputProps(fields.courseId, { type: 'hidden' })} />
      <input {...getInputProps(fields.userId, { type: 'hidden' })} />
      <StatusButton
        intent="remove"
        className="button-secondary"
        aria-label={`${t('assess.instructors.remove')}: ${user.name}`}
      >
        {t('assess.instructors.remove')}
      </StatusButton>
    </Form>
  )
}

export default function CourseInstructors() {
  const { courses } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <>
      <h1>{t('assess.instructors.title')}</h1>
      {result ? (
        <Flash ok={result.ok} message={result.message} testId="instructors-message" />
      ) : null}
      {courses.map((c) => (
        <section className="card" key={c.id} data-testid={`course-${c.slug}`}>
          <h2>{c.title}</h2>
          {c.instructors.length ? (
            <ul>
              {c.instructors.map(({ user }) => (
                <li key={user.id}>
                  <RemoveInstructor courseId={c.id} user={user} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('assess.instructors.none')}</p>
          )}
          <AddInstructor courseId={c.id} result={result} />
        </section>
      ))}
    </>
  )
}
