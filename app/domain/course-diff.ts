// What changed between a course's published version and its working draft: the summary shown
// before publishing, and the rule that decides whether publishing makes a new version at all.
// Lessons are matched by their stable id (progress refers to it), never by title or position.

export interface SnapshotLesson {
  lessonId: string
  slug: string
  title: string
  kind: string
  required: boolean
  minutes: number
  contentHtml: string | null
  videoId: string | null
  moduleTitle: string
  modulePosition: number
  position: number
}

export interface CourseSnapshot {
  title: string
  summary: string
  jp: number
  passMark: number
  lessons: SnapshotLesson[]
}

export type LessonChange = 'title' | 'content' | 'video' | 'place' | 'settings' | 'kind'
export type MetaChange = 'title' | 'summary' | 'jp' | 'passMark'

export interface CourseDiff {
  firstVersion: boolean
  meta: MetaChange[]
  added: { lessonId: string; title: string; moduleTitle: string }[]
  removed: { lessonId: string; title: string; moduleTitle: string }[]
  changed: { lessonId: string; title: string; changes: LessonChange[] }[]
  /** Nothing to publish: the draft equals the published version. */
  empty: boolean
}

/** Lessons in reading order: module by module, then by position. */
function ordered(lessons: SnapshotLesson[]) {
  return [...lessons].sort((a, b) => a.modulePosition - b.modulePosition || a.position - b.position)
}

export function diffCourse(published: CourseSnapshot | null, draft: CourseSnapshot): CourseDiff {
  const meta: MetaChange[] = []
  if (published) {
    for (const k of ['title', 'summary', 'jp', 'passMark'] as const)
      if (published[k] !== draft[k]) meta.push(k)
  }
  const before = new Map((published?.lessons ?? []).map((l) => [l.lessonId, l]))
  const after = new Map(draft.lessons.map((l) => [l.lessonId, l]))
  // Places are compared as the reading order (index of each lesson, and its module's title), so
  // removing one lesson does not count every later lesson as moved.
  const indexBefore = new Map(
    ordered(published?.lessons ?? [])
      .filter((l) => after.has(l.lessonId))
      .map((l, i) => [l.lessonId, i]),
  )
  const indexAfter = new Map(
    ordered(draft.lessons)
      .filter((l) => before.has(l.lessonId))
      .map((l, i) => [l.lessonId, i]),
  )
  const added: CourseDiff['added'] = []
  const changed: CourseDiff['changed'] = []
  for (const l of ordered(draft.lessons)) {
    const old = before.get(l.lessonId)
    if (!old) {
      added.push({ lessonId: l.lessonId, title: l.title, moduleTitle: l.moduleTitle })
      continue
    }
    const changes: LessonChange[] = []
    if (old.title !== l.title || old.slug !== l.slug) changes.push('title')
    if (old.kind !== l.kind) changes.push('kind')
    if ((old.contentHtml ?? '') !== (l.contentHtml ?? '')) changes.push('content')
    if ((old.videoId ?? null) !== (l.videoId ?? null)) changes.push('video')
    if (
      old.moduleTitle !== l.moduleTitle ||
      indexBefore.get(l.lessonId) !== indexAfter.get(l.lessonId)
    )
      changes.push('place')
    if (old.required !== l.required || old.minutes !== l.minutes) changes.push('settings')
    if (changes.length) changed.push({ lessonId: l.lessonId, title: l.title, changes })
  }
  const removed = ordered(published?.lessons ?? [])
    .filter((l) => !after.has(l.lessonId))
    .map((l) => ({ lessonId: l.lessonId, title: l.title, moduleTitle: l.moduleTitle }))
  // Renumbered modules with the same titles and order are no change a learner could see.
  const firstVersion = published === null
  const empty =
    !firstVersion && meta.length === 0 && !added.length && !removed.length && !changed.length
  return { firstVersion, meta, added, removed, changed, empty }
}
