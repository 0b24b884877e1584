// The course outline's rows rendered once per row content on the server (decision 100).
// A row's markup is a function of the language, the course and lesson slugs, the lesson's title,
// kind and minutes (the published version's, immutable), the learner's state of the lesson (done /
// in progress / to do), whether it is the page's lesson and whether it links: all of them are in
// the key, so a row is never shown with another version's text, another language or another
// learner's state; the map only saves React re-rendering the same ~10 elements per lesson on every
// course and lesson page. Nothing here is keyed by user: two learners at the same state of a lesson
// share its row. Bounded: the map starts again when full.
import { renderToString } from 'react-dom/server'
import { PLAIN_PATH } from '~/components/link'
import { OutlineRow, outlineRowsMarkup } from '~/components/outline'

const MAX_ROWS = 20_000
const rows = new Map<string, string>()

type Render = NonNullable<(typeof outlineRowsMarkup)['render']>

export const renderOutlineRows: Render = (lng, t, { slug, lessons, current, linked }) => {
  let out = ''
  for (const l of lessons) {
    const key = `${lng}\u0000${slug}\u0000${l.slug}\u0000${l.title}\u0000${l.kind}\u0000${l.minutes}\u0000${l.state}\u0000${current === l.slug ? 1 : 0}${linked ? 1 : 0}`
    let html = rows.get(key)
    if (html === undefined) {
      // The cheap server link (app/components/link.tsx) needs a plain path; otherwise React
      // renders the rows in the page's tree as before.
      if (linked && !PLAIN_PATH.test(`/courses/${slug}/lessons/${l.slug}`)) return null
      html = renderToString(
        <OutlineRow lesson={l} slug={slug} current={current} linked={linked} t={t} />,
      )
      if (rows.size >= MAX_ROWS) rows.clear()
      rows.set(key, html)
    }
    out += html
  }
  return out
}

/** How many rows are remembered (tests). */
export function rememberedOutlineRows() {
  return rows.size
}

/** Turns the server path on (app/entry.server.tsx) or off (tests compare both). */
export function serveOutlineRows(on: boolean) {
  outlineRowsMarkup.render = on ? renderOutlineRows : null
}
