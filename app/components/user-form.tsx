import {
  getFormProps,
  getInputProps,
  getSelectProps,
  useForm,
  type SubmissionResult,
} from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

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

const ROLE_KEYS = ['ASN', 'INSTRUCTOR', 'SUPERVISOR', 'ADMIN'] as const

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
  })
  const err = (f: { errors?: string[]; errorId: string }) =>
    f.errors ? (
      <p className="field-error" id={f.errorId} role="alert">
        {f.errors.join(' ')}
      </p>
    ) : null
  const selectedRoles = new Set(defaults?.roles ?? ['ASN'])
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      {form.errors?.length ? (
        <div className="alert alert-error" role="alert">
          {form.errors.join(' ')}
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={fields.employeeKind.id}>Status kepegawaian</label>
        <select {...getSelectProps(fields.employeeKind)}>
          <option value="PNS">PNS</option>
          <option value="PPPK">PPPK</option>
        </select>
        {err(fields.employeeKind)}
      </div>
      <div className="field">
        <label htmlFor={fields.nip.id}>
          NIP <span className="hint">18 digit, contoh 19850312 201001 1 003</span>
        </label>
        <input {...getInputProps(fields.nip, { type: 'text' })} inputMode="numeric" />
        {err(fields.nip)}
      </div>
      <div className="field">
        <label htmlFor={fields.name.id}>Nama lengkap (dengan gelar)</label>
        <input {...getInputProps(fields.name, { type: 'text' })} />
        {err(fields.name)}
      </div>
      <div className="field">
        <label htmlFor={fields.email.id}>Email</label>
        <input {...getInputProps(fields.email, { type: 'email' })} />
        {err(fields.email)}
      </div>
      <div className="field">
        <label htmlFor={fields.unitId.id}>Unit kerja</label>
        <select {...getSelectProps(fields.unitId)}>
          <option value="">— pilih unit —</option>
          {options.units.map((u) => (
            <option key={u.id} value={u.id}>
              {'\u00a0\u00a0'.repeat(u.depth)}
              {u.name}
            </option>
          ))}
        </select>
        {err(fields.unitId)}
      </div>
      <div className="field">
        <label htmlFor={fields.jabatanId.id}>Jabatan</label>
        <select {...getSelectProps(fields.jabatanId)}>
          <option value="">— pilih jabatan —</option>
          {options.jabatan.map((j) => (
            <option key={j.id} value={j.id}>
              {j.name}
            </option>
          ))}
        </select>
        {err(fields.jabatanId)}
      </div>
      <div className="field">
        <label htmlFor={fields.supervisorNip.id}>
          NIP atasan langsung <span className="hint">boleh dikosongkan</span>
        </label>
        <input {...getInputProps(fields.supervisorNip, { type: 'text' })} inputMode="numeric" />
        {err(fields.supervisorNip)}
      </div>
      <fieldset className="field">
        <legend>Peran</legend>
        {ROLE_KEYS.map((r) => (
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
        {err(fields.roles)}
      </fieldset>
      <button type="submit">{submitLabel}</button>
    </Form>
  )
}
