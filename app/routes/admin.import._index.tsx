import {
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from '@remix-run/node'
import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '~/utils/conform'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ErrorList, Field, StatusButton } from '~/components/forms'
import { createImport, ImportFileError, recentImports } from '~/models/asn-import.server'
import { IMPORT_MAX_BYTES, importUploadSchema } from '~/schemas/asn-import'
import { requireRole } from '~/utils/auth.server'
import { messageWith } from '~/utils/errors'

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
    // The file was over the limit before it could be read: the same reply as the schema's.
    const empty = parseWithZod(new FormData(), { schema: importUploadSchema })
    return data(
      { result: empty.reply({ fieldErrors: { file: ['screens.import.tooLarge'] } }) },
      { status: 400 },
    )
  }
  const submission = parseWithZod(form, { schema: importUploadSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const file = submission.value.file
  try {
    const id = await createImport(admin.id, {
      name: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
    })
    return redirect(`/admin/import/${id}`)
  } catch (e) {
    if (e instanceof ImportFileError)
      return data(
        { result: submission.reply({ fieldErrors: { file: [messageWith(e.code, e.params)] } }) },
        { status: 400 },
      )
    throw e
  }
}

export default function AsnImportPage() {
  const { imports } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'asn-import',
    lastResult: actionData?.result,
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: importUploadSchema }),
  })
  return (
    <>
      <h1>{t('super.import')}</h1>
      <p>{t('super.importHint')}</p>
      <Form method="post" encType="multipart/form-data" className="card" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} />
        <Field
          label={t('super.file')}
          inputProps={{
            ...getInputProps(fields.file, { type: 'file' }),
            id: 'file',
            accept: '.csv,.xlsx',
            required: true,
          }}
          errors={fields.file.errors}
        />
        <StatusButton className="button">{t('super.upload')}</StatusButton>
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
