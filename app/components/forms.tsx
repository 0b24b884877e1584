// The one form kit: Conform + Zod on both sides, these components for the markup. Error
// messages are i18n keys (validation.*, errors.codes.*) or, from older callers, ready sentences.
import { useNavigation } from '@remix-run/react'
import {
  useId,
  type ButtonHTMLAttributes,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
} from 'react'
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

/**
 * One labelled form control with its hint and errors: an input (`inputProps`) or, with
 * `selectProps`, a select whose options are the children. The error list is linked to the control
 * (aria-describedby) only while there are errors.
 */
export function Field({
  label,
  hint,
  inputProps,
  selectProps,
  errors,
  errorId,
  children,
}: {
  label: ReactNode
  hint?: ReactNode
  errors?: string[]
  errorId?: string
} & (
  | { inputProps: InputHTMLAttributes<HTMLInputElement>; selectProps?: never; children?: never }
  | {
      selectProps: SelectHTMLAttributes<HTMLSelectElement>
      inputProps?: never
      children: ReactNode
    }
)) {
  const fallback = useId()
  const id = (inputProps ?? selectProps).id ?? fallback
  const errId = errorId ?? `${id}-error`
  const hintId = hint ? `${id}-hint` : undefined
  const invalid = Boolean(errors?.length)
  const aria = {
    id,
    'aria-invalid': invalid || undefined,
    'aria-describedby': invalid ? errId : undefined,
  }
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
      {selectProps ? (
        <select {...selectProps} {...aria}>
          {children}
        </select>
      ) : (
        <input {...inputProps} {...aria} />
      )}
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
