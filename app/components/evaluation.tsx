// Evaluation UI pieces (area eval): the survey link of a completed course, server-rendered SVG
// bar charts (no JavaScript needed) and the message key of an evaluation error code.
import { useId } from 'react'
import { useTranslation } from 'react-i18next'

/** i18n key of an error code thrown by the evaluation models. */
export function evalErrorKey(code: string) {
  return `evaluation.errors.${code.replace(/^evaluation\./, '').replace(/\./g, '_')}`
}

/** Link to a course's evaluation survey (shown with the completion). */
export function SurveyLink({ slug }: { slug: string }) {
  const { t } = useTranslation()
  return (
    <a className="button" href={`/evaluasi/survei/${slug}`} data-testid="survey-link">
      {t('evaluation.surveyLink')}
    </a>
  )
}

export interface ChartRow {
  label: string
  values: { name: string; value: number; text: string }[]
}

const COLOURS = ['#1f4e79', '#b35c00', '#2e7d32']

/**
 * Horizontal bars, one group per row (label above, one bar per value), scaled to `max`. Drawn on
 * the server as SVG: readable at 360 px, without JavaScript; the title names it for screen readers.
 */
export function BarChart({
  title,
  rows,
  max,
  testId,
}: {
  title: string
  rows: ChartRow[]
  max: number
  testId?: string
}) {
  const id = useId()
  const width = 320
  const labelH = 16
  const barH = 14
  const gap = 10
  const valueW = 44
  const seriesCount = Math.max(1, ...rows.map((r) => r.values.length))
  const groupH = labelH + seriesCount * (barH + 3) + gap
  const height = Math.max(groupH * rows.length, 20)
  const legend = rows[0]?.values.map((v) => v.name) ?? []
  return (
    <figure style={{ margin: '0 0 1rem' }} data-testid={testId}>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-t`}
        style={{ maxWidth: '40rem', display: 'block' }}
      >
        <title id={`${id}-t`}>
          {title}:{' '}
          {rows
            .map((r) => `${r.label} ${r.values.map((v) => `${v.name} ${v.text}`).join(', ')}`)
            .join('; ')}
        </title>
        {rows.map((r, i) => {
          const y = i * groupH
          return (
            <g key={`${r.label}-${i}`}>
              <text x={0} y={y + 12} fontSize={11} fill="#1a1a1a">
                {r.label.length > 52 ? `${r.label.slice(0, 51)}…` : r.label}
              </text>
              {r.values.map((v, j) => {
                const w = max > 0 ? Math.max(0, Math.min(1, v.value / max)) * (width - valueW) : 0
                const by = y + labelH + j * (barH + 3)
                return (
                  <g key={v.name}>
                    <rect x={0} y={by} width={w} height={barH} fill={COLOURS[j % COLOURS.length]} />
                    <text x={w + 4} y={by + 11} fontSize={11} fill="#1a1a1a">
                      {v.text}
                    </text>
                  </g>
                )
              })}
            </g>
          )
        })}
      </svg>
      <figcaption className="muted">
        {title}
        {legend.length > 1
          ? legend.map((n, j) => (
              <span key={n}>
                {' · '}
                <span aria-hidden="true" style={{ color: COLOURS[j % COLOURS.length] }}>
                  ■
                </span>{' '}
                {n}
              </span>
            ))
          : null}
      </figcaption>
    </figure>
  )
}

export function fmt(x: number | null | undefined, digits = 1) {
  return x === null || x === undefined ? '–' : x.toFixed(digits)
}
