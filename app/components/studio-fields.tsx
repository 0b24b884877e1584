// Form fields shared by the studio pages (course metadata, the intent forms).
import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/**
 * A POST form of a studio page naming its intent and the ids it acts on (hidden fields): every
 * structural edit works without JavaScript. Inline (one button) unless `className` says otherwise.
 */
export function IntentForm({
  intent,
  fields = {},
  className = 'inline-form',
  children,
}: {
  intent: string
  fields?: Record<string, string>
  className?: string
  children: ReactNode
}) {
  return (
    <Form method="post" className={className}>
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
    </Form>
  )
}

const AREAS = ['LITERASI_DIGITAL', 'MANAJEMEN_KEUANGAN', 'PELAYANAN_PUBLIK'] as const

export function CourseMetaFields({
  values,
  errorField,
}: {
  values?: { title: string; summary: string; area: string; jp: number; passMark: number }
  errorField?: string
}) {
  const { t } = useTranslation()
  const invalid = (name: string) => (errorField === name ? true : undefined)
  return (
    <>
      <div className="field">
        <label htmlFor="meta-title">{t('studio.meta.title')}</label>
        <input
          id="meta-title"
          name="title"
          required
          minLength={3}
          maxLength={200}
          defaultValue={values?.title}
          aria-invalid={invalid('title')}
        />
      </div>
      <div className="field">
        <label htmlFor="meta-summary">{t('studio.meta.summary')}</label>
        <textarea
          id="meta-summary"
          name="summary"
          required
          minLength={20}
          maxLength={2000}
          rows={3}
          defaultValue={values?.summary}
          aria-invalid={invalid('summary')}
        />
      </div>
      <div className="field">
        <label htmlFor="meta-area">{t('studio.meta.area')}</label>
        <select id="meta-area" name="area" defaultValue={values?.area ?? AREAS[0]}>
          {AREAS.map((a) => (
            <option key={a} value={a}>
              {t(`ui.areas.${a}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="meta-jp">{t('studio.meta.jp')}</label>
        <input
          id="meta-jp"
          name="jp"
          type="number"
          min={1}
          max={200}
          required
          defaultValue={values?.jp ?? 2}
          aria-invalid={invalid('jp')}
        />
      </div>
      <div className="field">
        <label htmlFor="meta-pass">{t('studio.meta.passMark')}</label>
        <input
          id="meta-pass"
          name="passMark"
          type="number"
          min={1}
          max={100}
          required
          defaultValue={values?.passMark ?? 70}
          aria-invalid={invalid('passMark')}
        />
      </div>
    </>
  )
}

/** Text of a studio message: a form message (studio.validation.*) or an error code. */
export function useStudioMessage() {
  const { t } = useTranslation()
  return (code: string, params?: Record<string, unknown>) =>
    code.startsWith('studio.validation.')
      ? t(code, params ?? {})
      : t(`errors.codes.${code}`, { ...(params ?? {}), defaultValue: t('errors.status.400') })
}
