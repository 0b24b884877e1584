// The revision loop: courses whose evaluation or content raises a signal (low reaction, low
// learning gain, questions flagged by item analysis, an old regulation), linked to the studio; the
// program team (admins) marks a revision done (audited), which clears the signals for the next
// program cycle.
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '~/utils/conform'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { evalErrorKey, fmt } from '~/components/evaluation'
import { Field, StatusButton } from '~/components/forms'
import { markRevisionDone, revisionReport } from '~/models/evaluation-report.server'
import { idSchema } from '~/schemas/common'
import { revisionDoneSchema } from '~/schemas/evaluation'
import { clientMeta, requireRole } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'
import { formatDate, receivedAt } from '~/utils/misc'
import { readForm, withAppErrors } from '~/utils/route-errors.server'

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, { key: 'evaluation.revisionTitle' })

export const loader = withAppErrors(async ({ request }: LoaderFunctionArgs) => {
  await requireRole(request, 'ADMIN')
  return { rows: await revisionReport(new Date(receivedAt(request))) }
})

export const action = withAppErrors(async ({ request }: ActionFunctionArgs) => {
  const user = await requireRole(request, 'ADMIN')
  const submission = parseWithZod(await readForm(request), { schema: revisionDoneSchema })
  if (submission.status !== 'success' || !idSchema.safeParse(submission.value.courseId).success)
    return data(
      {
        ok: false as const,
        code: 'evaluation.noteRequired',
        courseId: String(submission.payload.courseId ?? ''),
        result: submission.reply(),
      },
      { status: 400 },
    )
  await markRevisionDone(
    user,
    submission.value.courseId,
    submission.value.note,
    new Date(receivedAt(request)),
    clientMeta(request).ip,
  )
  return { ok: true as const, courseId: submission.value.courseId, result: undefined }
})

/** The "revision done" form of one course; the last reply shows on its own course only. */
function RevisionDoneForm({
  courseId,
  lastResult,
}: {
  courseId: string
  lastResult?: SubmissionResult<string[]>
}) {
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: `revision-${courseId}`,
    lastResult,
    defaultValue: { courseId, note: '' },
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: revisionDoneSchema }),
  })
  return (
    <Form method="post" {...getFormProps(form)}>
      <input {...getInputProps(fields.courseId, { type: 'hidden' })} />
      <Field
        label={t('evaluation.revisionNote')}
        inputProps={{
          ...getInputProps(fields.note, { type: 'text' }),
          id: `note-${courseId}`,
          required: true,
          maxLength: 500,
          style: { maxWidth: '100%' },
        }}
        errors={fields.note.errors}
      />
      <StatusButton>{t('evaluation.markDone')}</StatusButton>
    </Form>
  )
}

export default function Revisions() {
  const { rows } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { t, i18n } = useTranslation()
  return (
    <>
      <p>
        <Link to="/evaluasi">{t('evaluation.hubTitle')}</Link>
      </p>
      <h1>{t('evaluation.revisionTitle')}</h1>
      <p>{t('evaluation.revisionIntro')}</p>
      {result ? (
        <p className={`alert ${result.ok ? 'alert-info' : 'alert-error'}`} role="status">
          {result.ok ? t('evaluation.revisionDone') : t(evalErrorKey(result.code))}
        </p>
      ) : null}
      <ul style={{ listStyle: 'none', padding: 0 }} data-testid="revision-list">
        {rows.map((r) => (
          <li key={r.course.id} className="card" style={{ overflowWrap: 'anywhere' }}>
            <h2 style={{ fontSize: '1.1rem' }}>
              <Link to={`/evaluasi/kursus/${r.course.slug}`}>{r.course.title}</Link>
            </h2>
            {r.lastRevision ? (
              <p className="muted">
                {t('evaluation.lastRevision', {
                  date: formatDate(r.lastRevision.doneAt, i18n.language),
                  note: r.lastRevision.note,
                })}
              </p>
            ) : null}
            {r.signals.length === 0 ? (
              <p>{t('evaluation.revisionNone')}</p>
            ) : (
              <>
                <ul>
                  {r.signals.map((s) => (
                    <li key={s.kind}>
                      {s.kind === 'lowReaction'
                        ? t('evaluation.signals.lowReaction', { mean: fmt(s.mean, 2), n: s.n })
                        : s.kind === 'lowGain'
                          ? t('evaluation.signals.lowGain', { gain: fmt(s.gain), n: s.n })
                          : s.kind === 'flaggedQuestions'
                            ? t('evaluation.signals.flaggedQuestions', { count: s.count })
                            : t('evaluation.signals.outdatedRegulation', {
                                ref: s.ref,
                                date: s.date,
                              })}
                    </li>
                  ))}
                </ul>
                <p>
                  <Link to={`/authoring?course=${r.course.slug}`}>
                    {t('evaluation.openStudio')}
                  </Link>
                </p>
                <RevisionDoneForm
                  courseId={r.course.id}
                  lastResult={result?.courseId === r.course.id ? result.result : undefined}
                />
              </>
            )}
          </li>
        ))}
      </ul>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
