// The course outline's rows rendered once per row content on the server, and the header's forms
// written directly on the server (decision 100): the markup must be React's own, and a remembered
// row must never be served for another version's text, another language or another learner's
// state.
import { createElement as h, type ReactElement } from 'react'
import { renderToString } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { Form as RemixForm, type FormProps } from '@remix-run/react'
import {
  createStaticHandler,
  createStaticRouter,
  StaticRouterProvider,
} from 'react-router-dom/server'
import { afterEach, describe, expect, it } from 'vitest'
import { Form } from '~/components/link'
import { CourseOutline, type OutlineLesson } from '~/components/outline'
import { rememberedOutlineRows, serveOutlineRows } from '~/components/outline-rows.server'
import { serverI18nInstance } from '~/i18next.server'

type State = OutlineLesson['state']

function lessons(states: State[], title = (i: number) => `Pelajaran ${i + 1} & "<b>"`) {
  return states.map((state, i): OutlineLesson => ({
    slug: `pelajaran-${i + 1}`,
    title: title(i),
    kind: (['TEXT', 'VIDEO', 'QUIZ'] as const)[i % 3]!,
    moduleTitle: i < 2 ? 'Modul 1: Dasar' : 'Modul 2: Lanjut',
    state,
    minutes: 5 + i,
  }))
}

async function outline(
  lng: 'id' | 'en',
  props: { lessons: OutlineLesson[]; current?: string; linked: boolean },
  cached: boolean,
) {
  serveOutlineRows(cached)
  const i18n = await serverI18nInstance(lng)
  return renderToString(
    h(I18nextProvider, { i18n }, h(CourseOutline, { slug: 'keamanan-digital-asn', ...props })),
  )
}

afterEach(() => serveOutlineRows(false))

describe('outline rows remembered per content', () => {
  const cases: [string, State[], string | undefined, boolean][] = [
    ['course page, not enrolled', ['todo', 'todo', 'todo', 'todo'], undefined, false],
    ['course page, enrolled', ['done', 'in-progress', 'todo', 'todo'], undefined, true],
    ['lesson page', ['done', 'done', 'in-progress', 'todo'], 'pelajaran-3', true],
  ]
  for (const lng of ['id', 'en'] as const)
    for (const [name, states, current, linked] of cases)
      it(`give React's markup, byte for byte (${name}, ${lng}), the first time and from memory`, async () => {
        const props = { lessons: lessons(states), current, linked }
        const react = await outline(lng, props, false)
        expect(await outline(lng, props, true)).toBe(react)
        expect(await outline(lng, props, true)).toBe(react)
        expect(react).toContain('Pelajaran 1 &amp; &quot;&lt;b&gt;&quot;')
      })

  it("show each learner's own states, whatever another learner's page remembered", async () => {
    const first = lessons(['done', 'done', 'done', 'in-progress'])
    const second = lessons(['todo', 'in-progress', 'todo', 'todo'])
    await outline('id', { lessons: first, linked: true }, true)
    const html = await outline('id', { lessons: second, linked: true }, true)
    expect(html).toBe(await outline('id', { lessons: second, linked: true }, false))
    const states = [...html.matchAll(/data-state="([^"]+)"/g)].map((m) => m[1])
    expect(states).toEqual(['todo', 'in-progress', 'todo', 'todo'])
    expect(html).not.toContain('✔')
  })

  it('follow a language switch', async () => {
    const props = { lessons: lessons(['done', 'todo', 'todo', 'todo']), linked: true }
    const id = await outline('id', props, true)
    const en = await outline('en', props, true)
    expect(en).toBe(await outline('en', props, false))
    expect(en).not.toBe(id)
    const i18nEn = await serverI18nInstance('en')
    const i18nId = await serverI18nInstance('id')
    expect(en).toContain(i18nEn.t('ui.outline.state.done'))
    expect(id).toContain(i18nId.t('ui.outline.state.done'))
    expect(i18nEn.t('ui.outline.state.done')).not.toBe(i18nId.t('ui.outline.state.done'))
  })

  it("show a new course version's titles and lengths, not the old version's", async () => {
    const states: State[] = ['todo', 'todo', 'todo', 'todo']
    const v1 = lessons(states, (i) => `Versi 1 pelajaran ${i + 1}`)
    const v2 = lessons(states, (i) => `Versi 2 pelajaran ${i + 1}`).map((l) => ({
      ...l,
      minutes: l.minutes + 10,
    }))
    await outline('id', { lessons: v1, linked: true }, true)
    const html = await outline('id', { lessons: v2, linked: true }, true)
    expect(html).toBe(await outline('id', { lessons: v2, linked: true }, false))
    expect(html).toContain('Versi 2 pelajaran 1')
    expect(html).not.toContain('Versi 1')
  })

  it("mark only the page's own lesson as current", async () => {
    const all = lessons(['done', 'done', 'todo', 'todo'])
    await outline('id', { lessons: all, current: 'pelajaran-1', linked: true }, true)
    const html = await outline('id', { lessons: all, current: 'pelajaran-2', linked: true }, true)
    expect(html.match(/aria-current="page"/g)).toHaveLength(1)
    expect(html).toMatch(
      /aria-current="page" data-discover="true" href="\/courses\/keamanan-digital-asn\/lessons\/pelajaran-2"/,
    )
  })

  it('renders a row once and then reuses it', async () => {
    const props = {
      lessons: lessons(['done', 'todo', 'todo', 'todo'], () => 'Sekali'),
      linked: true,
    }
    await outline('id', props, true)
    const size = rememberedOutlineRows()
    await outline('id', props, true)
    expect(rememberedOutlineRows()).toBe(size)
  })
})

describe('forms written directly on the server', () => {
  async function inRouter(element: ReactElement) {
    const routes = [{ id: 'root', path: '/', element }]
    const handler = createStaticHandler(routes)
    const context = await handler.query(new Request('http://localhost/'))
    if (context instanceof Response) throw new Error('unexpected response')
    const router = createStaticRouter(handler.dataRoutes, context)
    return renderToString(h(StaticRouterProvider, { router, context, hydrate: false }))
  }

  it.each<[FormProps]>([
    [{ method: 'post', action: '/logout' }],
    [{ method: 'post', action: '/settings/language', className: 'inline-form' }],
    [{ method: 'get', action: '/courses', encType: 'multipart/form-data' }],
    [{ method: 'POST', action: '/logout', replace: true, preventScrollReset: true }],
  ])("give what Remix's Form gives (%j)", async (props) => {
    const children = h('button', { type: 'submit' }, 'OK')
    const cheap = await inRouter(h(Form, props, children))
    const remix = await inRouter(h(RemixForm, props, children))
    expect(cheap).toBe(remix)
    expect(cheap).toContain('data-discover="true"')
  })
})
