// Form fields shared by the studio pages (course metadata, the intent forms), on the form kit:
// Conform + Zod with the action's own schema (app/schemas/studio.ts), errors next to the fields.
import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type FieldMetadata,
  type FormMetadata,
  type SubmissionResult,
} from '@conform-to/react'
import { parseWithZod } from '~/utils/conform'
import { Form, useActionData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { ZodTypeAny } from 'zod'
import { ErrorList, Field, FormIntent } from './forms'

/** What a studio action answers about a form: Conform's reply and the form it belongs to. */
export type StudioFormReply = { result?: SubmissionResult<string[]>; formKey?: string }

/**
 * A studio form on Conform: its id is `formKey` (app/schemas/studio.ts `courseFormKey`), and the
 * action's last reply shows on it only when it came from this form. Checked in the browser with
 * the action's schema; without JavaScript the action answers the same errors.
 */
export function useStudioForm<S extends ZodTypeAny>(
  schema: S,
  formKey: string,
  defaultValue: Record<string, unknown> = {},
) {
  const reply = useActionData<StudioFormReply>()
  return useForm<Record<string, unknown>, unknown, string[]>({
    id: `studio-${formKey}`,
    lastResult: reply?.formKey === formKey ? reply.result : undefined,
    defaultValue: defaultValue as never,
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
}

type AnyForm = FormMetadata<Record<string, unknown>, string[]>

/**
 * A POST form of a studio page naming its intent (sent by its StatusButton, decision 045) and the
 * ids it acts on (hidden fields): every structural edit works without JavaScript. Its own errors (and those of the hidden fields: an
 * id that is not one) show above its fields. Inline (one button) unless `className` says otherwise.
 */
export function IntentForm({
  form,
  intent,
  fields = {},
  className = 'inline-form',
  children,
}: {
  form: AnyForm
  intent: string
  fields?: Record<string, string>
  className?: string
  children: ReactNode
}) {
  const all = form.getFieldset()
  const hiddenErrors = Object.keys(fields).flatMap((name) => all[name]?.errors ?? [])
  return (
    <Form method="post" className={className} {...getFormProps(form)}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <ErrorList id={form.errorId} errors={[...(form.errors ?? []), ...hiddenErrors]} />
      <FormIntent.Provider value={intent}>{children}</FormIntent.Provider>
    </Form>
  )
}

const AREAS = ['LITERASI_DIGITAL', 'MANAJEMEN_KEUANGAN', 'PELAYANAN_PUBLIK'] as const

/** The fields of a studio form (`useStudioForm`'s second value). */
export type StudioFields = ReturnType<AnyForm['getFieldset']>

/** A field of the loosely typed studio forms, as Conform's helpers take a text field. */
export const text = (f: FieldMetadata<unknown, Record<string, unknown>, string[]> | undefined) =>
  f as FieldMetadata<string, Record<string, unknown>, string[]>

/** The course's title, summary, area, JP and pass mark (new course, course page). */
export function CourseMetaFields({ fields }: { fields: StudioFields }) {
  const { t } = useTranslation()
  return (
    <>
      <Field
        label={t('studio.meta.title')}
        inputProps={{
          ...getInputProps(text(fields.title), { type: 'text' }),
          id: 'meta-title',
          required: true,
          minLength: 3,
          maxLength: 200,
        }}
        errors={fields.title.errors}
      />
      <Field
        label={t('studio.meta.summary')}
        textareaProps={{
          ...getTextareaProps(text(fields.summary)),
          id: 'meta-summary',
          required: true,
          minLength: 20,
          maxLength: 2000,
          rows: 3,
        }}
        errors={fields.summary.errors}
      />
      <Field
        label={t('studio.meta.area')}
        selectProps={{ ...getSelectProps(text(fields.area)), id: 'meta-area' }}
        errors={fields.area.errors}
      >
        {AREAS.map((a) => (
          <option key={a} value={a}>
            {t(`ui.areas.${a}`)}
          </option>
        ))}
      </Field>
      <Field
        label={t('studio.meta.jp')}
        inputProps={{
          ...getInputProps(text(fields.jp), { type: 'number' }),
          id: 'meta-jp',
          min: 1,
          max: 200,
          required: true,
        }}
        errors={fields.jp.errors}
      />
      <Field
        label={t('studio.meta.passMark')}
        inputProps={{
          ...getInputProps(text(fields.passMark), { type: 'number' }),
          id: 'meta-pass',
          min: 1,
          max: 100,
          required: true,
        }}
        errors={fields.passMark.errors}
      />
    </>
  )
}

/** The metadata form's starting values: the course's, or a new course's. */
export function courseMetaDefaults(values?: {
  title: string
  summary: string
  area: string
  jp: number
  passMark: number
}) {
  return {
    title: values?.title ?? '',
    summary: values?.summary ?? '',
    area: values?.area ?? AREAS[0],
    jp: String(values?.jp ?? 2),
    passMark: String(values?.passMark ?? 70),
  }
}

/** Text of a studio message: a form message (studio.validation.*) or an error code. */
export function useStudioMessage() {
  const { t } = useTranslation()
  return (code: string, params?: Record<string, unknown>) =>
    code.startsWith('studio.validation.')
      ? t(code, params ?? {})
      : t(`errors.codes.${code}`, { ...(params ?? {}), defaultValue: t('errors.status.400') })
}
