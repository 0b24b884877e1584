// The competency + level pair of a question or a course: the question editor, the question-bank
// import's mapping (a default pair and one per category) and the studio's course competencies.
// One component, so the choices, their order and their labels agree everywhere.
import type { ReactNode, SelectHTMLAttributes } from 'react'
import { MAX_LEVEL } from '~/domain/rating'
import { Field } from './forms'

/** The competency levels a question or a course can name: 1 to MAX_LEVEL. */
export const LEVELS = Array.from({ length: MAX_LEVEL }, (_, i) => i + 1)

type SelectField = {
  label: ReactNode
  selectProps: SelectHTMLAttributes<HTMLSelectElement>
  errors?: string[]
}

export function CompetencyLevelFields({
  competencies,
  value = 'id',
  competency,
  level,
  unset,
}: {
  competencies: { id?: string; code: string; name: string }[]
  /** What a competency option sends: its id (question bank) or its code (studio). */
  value?: 'id' | 'code'
  competency: SelectField
  level: SelectField
  /** An empty first option on both selects (e.g. "use the default"), for an optional pair. */
  unset?: ReactNode
}) {
  const empty = unset ? <option value="">{unset}</option> : null
  return (
    <>
      <Field
        label={competency.label}
        selectProps={competency.selectProps}
        errors={competency.errors}
      >
        {empty}
        {competencies.map((c) => (
          <option key={c.code} value={value === 'id' ? c.id : c.code}>
            {c.code} — {c.name}
          </option>
        ))}
      </Field>
      <Field label={level.label} selectProps={level.selectProps} errors={level.errors}>
        {empty}
        {LEVELS.map((l) => (
          <option key={l} value={String(l)}>
            {l}
          </option>
        ))}
      </Field>
    </>
  )
}
