// The people search (name or NIP, paged) of the team list and the admin's user list: one GET form
// on the shared nameSearchSchema, so both pages validate, explain and render it alike.
import { getInputProps, type SubmissionResult } from '@conform-to/react'
import { useTranslation } from 'react-i18next'
import { ErrorList, Field, SearchForm } from '~/components/forms'
import { nameSearchSchema } from '~/schemas/search'

export function NameSearchForm({
  id,
  label,
  q,
  result,
}: {
  id: string
  /** The field's label, already translated. */
  label: string
  /** The search in force. */
  q: string
  /** The loader's reply when a value from the URL was ignored. */
  result?: SubmissionResult<string[]>
}) {
  const { t } = useTranslation()
  return (
    <SearchForm
      id={id}
      schema={nameSearchSchema}
      result={result}
      defaultValue={{ q }}
      role="search"
      className="inline-form"
      style={{ marginBottom: '1rem' }}
    >
      {(fields) => (
        <>
          <Field
            label={label}
            inputProps={{ ...getInputProps(fields.q, { type: 'search' }), maxLength: 200 }}
            errors={fields.q.errors}
          />
          <ErrorList errors={fields.page.errors} />
          <button type="submit">{t('ui.common.search')}</button>
        </>
      )}
    </SearchForm>
  )
}
