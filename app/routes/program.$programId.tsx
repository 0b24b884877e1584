// One development program (AKPK): the measured needs of its scope for its year, the plan rows
// composed from them (course, target group, schedule, JP, method, budget), the background
// assignment of each row and its progress (completion, JP, gap before and now).
import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { jakartaDate } from '~/domain/time'
import { getZodConstraint } from '@conform-to/zod'
import { parseWithZod } from '~/utils/conform'
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ErrorList, Field, StatusButton } from '~/components/forms'
import { TableWrap } from '~/components/table'
import { MIX_TARGET, PROGRAM_METHODS, programMix, type MixGroup } from '~/domain/program'
import {
  addProgramItem,
  needsAnalysis,
  programDetail,
  startAssignment,
} from '~/models/program.server'
import { itemSchema } from '~/schemas/program'
import { requireRole } from '~/utils/auth.server'
import { AppError, InvalidError } from '~/utils/errors'
import { pageTitle } from '~/utils/meta'
import { receivedAt } from '~/utils/misc'
import { readForm, routeParam, withAppErrors } from '~/utils/route-errors.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: 'program.title' })

const idParam = z.string().min(1).max(60)

export const loader = withAppErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const viewer = await requireRole(request, 'ADMIN')
  const id = routeParam(params, 'programId', idParam, 'program.notFound')
  const detail = await programDetail(viewer, id)
  const needs = await needsAnalysis(viewer, detail.program.scopeUnitId, detail.program.year)
  return { ...detail, needs }
})

export const action = withAppErrors(async ({ request, params }: ActionFunctionArgs) => {
  const viewer = await requireRole(request, 'ADMIN')
  const id = routeParam(params, 'programId', idParam, 'program.notFound')
  const form = await readForm(request)
  const at = new Date(receivedAt(request))
  if (form.get('intent') === 'assign') {
    const itemId = String(form.get('itemId') ?? '')
    try {
      await startAssignment(viewer, itemId, at)
      return { result: null, assigned: itemId, error: null }
    } catch (e) {
      if (e instanceof AppError && e.status === 409)
        return data({ result: null, assigned: null, error: e.code }, { status: 409 })
      throw e
    }
  }
  const submission = parseWithZod(form, { schema: itemSchema })
  if (submission.status !== 'success')
    return data({ result: submission.reply(), assigned: null, error: null }, { status: 400 })
  try {
    await addProgramItem(viewer, id, submission.value, at)
  } catch (e) {
    if (e instanceof InvalidError && typeof e.field === 'string')
      return data(
        {
          result: submission.reply({ fieldErrors: { [e.field]: [e.code] } }),
          assigned: null,
          error: null,
        },
        { status: 400 },
      )
    throw e
  }
  return { result: submission.reply({ resetForm: true }), assigned: null, error: null }
})

const pct = (n: number, d: number) => (d > 0 ? `${Math.round((100 * n) / d)}%` : '–')
const avg = (n: number, d: number) => (d > 0 ? (n / d).toFixed(2) : '–')

