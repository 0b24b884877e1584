import {
  getFormProps,
  getInputProps,
  getSelectProps,
  useForm,
  type SubmissionResult,
} from '@conform-to/react'
import { parseWithZod } from '~/utils/conform'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { EMPLOYEE_KINDS, ROLES, userFormSchema } from '~/schemas/user'
import { ErrorList, Field, StatusButton } from './forms'

export interface UserFormOptions {
  units: { id: string; name: string; depth: number }[]
  jabatan: { id: string; name: string }[]
}

export interface UserFormDefaults {
  employeeKind?: string
  nip?: string
  name?: string
  email?: string
  unitId?: string | null
  jabatanId?: string | null
  supervisorNip?: string
  roles?: string[]
}

/** The admin's user form (create and edit): Conform + the shared Zod schema, works without JS. */
export function UserForm({
  options,
  defaults,
  lastResult,
  submitLabel,
  intent,
}: {
  options: UserFormOptions
  defaults?: UserFormDefaults
  lastResult?: SubmissionResult<string[]>
  submitLabel: string
  intent?: string
}) {
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'user-form',
    lastResult,
    defaultValue: { roles: ['ASN'], employeeKind: 'PNS', ...defaults },
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: userFormSchema }),
  })
  const selectedRoles = new Set(defaults?.roles ?? ['ASN'])
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <ErrorList id={form.errorId} errors={form.errors} />
      <Field
        label={t('ui.users.employeeKind')}
        selectProps={getSelectProps(fields.employeeKind)}
        errors={fields.employeeKind.errors}
        errorId={fields.employeeKind.errorId}
      >
        {EMPLOYEE_KINDS.map((k) => (
          <option key={k} value={k}>
            {k}
          </option>
        ))}
      </Field>
      <Field
        label="NIP"
        hint={t('ui.users.nipHint')}
        inputProps={{ ...getInputProps(fields.nip, { type: 'text' }), inputMode: 'numeric' }}
        errors={fields.nip.errors}
        errorId={fields.nip.errorId}
      />
      <Field
        label={t('ui.users.fullName')}
        inputProps={getInputProps(fields.name, { type: 'text' })}
        errors={fields.name.errors}
        errorId={fields.name.errorId}
      />
      <Field
        label={t('ui.users.email')}
        inputProps={getInputProps(fields.email, { type: 'email' })}
        errors={fields.email.errors}
        errorId={fields.email.errorId}
      />
      <Field
        label={t('ui.users.unit')}
        selectProps={getSelectProps(fields.unitId)}
        errors={fields.unitId.errors}
        errorId={fields.unitId.errorId}
      >
        <option value="">{t('ui.users.pickUnit')}</option>
        {options.units.map((u) => (
          <option key={u.id} value={u.id}>
            {'\u00a0\u00a0'.repeat(u.depth)}
            {u.name}
          </option>
        ))}
      </Field>
      <Field
        label={t('ui.users.jabatan')}
        selectProps={getSelectProps(fields.jabatanId)}
        errors={fields.jabatanId.errors}
        errorId={fields.jabatanId.errorId}
      >
        <option value="">{t('ui.users.pickJabatan')}</option>
        {options.jabatan.map((j) => (
          <option key={j.id} value={j.id}>
            {j.name}
          </option>
        ))}
      </Field>
      <Field
        label={t('ui.users.supervisorNip')}
        hint={t('ui.users.optional')}
        inputProps={{
          ...getInputProps(fields.supervisorNip, { type: 'text' }),
          inputMode: 'numeric',
        }}
        errors={fields.supervisorNip.errors}
        errorId={fields.supervisorNip.errorId}
      />
      <fieldset className="field">
        <legend>{t('ui.users.roles')}</legend>
        {ROLES.map((r) => (
          <label key={r} style={{ fontWeight: 400 }}>
            <input
              type="checkbox"
              name={fields.roles.name}
              value={r}
              defaultChecked={selectedRoles.has(r)}
            />{' '}
            {t(`roles.${r}`)}
          </label>
        ))}
        <ErrorList id={fields.roles.errorId} errors={fields.roles.errors} />
      </fieldset>
      <div>
        <StatusButton intent={intent} pendingLabel={t('ui.common.saving')}>
          {submitLabel}
        </StatusButton>
      </div>
    </Form>
  )
}
