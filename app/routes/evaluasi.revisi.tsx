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
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { evalErrorKey, fmt } from '~/components/evaluation'
import { markRevisionDone, revisionReport } from '~/models/evaluation-report.server'
import { idSchema } from '~/schemas/common'
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
  const form = await readForm(request)
  const courseId = idSchema.safeParse(form.get('courseId'))
  const note = String(form.get('note') ?? '').trim()
  if (!courseId.success || !note || note.length > 500)
    return data({ ok: false as const, code: 'evaluation.noteRequired' }, { status: 400 })
  await markRevisionDone(
    user,
    courseId.data,
    note,
    new Date(receivedAt(request)),
    clientMeta(request).ip,
  )
  return { ok: true as const }
})

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
                <Form method="post">
                  <input type="hidden" name="courseId" value={r.course.id} />
                  <label htmlFor={`note-${r.course.id}`}>{t('evaluation.revisionNote')}</label>
                  <input
                    id={`note-${r.course.id}`}
                    name="note"
                    required
                    maxLength={500}
                    style={{ maxWidth: '100%' }}
                  />
                  <button type="submit">{t('evaluation.markDone')}</button>
                </Form>
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