export default function ProgramPage() {
  const { program, scope, items, units, jabatan, needs } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t, i18n } = useTranslation()
  const [form, fields] = useForm({
    id: 'program-item',
    lastResult: actionData?.result ?? undefined,
    constraint: getZodConstraint(itemSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: itemSchema }),
  })
  const mix = programMix(
    items.map((i) => ({ method: i.method, jp: i.jp, people: i.progress.members })),
  )
  const money = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'id-ID')
  const suggested = new Map<string, { id: string; title: string; jp: number }>()
  for (const n of needs.needs) for (const c of n.courses) suggested.set(c.id, c)
  return (
    <>
      <h1>{program.name}</h1>
      <p className="muted">{t('program.scopeYear', { scope: scope.name, year: program.year })}</p>
      <p>
        {t('program.export')}: <a href={`/program/${program.id}/ekspor?format=xlsx`}>XLSX</a> ·{' '}
        <a href={`/program/${program.id}/ekspor?format=csv`}>CSV</a>
      </p>

      <h2>{t('program.needsTitle')}</h2>
      {needs.computedAt ? (
        <p className="muted">
          {t('super.refreshedAt', {
            at: new Date(needs.computedAt).toLocaleString(
              i18n.language === 'en' ? 'en-GB' : 'id-ID',
              { timeZone: 'Asia/Jakarta' },
            ),
          })}
        </p>
      ) : null}
      <p data-testid="jp-shortfall">
        {t('program.jpShortfall', {
          people: needs.jp.people,
          pns: needs.jp.pns,
          below: needs.jp.pnsBelow,
          jp: needs.jp.shortfall,
        })}
      </p>
      {needs.needs.length ? (
        <TableWrap label={t('program.needsTitle')}>
          <table data-testid="needs">
            <thead>
              <tr>
                <th scope="col">{t('program.competency')}</th>
                <th scope="col">{t('program.people')}</th>
                <th scope="col">{t('program.withGap')}</th>
                <th scope="col">{t('program.avgGap')}</th>
                <th scope="col">{t('program.topUnits')}</th>
                <th scope="col">{t('program.topJabatan')}</th>
                <th scope="col">{t('program.suggested')}</th>
              </tr>
            </thead>
            <tbody>
              {needs.needs.map((n) => (
                <tr key={n.competencyId}>
                  <th scope="row">
                    {n.code} {n.name}
                  </th>
                  <td>{n.people}</td>
                  <td>
                    {n.below} ({pct(n.below, n.people)})
                  </td>
                  <td>{avg(n.gapSum, n.below)}</td>
                  <td>
                    {n.byUnit
                      .filter((u) => u.below > 0)
                      .slice(0, 3)
                      .map((u) => `${u.name} (${u.below})`)
                      .join('; ') || '–'}
                  </td>
                  <td>
                    {n.byJabatan
                      .filter((j) => j.below > 0)
                      .slice(0, 3)
                      .map((j) => `${j.name} (${j.below})`)
                      .join('; ') || '–'}
                  </td>
                  <td>{n.courses.map((c) => c.title).join('; ') || '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p>{t('program.noNeeds')}</p>
      )}

      <h2>{t('program.planTitle')}</h2>
      <p data-testid="mix">
        {t('program.mix', {
          formal: mix.FORMAL,
          social: mix.SOCIAL,
          experiential: mix.EXPERIENTIAL,
          target: (['FORMAL', 'SOCIAL', 'EXPERIENTIAL'] as MixGroup[])
            .map((g) => MIX_TARGET[g])
            .join(':'),
        })}
      </p>
      {actionData?.error ? (
        <p className="alert alert-error" role="alert">
          {t(`errors.codes.${actionData.error}`)}
        </p>
      ) : null}
      {actionData?.assigned ? (
        <p className="alert alert-success" role="status">
          {t('program.assignStarted')}
        </p>
      ) : null}
      {items.length ? (
        <TableWrap label={t('program.planTitle')}>
          <table data-testid="items">
            <thead>
              <tr>
                <th scope="col">{t('program.course')}</th>
                <th scope="col">{t('program.target')}</th>
                <th scope="col">{t('program.schedule')}</th>
                <th scope="col">JP</th>
                <th scope="col">{t('program.budget')}</th>
                <th scope="col">{t('program.status')}</th>
                <th scope="col">{t('program.progress')}</th>
                <th scope="col">{t('program.gapBeforeNow')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.id}>
                  <th scope="row">
                    {i.course}
                    <br />
                    <span className="muted">
                      {i.competency.code} · {t(`program.methods.${i.method}`)} · {i.provider}
                    </span>
                  </th>
                  <td>
                    {i.targetUnit}
                    {i.targetJabatan ? ` · ${i.targetJabatan}` : ''}
                    {i.onlyWithGap ? ` · ${t('program.onlyWithGapShort')}` : ''}
                  </td>
                  <td>
                    {jakartaDate(new Date(i.startsOn))} – {jakartaDate(new Date(i.endsOn))}
                    <br />
                    <span className="muted">
                      {t('program.due')}: {jakartaDate(new Date(i.dueAt))}
                    </span>
                  </td>
                  <td>{i.jp}</td>
                  <td>
                    Rp {money.format(i.budget)}
                    {i.fundingSource ? ` (${i.fundingSource})` : ''}
                  </td>
                  <td data-testid="item-status">
                    {t(`program.statuses.${i.status}`)}
                    {i.status !== 'DRAFT' ? ` · ${i.memberCount}` : ''}
                    {i.status === 'DRAFT' ? (
                      // form-kit: intent only (decision 042)
                      <Form method="post">
                        <input type="hidden" name="itemId" value={i.id} />
                        <StatusButton intent="assign">{t('program.assign')}</StatusButton>
                      </Form>
                    ) : null}
                  </td>
                  <td data-testid="item-progress">
                    {t('program.progressText', {
                      completed: i.progress.completed,
                      members: i.progress.members,
                      share: pct(i.progress.completed, i.progress.members),
                      jp: i.progress.jpEarned,
                    })}
                  </td>
                  <td>
                    {avg(i.progress.gapBefore, i.progress.members)} →{' '}
                    {avg(i.progress.gapNow, i.progress.members)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p>{t('program.noItems')}</p>
      )}

      <h2>{t('program.addItem')}</h2>
      <Form method="post" className="card stack" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} />
        <Field
          label={t('program.competency')}
          selectProps={getSelectProps(fields.competencyId)}
          errors={fields.competencyId.errors}
        >
          <option value="">{t('program.choose')}</option>
          {needs.needs.map((n) => (
            <option key={n.competencyId} value={n.competencyId}>
              {n.code} {n.name} ({n.below})
            </option>
          ))}
        </Field>
        <Field
          label={t('program.course')}
          hint={t('program.courseHint')}
          selectProps={getSelectProps(fields.courseId)}
          errors={fields.courseId.errors}
        >
          <option value="">{t('program.choose')}</option>
          {[...suggested.values()].map((c) => (
            <option key={c.id} value={c.id}>
              {c.title} ({c.jp} JP)
            </option>
          ))}
        </Field>
        <Field
          label={t('program.targetUnit')}
          selectProps={getSelectProps(fields.targetUnitId)}
          errors={fields.targetUnitId.errors}
        >
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {'\u00a0'.repeat(Math.max(0, u.depth - scope.path.split('/').length + 2) * 2)}
              {u.name}
            </option>
          ))}
        </Field>
        <Field
          label={t('program.targetJabatan')}
          selectProps={getSelectProps(fields.targetJabatanId)}
          errors={fields.targetJabatanId.errors}
        >
          <option value="">{t('program.allJabatan')}</option>
          {jabatan.map((j) => (
            <option key={j.id} value={j.id}>
              {j.name}
            </option>
          ))}
        </Field>
        <div className="field">
          <label>
            <input {...getInputProps(fields.onlyWithGap, { type: 'checkbox' })} />{' '}
            {t('program.onlyWithGap')}
          </label>
        </div>
        <Field
          label={t('program.method')}
          selectProps={getSelectProps(fields.method)}
          errors={fields.method.errors}
        >
          {PROGRAM_METHODS.map((m) => (
            <option key={m} value={m}>
              {t(`program.methods.${m}`)}
            </option>
          ))}
        </Field>
        <Field
          label={t('program.provider')}
          inputProps={getInputProps(fields.provider, { type: 'text' })}
          errors={fields.provider.errors}
        />
        <Field
          label={t('program.startsOn')}
          inputProps={getInputProps(fields.startsOn, { type: 'date' })}
          errors={fields.startsOn.errors}
        />
        <Field
          label={t('program.endsOn')}
          inputProps={getInputProps(fields.endsOn, { type: 'date' })}
          errors={fields.endsOn.errors}
        />
        <Field
          label={t('program.due')}
          inputProps={getInputProps(fields.dueAt, { type: 'date' })}
          errors={fields.dueAt.errors}
        />
        <Field
          label="JP"
          inputProps={getInputProps(fields.jp, { type: 'number' })}
          errors={fields.jp.errors}
        />
        <Field
          label={t('program.budgetRp')}
          inputProps={getInputProps(fields.budget, { type: 'number' })}
          errors={fields.budget.errors}
        />
        <Field
          label={t('program.fundingSource')}
          inputProps={getInputProps(fields.fundingSource, { type: 'text' })}
          errors={fields.fundingSource.errors}
        />
        <StatusButton intent="add">{t('program.addItem')}</StatusButton>
      </Form>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
