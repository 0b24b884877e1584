import { Link } from '~/components/link'
import { useTranslation } from 'react-i18next'

export interface OutlineLesson {
  slug: string
  title: string
  kind: 'TEXT' | 'VIDEO' | 'QUIZ'
  moduleTitle: string
  state: 'done' | 'in-progress' | 'todo'
  minutes: number
}

/** The fields of a lesson the outline shows (what a page's data needs to carry of it). */
export function outlineLesson(l: OutlineLesson): OutlineLesson {
  return {
    slug: l.slug,
    title: l.title,
    kind: l.kind,
    moduleTitle: l.moduleTitle,
    state: l.state,
    minutes: l.minutes,
  }
}

const stateIcon = { done: '✔', 'in-progress': '◐', todo: '○' } as const

type T = ReturnType<typeof useTranslation>['t']

/** One lesson of the outline (rendered by React, or once per content by the server: below). */
export function OutlineRow({
  lesson: l,
  slug,
  current,
  linked,
  t,
}: {
  lesson: OutlineLesson
  slug: string
  current?: string
  linked: boolean
  t: T
}) {
  return (
    <li data-testid={`lesson-${l.slug}`} data-state={l.state}>
      <span className="state" aria-hidden="true">
        {stateIcon[l.state]}
      </span>
      {linked ? (
        <Link
          to={`/courses/${slug}/lessons/${l.slug}`}
          aria-current={current === l.slug ? 'page' : undefined}
        >
          {l.title}
        </Link>
      ) : (
        <span>{l.title}</span>
      )}{' '}
      <span className="muted">
        ({t(`ui.outline.${l.kind}`)}, {t('ui.outline.minutes', { minutes: l.minutes })},{' '}
        <span className="sr-only">{t('ui.outline.status')}</span>
        {t(`ui.outline.state.${l.state}`)})
      </span>
    </li>
  )
}

/**
 * The rows' markup on the server, remembered per row content (app/components/outline-rows.server.tsx,
 * set by app/entry.server.tsx; decision 100). Null in the browser, where React renders the rows
 * and hydrates them against the same markup; null also when the rows cannot be rendered that way.
 */
export const outlineRowsMarkup: {
  render:
    | null
    | ((
        lng: string,
        t: T,
        rows: { slug: string; lessons: OutlineLesson[]; current?: string; linked: boolean },
      ) => string | null)
} = { render: null }

/** Modules and lessons with each lesson's state, linking to the player when `linked`. */
export function CourseOutline({
  slug,
  lessons,
  current,
  linked,
}: {
  slug: string
  lessons: OutlineLesson[]
  current?: string
  linked: boolean
}) {
  const { t, i18n } = useTranslation()
  const modules: { title: string; lessons: OutlineLesson[] }[] = []
  for (const l of lessons) {
    const last = modules[modules.length - 1]
    if (last && last.title === l.moduleTitle) last.lessons.push(l)
    else modules.push({ title: l.moduleTitle, lessons: [l] })
  }
  const render = outlineRowsMarkup.render
  return (
    <nav aria-label={t('ui.outline.nav')}>
      {modules.map((m) => {
        const markup = render
          ? render(i18n.language, t, { slug, lessons: m.lessons, current, linked })
          : null
        return (
          <section key={m.title}>
            <h3>{m.title}</h3>
            {markup !== null ? (
              // The same markup React renders for these rows (tests/unit/outline-rows.test.ts), made
              // from the loader's data through React's escaping; the browser hydrates it as rows.
              <ol className="outline" dangerouslySetInnerHTML={{ __html: markup }} />
            ) : (
              <ol className="outline">
                {m.lessons.map((l) => (
                  <OutlineRow
                    key={l.slug}
                    lesson={l}
                    slug={slug}
                    current={current}
                    linked={linked}
                    t={t}
                  />
                ))}
              </ol>
            )}
          </section>
        )
      })}
    </nav>
  )
}

export function ProgressBar({ percent, label }: { percent: number; label: string }) {
  const { t } = useTranslation()
  return (
    <div>
      <div
        className="progress"
        role="progressbar"
        aria-label={label}
        aria-valuenow={percent}
        aria-valuemin={0}
        aria-valuemax={100}
        data-testid="course-progress"
      >
        <span style={{ width: `${percent}%` }} />
      </div>
      <p className="muted">{t('ui.outline.percentRequired', { percent })}</p>
    </div>
  )
}
