// The one form kit: Conform + Zod on both sides, these components for the markup. Error
// messages are i18n keys (validation.*, errors.codes.*) or, from older callers, ready sentences.
import { useNavigation } from '@remix-run/react'
import { useId, type ButtonHTMLAttributes, type InputHTMLAttributes, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/** Translates an error message that is an i18n key; a plain sentence is shown as it is. */
export function useErrorText() {
  const { t } = useTranslation()
  return (message: string) => {
    if (/^[a-zA-Z][\w]*(\.[\w]+)+$/.test(message)) {
      const key = message.startsWith('validation.') ? message : `errors.codes.${message}`
      return t(key, { defaultValue: t(message, { defaultValue: message }) })
    }
    return message
  }
}

export function ErrorList({ id, errors }: { id?: string; errors?: (string | null | undefined)[] }) {
  const text = useErrorText()
  const list = (errors ?? []).filter((e): e is string => Boolean(e))
  if (!list.length) return null
  return (
    <ul id={id} className="error-list" role="alert">
      {list.map((e) => (
        <li key={e} className="field-error">
          {text(e)}
        </li>
      ))}
    </ul>
  )
}

export function Field({
  label,
  hint,
  inputProps,
  errors,
  errorId,
}: {
  label: ReactNode
  hint?: ReactNode
  inputProps: InputHTMLAttributes<HTMLInputElement>
  errors?: string[]
  errorId?: string
}) {
  const fallback = useId()
  const id = inputProps.id ?? fallback
  const errId = errorId ?? `${id}-error`
  const hintId = hint ? `${id}-hint` : undefined
  const invalid = Boolean(errors?.length)
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {hint ? (
          <>
            {' '}
            <span id={hintId} className="hint">
              {hint}
            </span>
          </>
        ) : null}
      </label>
      <input
        {...inputProps}
        id={id}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? errId : undefined}
      />
      <ErrorList id={errId} errors={errors} />
    </div>
  )
}

export function SelectField({
  label,
  hint,
  selectProps,
  errors,
  errorId,
  children,
}: {
  label: ReactNode
  hint?: ReactNode
  selectProps: React.SelectHTMLAttributes<HTMLSelectElement>
  errors?: string[]
  errorId?: string
  children: ReactNode
}) {
  const fallback = useId()
  const id = selectProps.id ?? fallback
  const errId = errorId ?? `${id}-error`
  const hintId = hint ? `${id}-hint` : undefined
  const invalid = Boolean(errors?.length)
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {hint ? (
          <>
            {' '}
            <span id={hintId} className="hint">
              {hint}
            </span>
          </>
        ) : null}
      </label>
      <select
        {...selectProps}
        id={id}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? errId : undefined}
      >
        {children}
      </select>
      <ErrorList id={errId} errors={errors} />
    </div>
  )
}

/**
 * A submit button that shows it is working while its form is submitting. The label stays in
 * place (no layout shift), so the first click always lands.
 */
export function StatusButton({
  pendingLabel,
  children,
  intent,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { pendingLabel?: ReactNode; intent?: string }) {
  const navigation = useNavigation()
  const pending =
    navigation.state === 'submitting' &&
    (intent === undefined || navigation.formData?.get('intent') === intent)
  return (
    <button
      type="submit"
      {...props}
      {...(intent ? { name: 'intent', value: intent } : {})}
      aria-disabled={pending || undefined}
      data-pending={pending || undefined}
    >
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  )
}
