import {
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { useErrorText } from '~/components/forms'
import {
  createImport,
  IMPORT_MAX_BYTES,
  ImportFileError,
  recentImports,
} from '~/models/asn-import.server'
import { requireRole } from '~/utils/auth.server'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'ADMIN')
  return { imports: await recentImports() }
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, 'ADMIN')
  let form: FormData
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: IMPORT_MAX_BYTES }),
    )
  } catch {
    return { error: 'screens.import.tooLarge' }
  }
  const file = form.get('file')
  if (!(file instanceof File) || file.size === 0) return { error: 'screens.import.noFile' }
  try {
    const id = await createImport(admin.id, {
      name: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
    })
    return redirect(`/admin/import/${id}`)
  } catch (e) {
    if (e instanceof ImportFileError) return { error: e.message }
    throw e
  }
}

export default function AsnImportPage() {
  const { imports } = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>()
  const { t } = useTranslation()
  const errorText = useErrorText()
  return (
    <>
      <h1>{t('super.import')}</h1>
      <p>{t('super.importHint')}</p>
      <Form method="post" encType="multipart/form-data" className="card">
        {data?.error ? (
          <p className="alert alert-error" role="alert">
            {errorText(data.error)}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="file">{t('super.file')}</label>
          <input id="file" name="file" type="file" accept=".csv,.xlsx" required />
        </div>
        <button type="submit" className="button">
          {t('super.upload')}
        </button>
      </Form>
      <h2>{t('super.recent')}</h2>
      {imports.length ? (
        <ul>
          {imports.map((i) => (
            <li key={i.id}>
              <Link to={`/admin/import/${i.id}`}>{i.fileName}</Link> —{' '}
              {t(`super.importStatus.${i.status}`)} ({i.total} {t('super.rows').toLowerCase()})
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('super.none')}</p>
      )}
    </>
  )
}
