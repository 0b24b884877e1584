import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { parseWithZod } from '~/utils/conform'
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Flash } from '~/components/flash'
import { Field, StatusButton, ErrorList } from '~/components/forms'
import { TableWrap } from '~/components/table'
import { addCategorySlot, courseBank, createCategory } from '~/models/question-bank.server'
import { requireTeaching } from '~/models/studio.server'
import { categoryFormSchema, slotFormSchema } from '~/schemas/question-bank'
import { requireRole } from '~/utils/auth.server'
import { AppError } from '~/utils/errors'
import { pageTitle } from '~/utils/meta'
import { readForm, withAppErrors } from '~/utils/route-errors.server'

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, { key: 'bank.courseTitle', params: { title: data?.course.title ?? '' } })

export const loader = withAppErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireRole(request, 'INSTRUCTOR', 'ADMIN')
  const course = await requireTeaching(user, params.courseId!)
  const bank = await courseBank(course.id)
  const url = new URL(request.url)
  const imported = url.searchParams.get('imported')
  const saved = url.searchParams.get('saved')
  return {
    course,
    ...bank,
    notice:
      imported !== null && /^\d{1,5}:\d{1,5}$/.test(imported)
        ? {
            key: 'bank.importDone',
            created: imported.split(':')[0],
            unchanged: imported.split(':')[1],
          }
        : saved === '1'
          ? { key: 'bank.questionSaved' }
          : saved === '0'
            ? { key: 'bank.questionUnchanged' }
            : null,
  }
})

const actionSchema = z.discriminatedUnion('intent', [categoryFormSchema, slotFormSchema])

export const action = withAppErrors(async ({ request, params }: ActionFunctionArgs) => {
  const user = await requireRole(request, 'INSTRUCTOR', 'ADMIN')
  const course = await requireTeaching(user, params.courseId!)
  const submission = parseWithZod(await readForm(request), { schema: actionSchema })
  if (submission.status !== 'success')
    return data({ result: submission.reply(), done: null }, { status: 400 })
  try {
    if (submission.value.intent === 'category') {
      await createCategory(course.id, submission.value.name)
      return { result: submission.reply({ resetForm: true }), done: 'bank.categoryCreated' }
    }
    const v = submission.value
    await addCategorySlot(course.id, v.quizId, v.categoryId, v.drawCount)
    return { result: submission.reply({ resetForm: true }), done: 'bank.slotAdded' }
  } catch (e) {
    if (e instanceof AppError && e.status === 400) {
      const reply = submission.reply({
        fieldErrors: { [e.field ?? '']: [e.code] },
      })
      return data({ result: reply, done: null, params: e.params }, { status: 400 })
    }
    throw e
  }
})

const TYPE_KEYS = {
  SINGLE: 'bank.types.SINGLE',
  MULTIPLE: 'bank.types.MULTIPLE',
  TRUE_FALSE: 'bank.types.TRUE_FALSE',
  SHORT: 'bank.types.SHORT',
  NUMERIC: 'bank.types.NUMERIC',
  ESSAY: 'bank.types.ESSAY',
} as const

