// The program team's list of development programs (AKPK) and the form that starts one.
import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint } from '@conform-to/zod'
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
import { Field, StatusButton } from '~/components/forms'
import { TableWrap } from '~/components/table'
import { jakartaYear } from '~/domain/time'
import { createProgram, listPrograms, programFormOptions } from '~/models/program.server'
import { newProgramSchema } from '~/schemas/program'
import { requireRole } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'
import { receivedAt } from '~/utils/misc'
import { readForm, withAppErrors } from '~/utils/route-errors.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: 'program.title' })

export const loader = withAppErrors(async ({ request }: LoaderFunctionArgs) => {
  const viewer = await requireRole(request, 'ADMIN')
  const [programs, units] = await Promise.all([listPrograms(viewer), programFormOptions(viewer)])
  return { programs, units, nextYear: jakartaYear(new Date(receivedAt(request))) + 1 }
})

export const action = withAppErrors(async ({ request }: ActionFunctionArgs) => {
  const viewer = await requireRole(request, 'ADMIN')
  const submission = parseWithZod(await readForm(request), { schema: newProgramSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const program = await createProgram(viewer, submission.value, new Date(receivedAt(request)))
  return redirect(`/program/${program.id}`)
})

export default function ProgramsPage() {
  const { programs, units, nextYear } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'new-program',
    lastResult: actionData?.result,
    constraint: getZodConstraint(newProgramSchema),
    defaultValue: { year: String(nextYear) },
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newProgramSchema }),
  })
  return (
    <>
      <h1>{t('program.title')}</h1>
      <p className="muted">{t('program.intro')}</p>
      {programs.length ? (
        <TableWrap label={t('program.title')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('program.name')}</th>
                <th scope="col">{t('program.year')}</th>
                <th scope="col">{t('program.scope')}</th>
                <th scope="col">{t('program.items')}</th>
              </tr>
            </thead>
            <tbody>
              {programs.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/program/${p.id}`}>{p.name}</Link>
                  </td>
                  <td>{p.year}</td>
                  <td>{p.scopeName}</td>
                  <td>{p._count.items}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p>{t('program.none')}</p>
      )}
      <h2>{t('program.new')}</h2>
      <Form method="post" className="card stack" {...getFormProps(form)}>
        <Field
          label={t('program.name')}
          inputProps={getInputProps(fields.name, { type: 'text' })}
          errors={fields.name.errors}
        />
        <Field
          label={t('program.year')}
          inputProps={getInputProps(fields.year, { type: 'number' })}
          errors={fields.year.errors}
        />
        <Field
          label={t('program.scope')}
          selectProps={getSelectProps(fields.scopeUnitId)}
          errors={fields.scopeUnitId.errors}
        >
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {'\u00a0'.repeat(u.depth * 2)}
              {u.name}
            </option>
          ))}
        </Field>
        <StatusButton>{t('program.create')}</StatusButton>
      </Form>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
