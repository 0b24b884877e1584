// The one form kit: Conform + Zod on both sides, these components for the markup. Error
// messages are i18n keys (validation.*, errors.codes.*) or, from older callers, ready sentences.
import { getFormProps, useForm, type FormMetadata, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '~/utils/conform'
import { Form, useLocation, useNavigation, type FormProps } from '@remix-run/react'
import {
  createContext,
  useContext,
  useId,
  type ButtonHTMLAttributes,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react'
import { useTranslation } from 'react-i18next'
import type { z, ZodTypeAny } from 'zod'
import { messageKey, readMessage, type CodedMessage } from '~/utils/errors'

/** Translates an error message that is an i18n key; a plain sentence is shown as it is. */
export function useErrorText() {
  const { t } = useTranslation()
  return (message: string | CodedMessage) => {
    const coded = typeof message === 'string' ? readMessage(message) : message
    if (!coded) return message as string
    const params = coded.params ?? {}
    // A code (errors.codes.* / errors.validation.*), else a full key (older callers), else as is.
    return t(messageKey(coded.code), {
      ...params,
      defaultValue: t(coded.code, {
        ...params,
        defaultValue: typeof message === 'string' ? message : coded.code,
      }),
    })
  }
}

export function ErrorList({ id, errors }: { id?: string; errors?: (string | null | undefined)[] }) {
  const text = useErrorText()
  const list = (errors ?? []).filter((e): e is string => Boolean(e))
  if (!list.length) return null
  // The alert role sits on a wrapper: on the <ul> it would hide the list from assistive
  // technology, leaving its items outside any list (axe: listitem).
  return (
    <div id={id} role="alert">
      <ul className="error-list">
        {list.map((e) => (
          <li key={e} className="field-error">
            {text(e)}
          </li>
        ))}
      </ul>
    </div>
  )
}

/**
 * One labelled form control with its hint and errors: an input (`inputProps`), a textarea
 * (`textareaProps`) or, with `selectProps`, a select whose options are the children. The error
 * list is linked to the control (aria-describedby) only while there are errors.
 */
export function Field({
  label,
  hint,
  inputProps,
  selectProps,
  textareaProps,
  errors,
  errorId,
  children,
}: {
  label: ReactNode
  hint?: ReactNode
  errors?: string[]
  errorId?: string
} & (
  | {
      inputProps: InputHTMLAttributes<HTMLInputElement>
      selectProps?: never
      textareaProps?: never
      children?: never
    }
  | {
      textareaProps: TextareaHTMLAttributes<HTMLTextAreaElement>
      inputProps?: never
      selectProps?: never
      children?: never
    }
  | {
      selectProps: SelectHTMLAttributes<HTMLSelectElement>
      inputProps?: never
      textareaProps?: never
      children: ReactNode
    }
)) {
  const fallback = useId()
  const id = (inputProps ?? selectProps ?? textareaProps).id ?? fallback
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
      ) : textareaProps ? (
        <textarea {...textareaProps} {...aria} />
      ) : (
        <input {...inputProps} {...aria} />
      )}
      <ErrorList id={errId} errors={errors} />
    </div>
  )
}

/**
 * The intent of the forms inside (`IntentForm` of the studio): a StatusButton without its own
 * `intent` sends this one.
 */
export const FormIntent = createContext<string | undefined>(undefined)

/**
 * A submit button that shows it is working while its form is submitting. The label stays in
 * place (no layout shift), so the first click always lands.
 *
 * The one way a POST form names its intent (decision 045): the button that submits it, as
 * `name="intent" value=…` (`intent`, else the enclosing `FormIntent`). The browser sends the
 * submitting button's value, so this works without JavaScript (Enter in a field submits through
 * the form's first button); forms hold no hidden `intent` input (tests/unit/forms-kit.test.ts).
 */
