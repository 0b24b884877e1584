// The document render (app/utils/document.server.tsx, decision 124): the route data read whole
// and settled for Remix's StreamTransfer, one synchronous pass when nothing suspends, and React's
// streaming renderer, which waits, when something does.
import { createElement, lazy, Suspense } from 'react'
import { describe, expect, it } from 'vitest'
import { DOCUMENT_HTML, readRouteData, renderDocument } from '~/utils/document.server'

function streamOf(chunks: Uint8Array[], end = true) {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(c)
      if (end) controller.close()
    },
  })
}

describe('readRouteData', () => {
  it('settles the whole data as the first read and the end as the second, bytes split mid-character', async () => {
    const bytes = new TextEncoder().encode('[{"name":"Dewi Lestari — Kepala Seksi"}]\n')
    const cut = bytes.indexOf(0xe2) + 1 // inside the em dash's three bytes
    const context = {
      serverHandoffStream: streamOf([bytes.slice(0, cut), bytes.slice(cut)]),
      renderMeta: {},
    }
    await readRouteData(context, 1_000)
    const cache = (
      context.renderMeta as {
        streamCache: Record<number, Promise<void> & { result: { done: boolean; value: string } }>
      }
    ).streamCache
    expect(cache[0]!.result).toEqual({
      done: false,
      value: '[{"name":"Dewi Lestari — Kepala Seksi"}]\n',
    })
    expect(cache[1]!.result).toEqual({ done: true, value: '' })
    await expect(cache[0]).resolves.toBeUndefined()
    // Remix can still take its own reader (it never reads it: the reads are settled).
    expect(() => context.serverHandoffStream.getReader()).not.toThrow()
  })

  it('fails when the data does not end in time, rather than render half of it', async () => {
    const context = { serverHandoffStream: streamOf([new Uint8Array([91])], false), renderMeta: {} }
    await expect(readRouteData(context, 50)).rejects.toThrow(
      'The route data did not finish within 50 ms',
    )
    expect(context.renderMeta).not.toHaveProperty('streamCache')
  })
})

describe('renderDocument', () => {
  const opts = () => ({
    nonce: 'n0',
    status: 404,
    headers: new Headers({ 'Content-Type': 'text/html; charset=utf-8' }),
    timeoutMs: 2_000,
  })
  const html = (...children: ReturnType<typeof createElement>[]) =>
    createElement('html', { lang: 'id' }, createElement('body', null, ...children))

  it('renders a page in which nothing suspends synchronously, status and headers kept', async () => {
    const out = renderDocument(html(createElement('p', null, 'Halo ', 'ASN')), opts())
    expect(out).toBeInstanceOf(Response)
    const res = out as Response
    expect(res.status).toBe(404)
    expect(res.headers.get('Content-Type')).toBe('text/html; charset=utf-8')
    expect(await res.text()).toBe(
      '<!DOCTYPE html><html lang="id"><body><p>Halo <!-- -->ASN</p></body></html>',
    )
  })

  it('keeps the markup for the server to write, and gives the same bytes to any other reader', async () => {
    const page = () =>
      renderDocument(html(createElement('p', null, 'Pelayanan — ü')), opts()) as Response
    const expected = '<!DOCTYPE html><html lang="id"><body><p>Pelayanan — ü</p></body></html>'
    const res = page()
    // server/app.ts writes this string itself (decision 126).
    expect((res as unknown as Record<symbol, unknown>)[DOCUMENT_HTML]).toBe(expected)
    expect(res.bodyUsed).toBe(false)
    const copy = res.clone()
    expect(Buffer.from(await res.arrayBuffer()).toString('utf8')).toBe(expected)
    expect(res.bodyUsed).toBe(true)
    await expect(res.text()).rejects.toThrow()
    expect(await copy.text()).toBe(expected)
    // Read as a stream, as Remix's own adapters would.
    const chunks: Uint8Array[] = []
    for await (const c of page().body as unknown as AsyncIterable<Uint8Array>) chunks.push(c)
    expect(Buffer.concat(chunks).toString('utf8')).toBe(expected)
    // Re-wrapped with its body and headers (what a HEAD answer or a proxy does).
    const wrapped = page()
    expect(await new Response(wrapped.body, wrapped).text()).toBe(expected)
    expect(
      await page()
        .json()
        .catch((e: Error) => e.name),
    ).toBe('SyntaxError')
  })

  it('waits for what suspends (a lazy component) instead of sending its fallback', async () => {
    const Player = lazy(async () => {
      await new Promise((r) => setTimeout(r, 20))
      return { default: () => createElement('video', { 'data-testid': 'player' }) }
    })
    const out = renderDocument(
      html(
        createElement(
          Suspense,
          { fallback: createElement('p', null, 'Memuat…') },
          createElement(Player),
        ),
      ),
      opts(),
    )
    expect(out).toBeInstanceOf(Promise)
    const res = await out
    expect(res.status).toBe(404)
    const text = await res.text()
    expect(text.startsWith('<!DOCTYPE html><html lang="id">')).toBe(true)
    expect(text).toContain('<!--$--><video data-testid="player"></video><!--/$-->')
    expect(text).not.toContain('Memuat…')
  })
})
