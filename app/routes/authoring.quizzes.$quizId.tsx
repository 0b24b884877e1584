import {
  getFormProps,
  getInputProps,
  getSelectProps,
  useForm,
  type FieldMetadata,
  type SubmissionResult,
} from '@conform-to/react'
import { parseWithZod } from '~/utils/conform'
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Flash } from '~/components/flash'
import { useErrorText } from '~/components/forms'
import { GRADING_METHODS } from '~/domain/grading-method'
import {
  NOT_INSTRUCTOR_MESSAGE,
  quizSettingsFor,
  settingsFormDefaults,
  updateQuizSettings,
} from '~/models/quiz-settings.server'
import { drawField, quizSettingsSchema, type QuizSettingsValue } from '~/schemas/quiz-settings'
import { FieldError } from '~/models/user.server'
import { RegradeError, regradesOf, requestRegrade } from '~/jobs/regrade-quiz.server'
import { requireRole } from '~/utils/auth.server'
import { ForbiddenError, NotFoundError } from '~/utils/errors'
import { pageTitle } from '~/utils/meta'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, {
    key: 'screens.quizSettings.title',
    params: { lesson: data?.quiz.lessonTitle ?? '' },
  })

const NOT_FOUND = 'quiz.notFound'
const REGRADE_QUEUED = 'assess.regrade.queued'

/** The quiz, for an admin or an instructor of its course only (404 / 403 otherwise). */
async function settingsFor(request: Request, quizId: string) {
  const user = await requireRole(request, 'INSTRUCTOR', 'ADMIN')
  const { quiz, forbidden } = await quizSettingsFor(quizId, user)
  if (forbidden) throw data(new ForbiddenError(NOT_INSTRUCTOR_MESSAGE).toPayload(), { status: 403 })
  if (!quiz) throw data(new NotFoundError(NOT_FOUND).toPayload(), { status: 404 })
  return { user, quiz }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { quiz } = await settingsFor(request, params.quizId!)
  return {
    quiz: {
      id: quiz.id,
      courseTitle: quiz.courseTitle,
      courseSlug: quiz.courseSlug,
      lessonTitle: quiz.lessonTitle,
      questionCount: quiz.questionCount,
      attemptsInProgress: quiz.attemptsInProgress,
      slots: quiz.slots.map((s) => ({ ...s, field: drawField(s.id) })),
    },
    defaults: settingsFormDefaults(quiz),
    regrades: await regradesOf(quiz.id),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, quiz } = await settingsFor(request, params.quizId!)
  const form = await request.formData()
  if (form.get('intent') === 'regrade') {
    // The explicit, audited regrade: earlier attempts take the current pass mark and method.
    try {
      await requestRegrade(quiz.id, user)
      return { result: undefined, saved: false, regrade: { ok: true, message: REGRADE_QUEUED } }
    } catch (e) {
      if (e instanceof RegradeError)
        return data(
          { result: undefined, saved: false, regrade: { ok: false, message: e.message } },
          { status: e.status },
        )
      throw e
    }
  }
  const submission = parseWithZod(form, {
    schema: quizSettingsSchema(quiz.slots),
  })
  if (submission.status !== 'success')
    return data({ result: submission.reply(), saved: false, regrade: null }, { status: 400 })
  try {
    const saved = await updateQuizSettings(quiz.id, submission.value, user.id)
    if (!saved) throw data(new NotFoundError(NOT_FOUND).toPayload(), { status: 404 })
    return { result: submission.reply(), saved: true, regrade: null }
  } catch (e) {
    if (e instanceof FieldError) {
      const reply = e.field
        ? submission.reply({ fieldErrors: { [e.field]: [e.message] } })
        : submission.reply({ formErrors: [e.message] })
      return data({ result: reply, saved: false, regrade: null }, { status: 400 })
    }
    throw e
  }
}

const K = 'screens.quizSettings.'

/** The shared stylesheet styles text and number inputs only; date-time inputs look the same. */
const dateTimeStyle = {
  font: 'inherit',
  padding: '0.5rem 0.6rem',
  border: '1px solid #8a96a6',
  borderRadius: '4px',
  background: '#fff',
  color: 'var(--ink)',
} as const

const reviewKeys = ['score', 'correct', 'feedback'] as const

function FieldErrorText({ field }: { field: FieldMetadata<unknown> }) {
  const errorText = useErrorText()
  return field.errors ? (
    <p className="field-error" id={field.errorId} role="alert">
      {field.errors.map(errorText).join(' ')}
    </p>
  ) : null
}

/** A labelled field with its hint (the input's description) and its error. */
function Field({
  field,
  label,
  hint,
  children,
}: {
  field: FieldMetadata<unknown>
  label: string
  hint: string
  children: ReactNode
}) {
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <p className="hint" id={field.descriptionId} style={{ margin: 0 }}>
        {hint}
      </p>
      {children}
      <FieldErrorText field={field} />
    </div>
  )
}

