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
  const { t } = useTranslation()
  const modules: { title: string; lessons: OutlineLesson[] }[] = []
  for (const l of lessons) {
    const last = modules[modules.length - 1]
    if (last && last.title === l.moduleTitle) last.lessons.push(l)
    else modules.push({ title: l.moduleTitle, lessons: [l] })
  }
  return (
    <nav aria-label={t('ui.outline.nav')}>
      {modules.map((m) => (
        <section key={m.title}>
          <h3>{m.title}</h3>
          <ol className="outline">
            {m.lessons.map((l) => (
              <li key={l.slug} data-testid={`lesson-${l.slug}`} data-state={l.state}>
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
            ))}
          </ol>
        </section>
      ))}
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