export default function CourseBank() {
  const { course, categories, quizzes, notice } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const intent = (actionData?.result?.initialValue as { intent?: string } | undefined)?.intent
  const [catForm, catFields] = useForm({
    id: 'category-form',
    lastResult: intent === 'category' ? actionData?.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: categoryFormSchema }),
    shouldRevalidate: 'onBlur',
  })
  const [slotForm, slotFields] = useForm({
    id: 'slot-form',
    lastResult: intent === 'slot' ? actionData?.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: slotFormSchema }),
    shouldRevalidate: 'onBlur',
  })
  const errorParams: Record<string, string | number> =
    ((actionData && 'params' in actionData ? actionData.params : undefined) as
      Record<string, string | number> | undefined) ?? {}
  const translate = (errors?: string[]) =>
    errors?.map((e) =>
      e.startsWith('bank.v.')
        ? t(e)
        : e.startsWith('bank.')
          ? t(`errors.codes.${e}`, errorParams)
          : e,
    )
  const base = `/authoring/bank/${course.id}`
  return (
    <>
      <p>
        <Link to="/authoring/bank">← {t('bank.title')}</Link>
      </p>
      <h1>{t('bank.courseTitle', { title: course.title })}</h1>
      {notice ? <Flash ok message={t(notice.key, notice)} testId="bank-notice" /> : null}
      {actionData?.done ? <Flash ok message={t(actionData.done)} testId="bank-notice" /> : null}
      <p className="hint" data-testid="bank-draft-hint">
        {t('bank.draftHint')}{' '}
        <Link to={`/studio/courses/${course.id}/publish`}>{t('bank.publishLink')}</Link>
      </p>
      <p className="actions">
        <Link className="button" to={`${base}/questions/baru`}>
          {t('bank.newQuestion')}
        </Link>{' '}
        <Link to={`${base}/import`}>{t('bank.import')}</Link>{' '}
        <a href={`${base}/export`} download>
          {t('bank.export')}
        </a>
      </p>

      <h2>{t('bank.quizzes')}</h2>
      {quizzes.length === 0 ? (
        <p className="muted">{t('bank.noQuizzes')}</p>
      ) : (
        <ul>
          {quizzes.map((q) => (
            <li key={q.id}>
              <strong>{q.title}</strong>:{' '}
              {q.slots
                .map((s) =>
                  s.category
                    ? t('bank.slotCategory', { count: s.drawCount, category: s.category })
                    : t('bank.slotQuestion'),
                )
                .join('; ')}
              <br />
              <Link to={`/authoring/quizzes/${q.id}`}>{t('bank.quizSettings')}</Link> ·{' '}
              <Link to={`/authoring/analysis/${q.id}`}>{t('bank.analysis')}</Link>
            </li>
          ))}
        </ul>
      )}

      {quizzes.length > 0 && categories.length > 0 ? (
        <Form method="post" {...getFormProps(slotForm)} className="card">
          <h3>{t('bank.addSlot')}</h3>
          <p className="muted">{t('bank.addSlotHint')}</p>
          <Field
            label={t('bank.quiz')}
            selectProps={getSelectProps(slotFields.quizId)}
            errors={translate(slotFields.quizId.errors)}
          >
            {quizzes.map((q) => (
              <option key={q.id} value={q.id}>
                {q.title}
              </option>
            ))}
          </Field>
          <Field
            label={t('bank.category')}
            selectProps={getSelectProps(slotFields.categoryId)}
            errors={translate(slotFields.categoryId.errors)}
          >
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.questions.length})
              </option>
            ))}
          </Field>
          <Field
            label={t('bank.drawCount')}
            inputProps={{
              ...getInputProps(slotFields.drawCount, { type: 'number' }),
              min: 1,
              max: 100,
            }}
            errors={translate(slotFields.drawCount.errors)}
          />
          <StatusButton intent="slot">{t('bank.addSlotButton')}</StatusButton>
        </Form>
      ) : null}

      <h2>{t('bank.categories')}</h2>
      {categories.length === 0 ? <p className="muted">{t('bank.noCategories')}</p> : null}
      {categories.map((c) => (
        <section key={c.id} aria-labelledby={`cat-${c.id}`}>
          <h3 id={`cat-${c.id}`}>
            {c.name}{' '}
            <span className="muted">
              ({t('bank.questionCount', { count: c.questions.length })})
            </span>
          </h3>
          <p>
            <Link to={`${base}/questions/baru?category=${c.id}`}>
              {t('bank.newQuestionIn', { category: c.name })}
            </Link>
          </p>
          {c.questions.length ? (
            <TableWrap label={t('bank.questionsOf', { category: c.name })}>
              <table>
                <caption className="sr-only">{t('bank.questionsOf', { category: c.name })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('bank.question')}</th>
                    <th scope="col">{t('bank.type')}</th>
                    <th scope="col">{t('bank.competencyLevel')}</th>
                    <th scope="col">{t('bank.version')}</th>
                    <th scope="col">{t('bank.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {c.questions.map((q) => (
                    <tr key={q.id} data-testid="bank-question">
                      <td>{q.currentVersion ? short(q.currentVersion.text) : '—'}</td>
                      <td>{q.currentVersion ? t(TYPE_KEYS[q.currentVersion.type]) : '—'}</td>
                      <td>
                        {q.currentVersion?.competency.code} · {q.currentVersion?.level}
                      </td>
                      <td>{q.currentVersion?.version}</td>
                      <td>
                        <Link
                          to={`${base}/questions/${q.id}`}
                          aria-label={t('bank.editLabel', {
                            text: short(q.currentVersion?.text ?? '', 40),
                          })}
                        >
                          {t('bank.edit')}
                        </Link>{' '}
                        ·{' '}
                        <Link
                          to={`${base}/questions/${q.id}/preview`}
                          aria-label={t('bank.previewLabel', {
                            text: short(q.currentVersion?.text ?? '', 40),
                          })}
                        >
                          {t('bank.preview')}
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          ) : null}
        </section>
      ))}

      <Form method="post" {...getFormProps(catForm)} className="card">
        <h3>{t('bank.newCategory')}</h3>
        <Field
          label={t('bank.categoryName')}
          hint={t('bank.categoryNameHint')}
          inputProps={getInputProps(catFields.name, { type: 'text' })}
          errors={translate(catFields.name.errors)}
        />
        <ErrorList errors={translate(catForm.errors)} />
        <StatusButton intent="category">{t('bank.createCategory')}</StatusButton>
      </Form>
    </>
  )
}

function short(s: string, n = 90) {
  const flat = s.replace(/\s+/g, ' ').trim()
  return flat.length > n ? `${flat.slice(0, n - 1)}…` : flat
}

export const ErrorBoundary = GeneralErrorBoundary
