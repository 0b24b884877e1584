import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '~/utils/conform'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { JOB_NAMES } from '~/jobs/index.server'
import { FAILED_LIMIT, queueOverview, retryFailedJob } from '~/models/jobs-admin.server'
import { retrySchema } from '~/schemas/jobs'
import { requireRole } from '~/utils/auth.server'
import { useTranslation } from 'react-i18next'
import { StatusButton, useErrorText } from '~/components/forms'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Flash } from '~/components/flash'
import { PORTAL_TIME_ZONE } from '~/domain/time'
import { TableWrap } from '~/components/table'
import { pageTitle } from '~/utils/meta'
import { readForm, withAppErrors } from '~/utils/route-errors.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: 'ui.jobs.title' })

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'ADMIN')
  return { ...(await queueOverview()), failedLimit: FAILED_LIMIT, queueNames: [...JOB_NAMES] }
}

export const action = withAppErrors(async ({ request }: ActionFunctionArgs) => {
  await requireRole(request, 'ADMIN')
  const submission = parseWithZod(await readForm(request), { schema: retrySchema(JOB_NAMES) })
  if (submission.status !== 'success') {
    const first = Object.values(submission.error ?? {}).flat()[0]
    return data({ ok: false, message: first ?? 'screens.jobs.badRequest' }, { status: 400 })
  }
  const result = await retryFailedJob(submission.value.queue, submission.value.jobId)
  return data(result, { status: result.ok ? 200 : 400 })
})

/** The retry button of one failed job (a one-button form on the shared retry schema). */
function RetryForm({
  queue,
  jobId,
  queueNames,
  busy,
}: {
  queue: string
  jobId: string
  queueNames: string[]
  busy: boolean
}) {
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: `retry-${queue}-${jobId}`,
    defaultValue: { intent: 'retry', queue, jobId },
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: retrySchema(queueNames) }),
  })
  return (
    <Form method="post" {...getFormProps(form)}>
      <input {...getInputProps(fields.queue, { type: 'hidden' })} />
      <input {...getInputProps(fields.jobId, { type: 'hidden' })} />
      <StatusButton
        intent="retry"
        className="button-small"
        disabled={busy}
        aria-label={t('ui.jobs.retryJob', { id: jobId })}
      >
        {busy ? t('ui.common.processing') : t('ui.jobs.retry')}
      </StatusButton>
    </Form>
  )
}

const countKeys = ['waiting', 'active', 'delayed', 'completed', 'failed'] as const

type T = (key: string, params?: Record<string, string | number>) => string

function formatDateTime(d: Date | string, lng: string) {
  return new Intl.DateTimeFormat(lng === 'en' ? 'en-GB' : 'id-ID', {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone: PORTAL_TIME_ZONE,
  }).format(new Date(d))
}

function formatAge(seconds: number, t: T) {
  if (seconds < 60) return t('ui.jobs.age.seconds', { s: seconds })
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return t('ui.jobs.age.minutes', { m: minutes })
  const hours = Math.floor(minutes / 60)
  if (hours < 24) return t('ui.jobs.age.hours', { h: hours, m: minutes % 60 })
  return t('ui.jobs.age.days', { d: Math.floor(hours / 24), h: hours % 24 })
}

