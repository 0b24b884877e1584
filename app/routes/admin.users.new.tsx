import { parseWithZod } from '~/utils/conform'
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { UserForm } from '~/components/user-form'
import { jabatanOptions, unitOptions } from '~/models/org.server'
import { createUser } from '~/models/user.server'
import { userFormSchema } from '~/schemas/user'
import { clientMeta, requireRole } from '~/utils/auth.server'
import { AppError } from '~/utils/errors'
import { pageTitle } from '~/utils/meta'
import { receivedAt } from '~/utils/misc'
import { readForm, withAppErrors } from '~/utils/route-errors.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: 'ui.users.add' })

export const loader = withAppErrors(async ({ request }: LoaderFunctionArgs) => {
  await requireRole(request, 'ADMIN')
  const [units, jabatan] = await Promise.all([unitOptions(), jabatanOptions()])
  return { units, jabatan }
})

export const action = withAppErrors(async ({ request }: ActionFunctionArgs) => {
  const admin = await requireRole(request, 'ADMIN')
  const submission = parseWithZod(await readForm(request), { schema: userFormSchema })
  if (submission.status !== 'success')
    return data({ result: submission.reply(), created: null }, { status: 400 })
  try {
    const { user, temporaryPassword } = await createUser(submission.value, {
      actorId: admin.id,
      ip: clientMeta(request).ip,
      at: new Date(receivedAt(request)),
    })
    return {
      result: submission.reply({ resetForm: true }),
      created: { id: user.id, name: user.name, temporaryPassword },
    }
  } catch (e) {
    if (e instanceof AppError && e.field) {
      return data(
        { result: submission.reply({ fieldErrors: { [e.field]: [e.code] } }), created: null },
        { status: e.status },
      )
    }
    throw e
  }
})

export default function NewUser() {
  const options = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <>
      <h1>{t('ui.users.add')}</h1>
      {actionData?.created ? (
        <div className="alert alert-info" role="status" data-testid="created">
          {t('ui.users.created', { name: actionData.created.name })}{' '}
          <code data-testid="temp-password">{actionData.created.temporaryPassword}</code>{' '}
          {t('ui.users.createdNote')}{' '}
          <Link to={`/admin/users/${actionData.created.id}`}>{actionData.created.name}</Link>
        </div>
      ) : null}
      <UserForm
        options={options}
        lastResult={actionData?.result}
        submitLabel={t('ui.users.save')}
      />
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
