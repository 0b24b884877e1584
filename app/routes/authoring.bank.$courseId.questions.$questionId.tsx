import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
} from '@conform-to/react'
import { parseWithZod } from '~/utils/conform'
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ErrorList, Field, StatusButton } from '~/components/forms'
import { CompetencyLevelFields } from '~/components/competency-fields'
import { courseBank, questionOfCourse, saveQuestion } from '~/models/question-bank.server'
import { requireTeaching } from '~/models/studio.server'
import {
  formToContent,
  OPTION_ROWS,
  QUESTION_TYPES,
  questionFormSchema,
} from '~/schemas/question-bank'
import { requireRole } from '~/utils/auth.server'
import { AppError } from '~/utils/errors'
import { pageTitle } from '~/utils/meta'
import { readForm, withAppErrors } from '~/utils/route-errors.server'

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, { key: data?.question ? 'bank.editTitle' : 'bank.newTitle' })

const NEW = 'baru'

export const loader = withAppErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireRole(request, 'INSTRUCTOR', 'ADMIN')
  const course = await requireTeaching(user, params.courseId!)
  const question =
    params.questionId === NEW ? null : await questionOfCourse(course.id, params.questionId!)
  const { categories, competencies } = await courseBank(course.id)
  const wanted = new URL(request.url).searchParams.get('category')
  const c = question?.content
  const tf = c?.type === 'TRUE_FALSE'
  const defaults = {
    categoryId:
      question?.categoryId ??
      categories.find((x) => x.id === wanted)?.id ??
      categories[0]?.id ??
      '',
    type: c?.type ?? 'SINGLE',
    competencyId: c?.competencyId ?? competencies[0]?.id ?? '',
    level: String(c?.level ?? competencies[0]?.targetLevel ?? 2),
    points: String(c?.points ?? 1),
    text: c?.text ?? '',
    feedback: c?.feedback ?? '',
    options: Array.from({ length: OPTION_ROWS }, (_, i) => {
      const o = tf ? undefined : c?.options[i]
      return { text: o?.text ?? '', correct: o?.correct ? 'on' : '', feedback: o?.feedback ?? '' }
    }),
    tfAnswer: tf ? (c.options.find((o) => o.correct)?.text === 'Benar' ? 'true' : 'false') : '',
    tfFeedbackTrue: tf ? (c.options.find((o) => o.text === 'Benar')?.feedback ?? '') : '',
    tfFeedbackFalse: tf ? (c.options.find((o) => o.text === 'Salah')?.feedback ?? '') : '',
    acceptedAnswers: c?.acceptedAnswers.join('\n') ?? '',
    numericAnswer: c?.numericAnswer != null ? String(c.numericAnswer) : '',
    tolerance: c?.tolerance != null ? String(c.tolerance) : '',
  }
  return {
    course,
    question: question
      ? { id: question.id, version: question.version, versions: question.versions }
      : null,
    categories: categories.map((x) => ({ id: x.id, name: x.name })),
    competencies,
    defaults,
  }
})

