import { parseWithZod } from '@conform-to/zod'
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Flash } from '~/components/flash'
import { StatusButton, useErrorText } from '~/components/forms'
import { TableWrap } from '~/components/table'
import {
  confirmImport,
  courseCompetencies,
  detectFormat,
  IMPORT_MAX_BYTES,
  previewImport,
} from '~/models/question-bank.server'
import { requireTeaching } from '~/models/studio.server'
import { TOP_CATEGORY } from '~/schemas/question-bank'
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

const level = z.number({ invalid_type_error: 'bank.v.level' }).int().min(1).max(5)
const confirmSchema = z.object({
  intent: z.literal('confirm'),
  format: z.enum(['moodle', 'gift']),
  source: z.string().max(IMPORT_MAX_BYTES * 2),
  defaultCompetencyId: z.string({ required_error: 'bank.v.competency' }).min(1),
  defaultLevel: level,
  map: z
    .array(
      z.object({
        category: z.string().max(500),
        competencyId: z.string().optional(),
        level: level.optional(),
      }),
    )
    .max(500)
    .default([]),
})

type Preview = Awaited<ReturnType<typeof previewImport>>

function decodeSource(base64: string) {
  return Buffer.from(base64, 'base64').toString('utf8')
}

export const action = withAppErrors(async ({ request, params }: ActionFunctionArgs) => {
  const user = await requireRole(request, 'INSTRUCTOR', 'ADMIN')
  const course = await requireTeaching(user, params.courseId!)
  const form = await readForm(request)
  if (form.get('intent') === 'preview') {
    const file = form.get('file')
    if (!(file instanceof File) || file.size === 0)
      return data({ error: 'bank.v.file' as const, preview: null }, { status: 400 })
    if (file.size > IMPORT_MAX_BYTES)
      return data({ error: 'bank.v.fileTooBig' as const, preview: null }, { status: 400 })
    const bytes = Buffer.from(await file.arrayBuffer())
    const text = bytes.toString('utf8')
    const format = detectFormat(file.name, text)
    const preview = await previewImport(format, text)
    return {
      error: null,
      preview: {
        fileName: file.name.slice(0, 200),
        format,
        source: bytes.toString('base64'),
        ...preview,
        questions: preview.questions.map((q) => ({ ...q, images: q.images.map((i) => i.name) })),
      },
    }
  }
  const submission = parseWithZod(form, { schema: confirmSchema })
  if (submission.status !== 'success')
    return data({ error: 'bank.v.mapping' as const, preview: null }, { status: 400 })
  const v = submission.value
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
      return data({ error: e.code as 'bank.v.mapping', preview: null }, { status: 400 })
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

      <Form method="post" encType="multipart/form-data" className="card">
        <div className="field">
          <label htmlFor="import-file">
            {t('bank.importFile')} <span className="hint">{t('bank.importFileHint')}</span>
          </label>
          <input
            id="import-file"
            name="file"
            type="file"
            accept=".xml,.gift,.txt,application/xml,text/xml,text/plain"
            required
          />
        </div>
        <StatusButton intent="preview">{t('bank.previewButton')}</StatusButton>
      </Form>

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

              <Form method="post" className="card">
                <h3>{t('bank.mappingHeading')}</h3>
                <p className="hint">{t('bank.mappingHint')}</p>
                <input type="hidden" name="intent" value="confirm" />
                <input type="hidden" name="format" value={preview.format} />
                <input type="hidden" name="source" value={preview.source} />
                <div className="field">
                  <label htmlFor="default-competency">{t('bank.defaultCompetency')}</label>
                  <select id="default-competency" name="defaultCompetencyId" required>
                    {competencies.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.code} — {c.name}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor="default-level">{t('bank.defaultLevel')}</label>
                  <select id="default-level" name="defaultLevel" defaultValue="2">
                    {[1, 2, 3, 4, 5].map((l) => (
                      <option key={l} value={l}>
                        {l}
                      </option>
                    ))}
                  </select>
                </div>
                {preview.categories.map((c, i) => (
                  <fieldset key={c}>
                    <legend>{t('bank.mappingFor', { category: c })}</legend>
                    <input type="hidden" name={`map[${i}].category`} value={c} />
                    <div className="field">
                      <label htmlFor={`map-${i}-c`}>{t('bank.competency')}</label>
                      <select id={`map-${i}-c`} name={`map[${i}].competencyId`}>
                        <option value="">{t('bank.useDefault')}</option>
                        {competencies.map((x) => (
                          <option key={x.id} value={x.id}>
                            {x.code} — {x.name}
                          </option>
                        ))}
                      </select>
                    </div>
                    <div className="field">
                      <label htmlFor={`map-${i}-l`}>{t('bank.level')}</label>
                      <select id={`map-${i}-l`} name={`map[${i}].level`}>
                        <option value="">{t('bank.useDefault')}</option>
                        {[1, 2, 3, 4, 5].map((l) => (
                          <option key={l} value={l}>
                            {l}
                          </option>
                        ))}
                      </select>
                    </div>
                  </fieldset>
                ))}
                <StatusButton>
                  {t('bank.confirmImport', { count: preview.questions.length })}
                </StatusButton>
              </Form>
            </>
          ) : null}
        </section>
      ) : null}
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
