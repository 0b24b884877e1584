// Admin: who teaches which course. An instructor grades essays and regrades quizzes only of the
// courses they are assigned to here. Works without JavaScript (plain forms).
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { Flash } from '~/components/flash'
import i18next from '~/i18next.server'
import {
  assignInstructor,
  coursesWithInstructors,
  InstructorError,
  removeInstructor,
} from '~/models/course-instructor.server'
import { requireRole } from '~/utils/auth.server'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'ADMIN')
  return { courses: await coursesWithInstructors() }
}

const schema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('add'),
    courseId: z.string().min(1),
    who: z.string().trim().min(1, 'Isi NIP atau surel pengajar.').max(200),
  }),
  z.object({
    intent: z.literal('remove'),
    courseId: z.string().min(1),
    userId: z.string().min(1),
  }),
])

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, 'ADMIN')
  const t = await i18next.getFixedT(request)
  const parsed = schema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success)
    return data(
      { ok: false, message: parsed.error.issues[0]!.message, courseId: null },
      { status: 400 },
    )
  const input = parsed.data
  try {
    if (input.intent === 'add') {
      await assignInstructor(input.courseId, input.who, admin.id)
      return { ok: true, message: t('assess.instructors.added'), courseId: input.courseId }
    }
    await removeInstructor(input.courseId, input.userId)
    return { ok: true, message: t('assess.instructors.removed'), courseId: input.courseId }
  } catch (e) {
    if (e instanceof InstructorError)
      return data(
        {
          ok: false,
          message: e.code ? t(`assess.instructors.${e.code}`) : e.message,
          courseId: input.courseId,
        },
        { status: e.status },
      )
    throw e
  }
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
                  <Form method="post" style={{ display: 'inline' }}>
                    {user.name} (NIP {user.nip}){' '}
                    <input type="hidden" name="courseId" value={c.id} />
                    <input type="hidden" name="userId" value={user.id} />
                    <button
                      type="submit"
                      name="intent"
                      value="remove"
                      className="button-secondary"
                      aria-label={`${t('assess.instructors.remove')}: ${user.name}`}
                    >
                      {t('assess.instructors.remove')}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('assess.instructors.none')}</p>
          )}
          <Form method="post">
            <input type="hidden" name="courseId" value={c.id} />
            <div className="field">
              <label htmlFor={`who-${c.id}`}>{t('assess.instructors.who')}</label>
              <input id={`who-${c.id}`} name="who" type="text" maxLength={200} required />
            </div>
            <button type="submit" name="intent" value="add">
              {t('assess.instructors.add')}
            </button>
          </Form>
        </section>
      ))}
    </>
  )
}