export default function AdminJobs() {
  const { redis, queues, outbox, failedLimit, queueNames } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const retrying =
    navigation.state === 'submitting'
      ? `${navigation.formData?.get('queue')}/${navigation.formData?.get('jobId')}`
      : null
  const totalFailed = queues.reduce((sum, q) => sum + q.failed.length, 0)
  const { t, i18n } = useTranslation()
  const errorText = useErrorText()

  return (
    <>
      <h1>{t('ui.jobs.title')}</h1>
      <p className="muted">
        {t('ui.jobs.intro')} <Link to="/admin/jobs">{t('ui.jobs.reload')}</Link>
      </p>

      {actionData ? (
        <Flash ok={actionData.ok} message={errorText(actionData.message)} testId="jobs-message" />
      ) : null}

      <section aria-labelledby="outbox-heading" className="card">
        <h2 id="outbox-heading" style={{ marginTop: 0 }}>
          Outbox
        </h2>
        {outbox.unsent === 0 ? (
          <p data-testid="outbox-summary">{t('ui.jobs.allSent')}</p>
        ) : (
          <>
            <p data-testid="outbox-summary">
              <strong>{outbox.unsent}</strong> {t('ui.jobs.unsent')}
            </p>
            {outbox.oldest ? (
              <dl className="facts">
                <dt>{t('ui.jobs.oldest')}</dt>
                <dd>
                  {t('ui.jobs.ago', {
                    age: formatAge(outbox.oldest.ageSeconds, t),
                    at: formatDateTime(outbox.oldest.createdAt, i18n.language),
                  })}
                </dd>
                <dt>{t('ui.jobs.jobName')}</dt>
                <dd>
                  <code>{outbox.oldest.jobName}</code>
                </dd>
                <dt>{t('ui.jobs.sendAttempts')}</dt>
                <dd>{outbox.oldest.attempts}</dd>
                <dt>{t('ui.jobs.lastError')}</dt>
                <dd>
                  {outbox.oldest.lastError ? (
                    <code style={{ wordBreak: 'break-word' }}>{outbox.oldest.lastError}</code>
                  ) : (
                    <span className="muted">{t('ui.jobs.noError')}</span>
                  )}
                </dd>
              </dl>
            ) : null}
          </>
        )}
        {outbox.dead.count > 0 ? (
          <div data-testid="outbox-dead">
            <p>
              <strong>{outbox.dead.count}</strong> {t('ui.jobs.deadRows')}
            </p>
            <ul>
              {outbox.dead.latest.map((d) => (
                <li key={d.id} style={{ wordBreak: 'break-word' }}>
                  <code>{d.jobName}</code> <code>{d.payload}</code>: {d.lastError}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>

      {!redis.ok ? (
        <p className="alert alert-error" role="alert" data-testid="redis-down">
          {errorText(redis.message)}
        </p>
      ) : (
        <>
          <section aria-labelledby="counts-heading">
            <h2 id="counts-heading">{t('ui.jobs.countsHeading')}</h2>
            <TableWrap label={t('ui.jobs.countsHeading')}>
              <table>
                <caption className="sr-only">{t('ui.jobs.countsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('ui.jobs.queue')}</th>
                    {countKeys.map((key) => (
                      <th scope="col" key={key}>
                        {t(`ui.jobs.counts.${key}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {queues.map((q) => (
                    <tr key={q.name} data-testid={`queue-row-${q.name}`}>
                      <th scope="row">
                        {t([`ui.jobs.queues.${q.name}`, `screens.jobs.queues.${q.name}`])}{' '}
                        <span className="muted">({q.name})</span>
                      </th>
                      {countKeys.map((key) => (
                        <td key={key}>{q.counts[key]}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          </section>

          <section aria-labelledby="failed-heading" style={{ marginTop: '2rem' }}>
            <h2 id="failed-heading">{t('ui.jobs.failedHeading')}</h2>
            <p className="muted">{t('ui.jobs.failedIntro', { limit: failedLimit })}</p>
            {totalFailed === 0 ? <p data-testid="no-failed">{t('ui.jobs.noFailed')}</p> : null}
            {queues
              .filter((q) => q.failed.length > 0)
              .map((q) => (
                <section key={q.name} aria-labelledby={`failed-${q.name}`}>
                  <h3 id={`failed-${q.name}`}>
                    {t([`ui.jobs.queues.${q.name}`, `screens.jobs.queues.${q.name}`])}{' '}
                    <span className="muted">({q.name})</span>:{' '}
                    {t('ui.jobs.shown', { shown: q.failed.length, total: q.counts.failed })}
                  </h3>
                  <TableWrap label={t('ui.jobs.failedCaption', { queue: q.name })}>
                    <table>
                      <caption className="sr-only">
                        {t('ui.jobs.failedCaption', { queue: q.name })}
                      </caption>
                      <thead>
                        <tr>
                          <th scope="col">{t('ui.jobs.id')}</th>
                          <th scope="col">{t('ui.jobs.name')}</th>
                          <th scope="col">{t('ui.jobs.attempts')}</th>
                          <th scope="col">{t('ui.jobs.reason')}</th>
                          <th scope="col">{t('ui.jobs.failedAt')}</th>
                          <th scope="col">{t('ui.jobs.data')}</th>
                          <th scope="col">{t('ui.jobs.action')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {q.failed.map((job) => {
                          const busy = retrying === `${q.name}/${job.id}`
                          return (
                            <tr key={job.id} data-testid={`failed-job-${job.id}`}>
                              <th
                                scope="row"
                                style={{
                                  fontWeight: 400,
                                  background: 'transparent',
                                  wordBreak: 'break-all',
                                }}
                              >
                                <code>{job.id}</code>
                              </th>
                              <td>
                                <code>{job.name}</code>
                              </td>
                              <td>{job.attemptsMade}</td>
                              <td style={{ wordBreak: 'break-word' }}>
                                {job.failedReason ?? <span className="muted">—</span>}
                              </td>
                              <td>
                                {job.finishedOn
                                  ? formatDateTime(job.finishedOn, i18n.language)
                                  : '—'}
                              </td>
                              <td style={{ wordBreak: 'break-all', maxWidth: '20rem' }}>
                                <code>{job.data}</code>
                              </td>
                              <td>
                                <RetryForm
                                  queue={q.name}
                                  jobId={job.id}
                                  queueNames={queueNames}
                                  busy={busy}
                                />
                              </td>
                            </tr>
                          )
                        })}
                      </tbody>
                    </table>
                  </TableWrap>
                </section>
              ))}
          </section>
        </>
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
