import { parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { UserForm } from '~/components/user-form'
import { jabatanOptions, unitOptions } from '~/models/org.server'
import {
  FieldError,
  getUserForAdmin,
  resetPassword,
  setActive,
  updateUser,
  userFormSchema,
} from '~/models/user.server'
import { requireRole } from '~/utils/auth.server'
import { formatNip } from '~/utils/nip'

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, 'ADMIN')
  const [user, units, jabatan] = await Promise.all([
    getUserForAdmin(params.userId!),
    unitOptions(),
    jabatanOptions(),
  ])
  if (!user) throw new Response('Pengguna tidak ditemukan.', { status: 404 })
  return { user, units, jabatan }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, 'ADMIN')
  const userId = params.userId!
  const formData = await request.formData()
  const intent = formData.get('intent')
  if (intent === 'deactivate' || intent === 'activate') {
    if (userId === admin.id)
      return data(
        {
          message: 'Anda tidak dapat menonaktifkan akun Anda sendiri.',
          error: true,
          result: undefined,
        },
        { status: 400 },
      )
    await setActive(userId, intent === 'activate')
    return {
      message:
        intent === 'activate'
          ? 'Akun diaktifkan kembali.'
          : 'Akun dinonaktifkan; semua sesinya diakhiri.',
      error: false,
      result: undefined,
    }
  }
  if (intent === 'reset-password') {
    const pw = await resetPassword(userId)
    return {
      message: `Kata sandi direset. Kata sandi sementara: ${pw}`,
      error: false,
      result: undefined,
    }
  }
  const submission = parseWithZod(formData, { schema: userFormSchema })
  if (submission.status !== 'success')
    return data({ result: submission.reply(), message: null, error: true }, { status: 400 })
  try {
    await updateUser(userId, submission.value)
    return { result: submission.reply(), message: 'Perubahan disimpan.', error: false }
  } catch (e) {
    if (e instanceof FieldError) {
      return data(
        {
          result: submission.reply({ fieldErrors: { [e.field]: [e.message] } }),
          message: null,
          error: true,
        },
        { status: 400 },
      )
    }
    throw e
  }
}

export default function EditUser() {
  const { user, units, jabatan } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <>
      <h1>{user.name}</h1>
      <p className="muted">
        NIP {formatNip(user.nip)} · {user.active ? 'Aktif' : 'Nonaktif'}
      </p>
      {actionData?.message ? (
        <p
          className={`alert ${actionData.error ? 'alert-error' : 'alert-info'}`}
          role="status"
          data-testid="admin-message"
        >
          {actionData.message}
        </p>
      ) : null}
      <div className="card" style={{ display: 'flex', gap: '1rem', flexWrap: 'wrap' }}>
        <Form method="post">
          <input type="hidden" name="intent" value={user.active ? 'deactivate' : 'activate'} />
          <button type="submit" className={user.active ? 'button-danger' : undefined}>
            {user.active ? 'Nonaktifkan akun' : 'Aktifkan kembali'}
          </button>
        </Form>
        <Form method="post">
          <input type="hidden" name="intent" value="reset-password" />
          <button type="submit" className="button-secondary">
            Reset kata sandi
          </button>
        </Form>
      </div>
      <h2>Data pegawai dan peran</h2>
      <UserForm
        key={user.id}
        options={{ units, jabatan }}
        lastResult={actionData?.result}
        submitLabel="Simpan perubahan"
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
