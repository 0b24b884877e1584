import { parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { UserForm } from '~/components/user-form'
import { jabatanOptions, unitOptions } from '~/models/org.server'
import { createUser, FieldError, userFormSchema } from '~/models/user.server'
import { requireRole } from '~/utils/auth.server'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'ADMIN')
  const [units, jabatan] = await Promise.all([unitOptions(), jabatanOptions()])
  return { units, jabatan }
}

export async function action({ request }: ActionFunctionArgs) {
  await requireRole(request, 'ADMIN')
  const submission = parseWithZod(await request.formData(), { schema: userFormSchema })
  if (submission.status !== 'success')
    return data({ result: submission.reply(), created: null }, { status: 400 })
  try {
    const { user, temporaryPassword } = await createUser(submission.value)
    return {
      result: submission.reply({ resetForm: true }),
      created: { id: user.id, name: user.name, temporaryPassword },
    }
  } catch (e) {
    if (e instanceof FieldError) {
      return data(
        { result: submission.reply({ fieldErrors: { [e.field]: [e.message] } }), created: null },
        { status: 400 },
      )
    }
    throw e
  }
}

export default function NewUser() {
  const options = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <>
      <h1>Tambah pengguna</h1>
      {actionData?.created ? (
        <div className="alert alert-info" role="status" data-testid="created">
          Akun <Link to={`/admin/users/${actionData.created.id}`}>{actionData.created.name}</Link>{' '}
          dibuat. Kata sandi sementara:{' '}
          <code data-testid="temp-password">{actionData.created.temporaryPassword}</code> —
          sampaikan secara langsung; kata sandi ini tidak ditampilkan lagi.
        </div>
      ) : null}
      <UserForm options={options} lastResult={actionData?.result} submitLabel="Simpan" />
    </>
  )
}
