import { getFormProps, getSelectProps, useForm } from '@conform-to/react'
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
import { Flash } from '~/components/flash'
import { ErrorList, Field, StatusButton, useErrorText } from '~/components/forms'
import { CompetencyLevelFields } from '~/components/competency-fields'
import { TableWrap } from '~/components/table'
import {
  confirmImport,
  courseCompetencies,
  detectFormat,
  previewImport,
} from '~/models/question-bank.server'
import { requireTeaching } from '~/models/studio.server'
import { bankImportSchema, TOP_CATEGORY } from '~/schemas/question-bank'
import { requireRole } from '~/utils/auth.server'
import { AppError } from '~/utils/errors'
import { pageTitle } from '~/utils/meta'
import { readForm, withAppErrors } from '~/utils/route-errors.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: 'bank.importTitle' })

export const loader = withAppErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireRole(request, 'INSTRUCTOR', 'ADMIN')
  const course = await requireTeaching(user, params.courseId!)
  return { course, competencies: await courseCompetencies(course.id) }
})

type Preview = Awaited<ReturnType<typeof previewImport>>

function decodeSource(base64: string) {
  return Buffer.from(base64, 'base64').toString('utf8')
}

export const action = withAppErrors(async ({ request, params }: ActionFunctionArgs) => {
  const user = await requireRole(request, 'INSTRUCTOR', 'ADMIN')
  const course = await requireTeaching(user, params.courseId!)
  const submission = parseWithZod(await readForm(request), { schema: bankImportSchema })
  const intent = submission.payload.intent === 'preview' ? 'preview' : 'confirm'
  // The notice at the top says what to do; the fields say which one.
  const refuse = (error: string, status = 400, result = submission.reply()) =>
    data({ error, preview: null, intent, result }, { status })
  if (submission.status !== 'success') {
    const first = Object.values(submission.reply().error ?? {}).find((m) => m?.length)?.[0]
    return refuse(intent === 'preview' ? (first ?? 'bank.v.file') : 'bank.v.mapping')
  }
  const v = submission.value
  if (v.intent === 'preview') {
    const file = v.file!
    const bytes = Buffer.from(await file.arrayBuffer())
    const text = bytes.toString('utf8')
    const format = detectFormat(file.name, text)
    const preview = await previewImport(format, text)
    return {
      error: null,
      intent,
      result: undefined,
      preview: {
        fileName: file.name.slice(0, 200),
        format,
        source: bytes.toString('base64'),
        ...preview,
        questions: preview.questions.map((q) => ({ ...q, images: q.images.map((i) => i.name) })),
      },
    }
  }
  const byCategory: Record<string, { competencyId: string; level: number }> = {}
  for (const m of v.map)
    if (m.competencyId || m.level)
      byCategory[m.category] = {
        competencyId: m.competencyId || v.defaultCompetencyId,
        level: m.level ?? v.defaultLevel,
      }
  try {
    const result = await confirmImport(course.id, v.format, decodeSource(v.source), {
      byCategory,
      default: { competencyId: v.defaultCompetencyId, level: v.defaultLevel },
    })
    return redirect(`/authoring/bank/${course.id}?imported=${result.created}:${result.unchanged}`)
  } catch (e) {
    if (e instanceof AppError && e.status === 400)
      return refuse(e.code, 400, submission.reply({ formErrors: [e.code] }))
    throw e
  }
})

