import { parseWithZod } from '~/utils/conform'
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { StatusButton } from '~/components/forms'
import { UserForm } from '~/components/user-form'
import { jabatanOptions, unitOptions } from '~/models/org.server'
import { getUserForAdmin, resetPassword, setActive, updateUser } from '~/models/user.server'
import { idSchema } from '~/schemas/common'
import { userFormSchema } from '~/schemas/user'
import { clientMeta, requireRole } from '~/utils/auth.server'
import { AppError, errorKey, InvalidError, NotFoundError } from '~/utils/errors'
import { pageTitle } from '~/utils/meta'
import { receivedAt } from '~/utils/misc'
import { formatNip } from '~/utils/nip'
import { readForm, routeParam, withAppErrors } from '~/utils/route-errors.server'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data?.user
    ? pageTitle(matches, { text: data.user.name })
    : pageTitle(matches, { key: 'ui.users.title' })

async function existingUser(params: Record<string, string | undefined>) {
  const userId = routeParam(params, 'userId', idSchema, 'user.notFound')
  const user = await getUserForAdmin(userId)
  if (!user) throw new NotFoundError('user.notFound')
  return user
}

export const loader = withAppErrors(async ({ request, params }: LoaderFunctionArgs) => {
  await requireRole(request, 'ADMIN')
  const [user, units, jabatan] = await Promise.all([
    existingUser(params),
    unitOptions(),
    jabatanOptions(),
  ])
  return { user, units, jabatan }
})

type Message = { key: string; params?: Record<string, string> }

export const action = withAppErrors(async ({ request, params }: ActionFunctionArgs) => {
  const admin = await requireRole(request, 'ADMIN')
  const { id: userId } = await existingUser(params)
  const formData = await readForm(request)
  const intent = formData.get('intent')
  if (intent === 'deactivate' || intent === 'activate') {
    if (userId === admin.id)
      return data(
        {
          message: { key: errorKey('user.selfDeactivate') } as Message,
          error: true,
          result: undefined,
        },
        { status: 400 },
      )
    try {
      await setActive(userId, intent === 'activate', {
        actorId: admin.id,
        ip: clientMeta(request).ip,
        at: new Date(receivedAt(request)),
      })
    } catch (e) {
      // A person whose unit was closed cannot be reactivated there (user.unitClosed).
      if (!(e instanceof AppError)) throw e
      return data(
        { message: { key: errorKey(e.code) } as Message, error: true, result: undefined },
        { status: e.status },
      )
    }
    return {
      message: {
        key: intent === 'activate' ? 'ui.users.activated' : 'ui.users.deactivated',
      } as Message,
      error: false,
      result: undefined,
    }
  }
  if (intent === 'reset-password') {
    const password = await resetPassword(userId)
    return {
      message: { key: 'ui.users.passwordReset', params: { password } } as Message,
      error: false,
      result: undefined,
    }
  }
  if (intent !== 'update') throw new InvalidError('input.unknownIntent')
  const submission = parseWithZod(formData, { schema: userFormSchema })
  if (submission.status !== 'success')
    return data({ result: submission.reply(), message: null, error: true }, { status: 400 })
  try {
    await updateUser(userId, submission.value, {
      actorId: admin.id,
      ip: clientMeta(request).ip,
      at: new Date(receivedAt(request)),
    })
    return {
      result: submission.reply(),
      message: { key: 'ui.users.saved' } as Message,
      error: false,
    }
  } catch (e) {
    if (e instanceof AppError && e.field) {
      return data(
        {
          result: submission.reply({ fieldErrors: { [e.field]: [e.code] } }),
          message: null,
          error: true,
        },
        { status: e.status },
      )
    }
    throw e
  }
})

export default function EditUser() {
  const { user, units, jabatan } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <>
      <h1>{user.name}</h1>
      <p className="muted">
        NIP {formatNip(user.nip)} · {user.active ? t('ui.common.active') : t('ui.common.inactive')}
      </p>
      {actionData?.message ? (
        <p
          className={`alert ${actionData.error ? 'alert-error' : 'alert-info'}`}
          role="status"
          data-testid="admin-message"
        >
          {t(actionData.message.key, actionData.message.params ?? {})}
        </p>
      ) : null}
      <div className="card button-row">
        {/* form-kit: intent only (decision 042) */}
        <Form method="post">
          <StatusButton
            intent={user.active ? 'deactivate' : 'activate'}
            className={user.active ? 'button-danger' : undefined}
          >
            {user.active ? t('ui.users.deactivate') : t('ui.users.activate')}
          </StatusButton>
        </Form>
        {/* form-kit: intent only (decision 042) */}
        <Form method="post">
          <StatusButton intent="reset-password" className="button-secondary">
            {t('ui.users.resetPassword')}
          </StatusButton>
        </Form>
      </div>
      <h2>{t('ui.users.dataHeading')}</h2>
      <UserForm
        key={user.id}
        options={{ units, jabatan }}
        lastResult={actionData?.result}
        submitLabel={t('ui.users.saveChanges')}
        intent="update"
        defaults={{
          employeeKind: user.employeeKind,
          nip: user.nip,
          name: user.name,
          email: user.email,
          unitId: user.unitId,
          jabatanId: user.jabatanId,
          supervisorNip: user.supervisor?.nip ?? '',
          roles: user.roles,
        }}
      />
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