export const action = withAppErrors(async ({ request, params }: ActionFunctionArgs) => {
  const user = await requireRole(request, 'INSTRUCTOR', 'ADMIN')
  const course = await requireTeaching(user, params.courseId!)
  const questionId = params.questionId === NEW ? null : params.questionId!
  const submission = parseWithZod(await readForm(request), { schema: questionFormSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  try {
    const saved = await saveQuestion(
      course.id,
      questionId,
      submission.value.categoryId,
      formToContent(submission.value),
    )
    return redirect(`/authoring/bank/${course.id}?saved=${saved.created ? 1 : 0}`)
  } catch (e) {
    if (e instanceof AppError && e.status === 400)
      return data(
        { result: submission.reply({ fieldErrors: { [e.field ?? '']: [e.code] } }) },
        { status: 400 },
      )
    throw e
  }
})

export default function QuestionEditor() {
  const { course, question, categories, competencies, defaults } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'question-form',
    lastResult: actionData?.result,
    defaultValue: defaults,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: questionFormSchema }),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onBlur',
  })
  const options = fields.options.getFieldList()
  const base = `/authoring/bank/${course.id}`
  return (
    <>
      <p>
        <Link to={base}>← {t('bank.courseTitle', { title: course.title })}</Link>
      </p>
      <h1>{question ? t('bank.editTitle') : t('bank.newTitle')}</h1>
      {question ? (
        <p className="muted" data-testid="question-version">
          {t('bank.versionNote', { version: question.version })}{' '}
          <Link to={`${base}/questions/${question.id}/preview`}>{t('bank.preview')}</Link>
        </p>
      ) : (
        <p className="muted">{t('bank.newNote')}</p>
      )}
      {categories.length === 0 ? (
        <p className="alert alert-error">{t('bank.needCategory')}</p>
      ) : null}
      <Form method="post" {...getFormProps(form)} noValidate>
        <ErrorList errors={form.errors} />
        <Field
          label={t('bank.category')}
          selectProps={getSelectProps(fields.categoryId)}
          errors={fields.categoryId.errors}
        >
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </Field>
        <Field
          label={t('bank.type')}
          selectProps={getSelectProps(fields.type)}
          errors={fields.type.errors}
        >
          {QUESTION_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`bank.types.${type}`)}
            </option>
          ))}
        </Field>
        <CompetencyLevelFields
          competencies={competencies}
          competency={{
            label: t('bank.competency'),
            selectProps: getSelectProps(fields.competencyId),
            errors: fields.competencyId.errors,
          }}
          level={{
            label: t('bank.level'),
            selectProps: getSelectProps(fields.level),
            errors: fields.level.errors,
          }}
        />
        <Field
          label={t('bank.points')}
          hint={t('bank.pointsHint')}
          inputProps={{ ...getInputProps(fields.points, { type: 'text' }), inputMode: 'decimal' }}
          errors={fields.points.errors}
        />
        <div className="field">
          <label htmlFor={fields.text.id}>{t('bank.text')}</label>
          <textarea {...getTextareaProps(fields.text)} rows={5} />
          <ErrorList id={fields.text.errorId} errors={fields.text.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.feedback.id}>
            {t('bank.feedback')} <span className="hint">{t('bank.feedbackHint')}</span>
          </label>
          <textarea {...getTextareaProps(fields.feedback)} rows={3} />
          <ErrorList id={fields.feedback.errorId} errors={fields.feedback.errors} />
        </div>

        <fieldset>
          <legend>{t('bank.choiceSection')}</legend>
          <p className="hint">{t('bank.choiceHint')}</p>
          <ErrorList id={fields.options.errorId} errors={fields.options.errors} />
          {options.map((o, i) => {
            const f = o.getFieldset()
            return (
              <div key={o.key} className="card" data-testid="option-row">
                <Field
                  label={t('bank.optionText', { n: i + 1 })}
                  inputProps={getInputProps(f.text, { type: 'text' })}
                  errors={f.text.errors}
                />
                <div className="field">
                  <label>
                    <input {...getInputProps(f.correct, { type: 'checkbox' })} />{' '}
                    {t('bank.optionCorrect', { n: i + 1 })}
                  </label>
                </div>
                <Field
                  label={t('bank.optionFeedback', { n: i + 1 })}
                  inputProps={getInputProps(f.feedback, { type: 'text' })}
                  errors={f.feedback.errors}
                />
              </div>
            )
          })}
        </fieldset>

        <fieldset>
          <legend>{t('bank.tfSection')}</legend>
          <Field
            label={t('bank.tfAnswer')}
            selectProps={getSelectProps(fields.tfAnswer)}
            errors={fields.tfAnswer.errors}
          >
            <option value="">—</option>
            <option value="true">{t('bank.true')}</option>
            <option value="false">{t('bank.false')}</option>
          </Field>
          <Field
            label={t('bank.tfFeedbackTrue')}
            inputProps={getInputProps(fields.tfFeedbackTrue, { type: 'text' })}
            errors={fields.tfFeedbackTrue.errors}
          />
          <Field
            label={t('bank.tfFeedbackFalse')}
            inputProps={getInputProps(fields.tfFeedbackFalse, { type: 'text' })}
            errors={fields.tfFeedbackFalse.errors}
          />
        </fieldset>

        <fieldset>
          <legend>{t('bank.shortSection')}</legend>
          <div className="field">
            <label htmlFor={fields.acceptedAnswers.id}>
              {t('bank.accepted')} <span className="hint">{t('bank.acceptedHint')}</span>
            </label>
            <textarea {...getTextareaProps(fields.acceptedAnswers)} rows={3} />
            <ErrorList id={fields.acceptedAnswers.errorId} errors={fields.acceptedAnswers.errors} />
          </div>
        </fieldset>

        <fieldset>
          <legend>{t('bank.numericSection')}</legend>
          <Field
            label={t('bank.numericAnswer')}
            inputProps={{
              ...getInputProps(fields.numericAnswer, { type: 'text' }),
              inputMode: 'decimal',
            }}
            errors={fields.numericAnswer.errors}
          />
          <Field
            label={t('bank.tolerance')}
            hint={t('bank.toleranceHint')}
            inputProps={{
              ...getInputProps(fields.tolerance, { type: 'text' }),
              inputMode: 'decimal',
            }}
            errors={fields.tolerance.errors}
          />
        </fieldset>
        <p className="hint">{t('bank.essayHint')}</p>
        <StatusButton pendingLabel={t('bank.saving')}>
          {question ? t('bank.saveVersion') : t('bank.saveNew')}
        </StatusButton>
      </Form>
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