export default function ImportBank() {
  const { course, competencies } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const errorText = useErrorText()
  const preview = actionData?.preview as
    | (Preview & {
        fileName: string
        format: string
        source: string
        questions: (Preview['questions'][number] & { images: string[] })[]
      })
    | null
    | undefined
  const base = `/authoring/bank/${course.id}`
  return (
    <>
      <p>
        <Link to={base}>← {t('bank.courseTitle', { title: course.title })}</Link>
      </p>
      <h1>{t('bank.importTitle')}</h1>
      <p className="muted">{t('bank.importIntro')}</p>
      {actionData?.error ? (
        <Flash ok={false} message={errorText(actionData.error)} testId="import-error" />
      ) : null}

      <UploadForm lastResult={actionData?.intent === 'preview' ? actionData.result : undefined} />

      {preview ? (
        <section aria-labelledby="preview-heading" data-testid="import-preview">
          <h2 id="preview-heading">{t('bank.previewHeading', { file: preview.fileName })}</h2>
          <p role="status">
            {t('bank.previewSummary', {
              count: preview.questions.length,
              refused: preview.problems.length,
            })}{' '}
            <strong>{t('bank.nothingWritten')}</strong>
          </p>
          {preview.problems.length ? (
            <>
              <h3>{t('bank.problemsHeading')}</h3>
              <ul data-testid="import-problems">
                {preview.problems.map((p, i) => (
                  <li key={i}>
                    <strong>{p.name || t('bank.theFile')}</strong>
                    {p.line ? ` (${t('bank.line', { line: p.line })})` : ''}:{' '}
                    {t(`bank.problems.${p.code}`, p.params)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {preview.questions.length ? (
            <>
              <TableWrap label={t('bank.previewTable')}>
                <table>
                  <caption className="sr-only">{t('bank.previewTable')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('bank.question')}</th>
                      <th scope="col">{t('bank.category')}</th>
                      <th scope="col">{t('bank.type')}</th>
                      <th scope="col">{t('bank.details')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.questions.map((q, i) => (
                      <tr key={i} data-testid="import-row">
                        <td>
                          <strong>{q.name}</strong>
                          <br />
                          {q.text.length > 120 ? `${q.text.slice(0, 119)}…` : q.text}
                        </td>
                        <td>{q.category || TOP_CATEGORY}</td>
                        <td>{t(`bank.types.${q.type}`)}</td>
                        <td>
                          {q.options.length
                            ? t('bank.optionSummary', {
                                count: q.options.length,
                                correct: q.options.filter((o) => o.correct).length,
                              })
                            : null}
                          {q.acceptedAnswers.length ? q.acceptedAnswers.join(' · ') : null}
                          {q.numericAnswer !== null
                            ? `${q.numericAnswer} ± ${q.tolerance ?? 0}`
                            : null}
                          {q.images.length
                            ? ` · ${t('bank.imageCount', { count: q.images.length })}`
                            : null}
                          {q.notes.map((n) => (
                            <span key={n} className="muted">
                              {' '}
                              · {t(`bank.notes.${n}`)}
                            </span>
                          ))}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>

              <ConfirmForm preview={preview} competencies={competencies} />
            </>
          ) : null}
        </section>
      ) : null}
    </>
  )
}

type ImportReply = ReturnType<typeof useActionData<typeof action>>

/** Step 1: the file, previewed (nothing is written). */
function UploadForm({ lastResult }: { lastResult: NonNullable<ImportReply>['result'] }) {
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'bank-import-file',
    lastResult,
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: bankImportSchema }),
  })
  const file = (fields as unknown as Record<string, { errorId: string; errors?: string[] }>).file!
  return (
    <Form method="post" encType="multipart/form-data" className="card" {...getFormProps(form)}>
      <ErrorList id={form.errorId} errors={form.errors} />
      <Field
        label={t('bank.importFile')}
        hint={t('bank.importFileHint')}
        errors={file.errors}
        errorId={file.errorId}
        inputProps={{
          id: 'import-file',
          name: 'file',
          type: 'file',
          accept: '.xml,.gift,.txt,application/xml,text/xml,text/plain',
          required: true,
        }}
      />
      <StatusButton intent="preview">{t('bank.previewButton')}</StatusButton>
    </Form>
  )
}

/** Step 2: competency and level for the imported questions (by category), then the import. */
function ConfirmForm({
  preview,
  competencies,
}: {
  preview: { format: string; source: string; categories: string[]; questions: unknown[] }
  competencies: { id: string; code: string; name: string }[]
}) {
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'bank-import-confirm',
    defaultValue: { defaultCompetencyId: competencies[0]?.id ?? '', defaultLevel: '2' },
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: bankImportSchema }),
  })
  const all = fields as unknown as Record<string, FieldMeta>
  const errorsOf = (name: string) => form.allErrors[name]
  return (
    <Form method="post" className="card" {...getFormProps(form)}>
      <h3>{t('bank.mappingHeading')}</h3>
      <p className="hint">{t('bank.mappingHint')}</p>
      <ErrorList
        id={form.errorId}
        errors={[...(form.errors ?? []), ...(errorsOf('source') ?? [])]}
      />
      <input type="hidden" name="format" value={preview.format} />
      <input type="hidden" name="source" value={preview.source} />
      <CompetencyLevelFields
        competencies={competencies}
        competency={{
          label: t('bank.defaultCompetency'),
          selectProps: {
            ...getSelectProps(all.defaultCompetencyId as never),
            id: 'default-competency',
            required: true,
          },
          errors: all.defaultCompetencyId?.errors,
        }}
        level={{
          label: t('bank.defaultLevel'),
          selectProps: { ...getSelectProps(all.defaultLevel as never), id: 'default-level' },
          errors: all.defaultLevel?.errors,
        }}
      />
      {preview.categories.map((c, i) => (
        <fieldset key={c}>
          <legend>{t('bank.mappingFor', { category: c })}</legend>
          <input type="hidden" name={`map[${i}].category`} value={c} />
          <CompetencyLevelFields
            competencies={competencies}
            unset={t('bank.useDefault')}
            competency={{
              label: t('bank.competency'),
              selectProps: { id: `map-${i}-c`, name: `map[${i}].competencyId` },
              errors: errorsOf(`map[${i}].competencyId`),
            }}
            level={{
              label: t('bank.level'),
              selectProps: { id: `map-${i}-l`, name: `map[${i}].level` },
              errors: errorsOf(`map[${i}].level`),
            }}
          />
        </fieldset>
      ))}
      <StatusButton intent="confirm">
        {t('bank.confirmImport', { count: preview.questions.length })}
      </StatusButton>
    </Form>
  )
}

type FieldMeta = { errorId: string; errors?: string[] }

export const ErrorBoundary = GeneralErrorBoundary