/** A whole-number input between `min` and `max`, described by its hint. */
function numberInputProps(field: FieldMetadata<unknown>, min: number, max: number) {
  return {
    ...getInputProps(field as FieldMetadata<string>, {
      type: 'number',
      ariaDescribedBy: field.descriptionId,
    }),
    min,
    max,
    step: 1,
    inputMode: 'numeric' as const,
  }
}

export default function QuizSettingsPage() {
  const { quiz, defaults, regrades } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const saved = actionData?.saved === true
  const { t, i18n } = useTranslation()
  const errorText = useErrorText()
  return (
    <>
      <p>
        <Link to="/authoring">{t('screens.quizSettings.back')}</Link>
      </p>
      <h1>{t('screens.quizSettings.title', { lesson: quiz.lessonTitle })}</h1>
      <dl className="facts card">
        <dt>{t('screens.quizSettings.course')}</dt>
        <dd>{quiz.courseTitle}</dd>
        <dt>{t('screens.quizSettings.lesson')}</dt>
        <dd>{quiz.lessonTitle}</dd>
        <dt>{t('screens.quizSettings.questionCount')}</dt>
        <dd>{quiz.questionCount}</dd>
      </dl>
      <p className="muted">
        {t('screens.quizSettings.explain')}
        {quiz.attemptsInProgress > 0
          ? ` ${t('screens.quizSettings.inProgress', { count: quiz.attemptsInProgress })}`
          : null}
      </p>

      {saved ? (
        <Flash ok message={t('screens.quizSettings.saved')} testId="settings-saved" />
      ) : null}

      {/* After a save the fields keep what was submitted, which is what is now stored. */}
      <SettingsForm quiz={quiz} defaults={defaults} lastResult={actionData?.result} />

      <section className="card" aria-labelledby="regrade-heading">
        <h2 id="regrade-heading">{t('screens.quizSettings.regradeHeading')}</h2>
        {actionData?.regrade ? (
          <Flash
            ok={actionData.regrade.ok}
            message={errorText(actionData.regrade.message)}
            testId="regrade-message"
          />
        ) : null}
        {/* form-kit: intent only (decision 042) */}
        <Form method="post">
          <button type="submit" name="intent" value="regrade" className="button-secondary">
            {t('screens.quizSettings.regradeButton')}
          </button>
        </Form>
        {regrades.length ? (
          <ul data-testid="regrades">
            {regrades.map((r) => (
              <li key={r.id}>
                {t('screens.quizSettings.regradeLine', {
                  at: new Date(r.requestedAt).toLocaleString(
                    i18n.language === 'en' ? 'en-GB' : 'id-ID',
                    {
                      timeZone: 'Asia/Jakarta',
                    },
                  ),
                  who: r.requestedBy.name,
                  passMark: r.passMark,
                  method: t(`domain.gradingMethod.option.${r.gradingMethod}`),
                  state: r.finishedAt
                    ? t('screens.quizSettings.regradeDone', {
                        count: Array.isArray(r.changes) ? r.changes.length : 0,
                      })
                    : t('screens.quizSettings.regradeWaiting'),
                })}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </>
  )
}

function SettingsForm({
  quiz,
  defaults,
  lastResult,
}: {
  quiz: ReturnType<typeof useLoaderData<typeof loader>>['quiz']
  defaults: ReturnType<typeof useLoaderData<typeof loader>>['defaults']
  lastResult?: SubmissionResult<string[]>
}) {
  const navigation = useNavigation()
  const { t } = useTranslation()
  const errorText = useErrorText()
  const busy = navigation.state === 'submitting'
  const [form, fields] = useForm<typeof defaults, QuizSettingsValue>({
    id: 'quiz-settings',
    lastResult,
    defaultValue: defaults,
    shouldValidate: 'onSubmit',
    // The same schema as the action (app/schemas/quiz-settings.ts), so errors show before a trip.
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema: quizSettingsSchema(quiz.slots) }),
  })
  const afterSubmit = fields.reviewAfterSubmit.getFieldset()
  const afterClose = fields.reviewAfterClose.getFieldset()
  const categorySlots = quiz.slots.filter((s) => s.kind === 'CATEGORY')

  return (
    <Form method="post" className="stack" style={{ maxWidth: '48rem' }} {...getFormProps(form)}>
      {/* Refused by the server, or by the same schema in the browser before any trip. */}
      {Object.keys(form.allErrors).length > 0 ? (
        <Flash ok={false} message={t('screens.quizSettings.notSaved')} testId="settings-error" />
      ) : null}
      {form.errors?.length ? (
        <p className="alert alert-error" role="alert" id={form.errorId}>
          {form.errors.map(errorText).join(' ')}
        </p>
      ) : null}

      <fieldset className="card" style={{ display: 'grid', gap: '0.9rem' }}>
        <legend>{t(`${K}grading`)}</legend>
        <Field field={fields.passMark} label={t(`${K}passMark`)} hint={t(`${K}passMarkHint`)}>
          <input {...numberInputProps(fields.passMark, 0, 100)} />
        </Field>
        <Field
          field={fields.attemptsAllowed}
          label={t(`${K}attempts`)}
          hint={t(`${K}attemptsHint`)}
        >
          <input {...numberInputProps(fields.attemptsAllowed, 0, 20)} />
        </Field>
        <Field field={fields.gradingMethod} label={t(`${K}method`)} hint={t(`${K}methodHint`)}>
          <select
            {...getSelectProps(fields.gradingMethod, {
              ariaDescribedBy: fields.gradingMethod.descriptionId,
            })}
          >
            {GRADING_METHODS.map((value) => (
              <option key={value} value={value}>
                {t(`domain.gradingMethod.option.${value}`)}
              </option>
            ))}
          </select>
        </Field>
      </fieldset>

      <fieldset className="card" style={{ display: 'grid', gap: '0.9rem' }}>
        <legend>{t(`${K}time`)}</legend>
        <Field
          field={fields.timeLimitMinutes}
          label={t(`${K}timeLimit`)}
          hint={t(`${K}timeLimitHint`)}
        >
          <input {...numberInputProps(fields.timeLimitMinutes, 1, 600)} />
        </Field>
        <Field field={fields.openAt} label={t(`${K}openAt`)} hint={t(`${K}openAtHint`)}>
          <input
            {...getInputProps(fields.openAt, {
              type: 'datetime-local',
              ariaDescribedBy: fields.openAt.descriptionId,
            })}
            style={dateTimeStyle}
          />
        </Field>
        <Field field={fields.closeAt} label={t(`${K}closeAt`)} hint={t(`${K}closeAtHint`)}>
          <input
            {...getInputProps(fields.closeAt, {
              type: 'datetime-local',
              ariaDescribedBy: fields.closeAt.descriptionId,
            })}
            style={dateTimeStyle}
          />
        </Field>
      </fieldset>

      <fieldset className="card" style={{ display: 'grid', gap: '0.5rem' }}>
        <legend>{t(`${K}shuffle`)}</legend>
        <label style={{ fontWeight: 400 }}>
          <input {...getInputProps(fields.shuffleQuestions, { type: 'checkbox' })} />{' '}
          {t(`${K}shuffleQuestions`)}
        </label>
        <label style={{ fontWeight: 400 }}>
          <input {...getInputProps(fields.shuffleOptions, { type: 'checkbox' })} />{' '}
          {t(`${K}shuffleOptions`)}
        </label>
      </fieldset>

      <fieldset className="card" style={{ display: 'grid', gap: '0.5rem' }}>
        <legend>{t(`${K}afterSubmit`)}</legend>
        {reviewKeys.map((key) => (
          <label key={key} style={{ fontWeight: 400 }}>
            <input {...getInputProps(afterSubmit[key], { type: 'checkbox' })} />{' '}
            {t(`${K}review.${key}`)}
          </label>
        ))}
      </fieldset>

      <fieldset className="card" style={{ display: 'grid', gap: '0.5rem' }}>
        <legend>{t(`${K}afterClose`)}</legend>
        {reviewKeys.map((key) => (
          <label key={key} style={{ fontWeight: 400 }}>
            <input {...getInputProps(afterClose[key], { type: 'checkbox' })} />{' '}
            {t(`${K}review.${key}`)}
          </label>
        ))}
      </fieldset>

      <section aria-labelledby="slots-heading">
        <h2 id="slots-heading">{t(`${K}slotsHeading`)}</h2>
        <p className="muted">{categorySlots.length ? t(`${K}slotsIntro`) : t(`${K}fixedOnly`)}</p>
        {quiz.slots.length === 0 ? (
          <p className="card">{t(`${K}noQuestions`)}</p>
        ) : (
          <div style={{ overflowX: 'auto' }}>
            <table>
              <caption className="sr-only">{t(`${K}slotsCaption`)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(`${K}no`)}</th>
                  <th scope="col">{t(`${K}content`)}</th>
                  <th scope="col">{t(`${K}drawn`)}</th>
                </tr>
              </thead>
              <tbody>
                {quiz.slots.map((s) => {
                  const f = fields[s.field]!
                  return (
                    <tr key={s.id} data-testid={`slot-${s.position}`}>
                      <td>{s.position + 1}</td>
                      {s.kind === 'QUESTION' ? (
                        <>
                          <td>
                            {t(`${K}fixed`)} <span className="muted">{s.questionText}</span>
                          </td>
                          <td>1</td>
                        </>
                      ) : (
                        <>
                          <td>
                            {t(`${K}fromCategory`, { name: s.categoryName })}
                            <br />
                            <span className="muted" id={f.descriptionId}>
                              {t(`${K}categoryHas`, { count: s.categoryQuestions })}
                            </span>
                          </td>
                          <td>
                            <label htmlFor={f.id} className="sr-only">
                              {t(`${K}drawnFrom`, { name: s.categoryName })}
                            </label>
                            <input
                              {...numberInputProps(f, 1, Math.max(1, s.categoryQuestions))}
                              style={{ width: '6rem' }}
                            />
                            <FieldErrorText field={f} />
                          </td>
                        </>
                      )}
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <div>
        <button type="submit" disabled={busy}>
          {busy ? t(`${K}saving`) : t(`${K}save`)}
        </button>
      </div>
    </Form>
  )
}