export function StatusButton({
  pendingLabel,
  children,
  intent: own,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { pendingLabel?: ReactNode; intent?: string }) {
  const navigation = useNavigation()
  const inherited = useContext(FormIntent)
  const intent = own ?? inherited
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

type SearchFields<S extends ZodTypeAny> = ReturnType<
  FormMetadata<z.input<S>, string[]>['getFieldset']
>

type SearchFormProps<S extends ZodTypeAny> = {
  /** The form's id (Conform derives the fields' ids from it). */
  id: string
  /** The same schema the loader parses the URL with (app/utils/search-params.server.ts). */
  schema: S
  /** The loader's reply when a value was ignored: the form shows why, next to the field. */
  result?: SubmissionResult<string[]>
  /** The values in force, as the inputs hold them. */
  defaultValue: Record<string, unknown>
  children: (fields: SearchFields<S>) => ReactNode
} & Omit<FormProps, 'method' | 'children' | 'id' | 'onSubmit' | 'noValidate' | 'defaultValue'>

/**
 * A GET form (search, filters) on Conform + Zod: the browser checks it with the loader's schema,
 * and the loader's reply shows which value from the URL was ignored. It is a plain GET form, so it
 * works without JavaScript. Keyed by the URL's query, so the fields follow back/forward and links.
 */
export function SearchForm<S extends ZodTypeAny>(props: SearchFormProps<S>) {
  const { search } = useLocation()
  return <SearchFormInner key={search} {...props} />
}

function SearchFormInner<S extends ZodTypeAny>(props: SearchFormProps<S>) {
  // On the server, a form without a reply (the usual page view) needs only ids, names and
  // initial values: they are written without Conform's form context (decision 125).
  const metadata =
    typeof document === 'undefined' && !props.result
      ? staticSearchMetadata(props.id, props.defaultValue)
      : null
  return metadata ? (
    <StaticSearchForm
      {...props}
      form={metadata[0] as unknown as FormMetadata}
      fields={metadata[1] as SearchFields<S>}
    />
  ) : (
    <ConformSearchForm {...props} />
  )
}

function StaticSearchForm<S extends ZodTypeAny>(
  props: SearchFormProps<S> & { form: FormMetadata; fields: SearchFields<S> },
) {
  // Conform's useForm calls useId (useFormId) at this level: so does this, so that ids React
  // derives for the form's descendants are the same on the server and when the browser hydrates.
  useId()
  return <SearchFormMarkup {...props} />
}

function ConformSearchForm<S extends ZodTypeAny>(props: SearchFormProps<S>) {
  const { id, schema, result, defaultValue } = props
  const [form, fields] = useForm<z.input<S>, z.output<S>, string[]>({
    id,
    lastResult: result,
    defaultValue: defaultValue as never,
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
  return <SearchFormMarkup {...props} form={form} fields={fields as SearchFields<S>} />
}

function SearchFormMarkup<S extends ZodTypeAny>({
  id: _id,
  schema: _schema,
  result: _result,
  defaultValue: _defaultValue,
  children,
  form,
  fields,
  ...formProps
}: SearchFormProps<S> & {
  form: Pick<FormMetadata, 'id' | 'errorId' | 'errors'>
  fields: SearchFields<S>
}) {
  return (
    <Form method="get" {...formProps} {...getFormProps(form as FormMetadata)}>
      <ErrorList id={form.errorId} errors={form.errors} />
      {children(fields)}
    </Form>
  )
}

/** What getFormProps and the field helpers read of Conform's form metadata. */
interface StaticFormMetadata {
  id: string
  errorId: string
  descriptionId: string
  errors: string[] | undefined
  noValidate: boolean
  onSubmit: undefined
}

/** A value as Conform's form state holds it (serialize, then normalize), or null if not flat. */
function initialValueOf(value: unknown): string | undefined | null {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'string') return value === '' ? undefined : value
  if (typeof value === 'number' || typeof value === 'bigint') return value.toString()
  if (typeof value === 'boolean') return value ? 'on' : undefined
  if (value instanceof Date) return value.toISOString()
  return null
}

/**
 * Conform's metadata of a GET form as `useForm` gives it on the server when there is no reply:
 * no errors, no constraints, the flat default values as its state holds them, its ids
 * (`<form>-<name>`, `…-error`, `…-description`) and `noValidate`. Null when a default value is
 * not flat (a list or an object): Conform's own path then renders the form. Kept identical to
 * Conform's by tests/unit/search-form-metadata.test.ts.
 */
export function staticSearchMetadata(
  id: string,
  defaultValue: Record<string, unknown>,
): [StaticFormMetadata, Record<string, unknown>] | null {
  const initial = new Map<string, string | undefined>()
  for (const name in defaultValue) {
    const v = initialValueOf(defaultValue[name])
    if (v === null) return null
    initial.set(name, v)
  }
  const form: StaticFormMetadata = {
    id,
    errorId: `${id}-error`,
    descriptionId: `${id}-description`,
    errors: undefined,
    noValidate: true,
    onSubmit: undefined,
  }
  const field = (name: string) => {
    const fid = `${id}-${name}`
    return {
      id: fid,
      name,
      formId: id,
      errorId: `${fid}-error`,
      descriptionId: `${fid}-description`,
      initialValue: initial.get(name),
      errors: undefined,
    }
  }
  const fields = new Proxy({} as Record<string, unknown>, {
    get: (_, name) => (typeof name === 'string' ? field(name) : undefined),
  })
  return [form, fields]
}
