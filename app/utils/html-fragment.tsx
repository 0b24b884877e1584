// Markup a loader rendered (or took from a cache) as a string, shown without React rendering it
// again, and sent to the browser once (decision 095).
//
// A document request: the loader puts the markup in the request's load context (`fragments`,
// made by server/app.ts for every request that is not a `.data` request) and sends only the
// fragment's id in its data; entry.server.tsx hands the map to this component through a context,
// so the markup is in the HTML once and not a second time, escaped, in the route data. When the
// page hydrates, the component takes the markup back from the element the server rendered.
// A `.data` request (a client-side navigation) has no such map: the markup travels in the data.
//
// Links in a fragment are plain anchors (the markup is not React's on the client). Those marked
// `data-nav` (links to pages, never to files or exports) are followed by a client-side navigation
// once the page runs JavaScript, like a Remix `<Link>`; without JavaScript, or with a modifier key
// or another button, they are ordinary links.
import { useNavigate } from '@remix-run/react'
import { createContext, useContext, useEffect, useRef, useState } from 'react'

declare module '@remix-run/node' {
  interface AppLoadContext {
    /** The CSP nonce of the request (server/headers.ts). */
    cspNonce?: string
    /** Markup by fragment id for the server render of a document request (this file). */
    fragments?: Map<string, string>
  }
}

export const FragmentContext = createContext<Map<string, string> | null>(null)

/** What a loader returns for a fragment: the markup, or null when it went with the document. */
export interface FragmentData {
  id: string
  html: string | null
}

/**
 * Offers `html` as the fragment `id` of this request: kept for the server render of a document
 * (the data then carries no markup), or returned in the data of a `.data` request.
 */
export function offerFragment(
  context: { fragments?: Map<string, string> } | undefined,
  id: string,
  html: string,
): FragmentData {
  if (context?.fragments instanceof Map) {
    context.fragments.set(id, html)
    return { id, html: null }
  }
  return { id, html }
}

/** A `<div>` with the fragment's markup (a server render, a hydration, or data from a navigation). */
export function HtmlFragment({
  fragment,
  className,
}: {
  fragment: FragmentData
  className?: string
}) {
  const server = useContext(FragmentContext)
  // Hydrating a document: the markup is the element's own (read once, before React commits).
  const [fromDocument] = useState(() =>
    fragment.html == null && typeof document !== 'undefined'
      ? (document.getElementById(fragment.id)?.innerHTML ?? '')
      : '',
  )
  const html = fragment.html ?? server?.get(fragment.id) ?? fromDocument
  const ref = useRef<HTMLDivElement>(null)
  const navigate = useNavigate()
  useEffect(() => {
    const el = ref.current
    if (!el) return
    const follow = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0) return
      if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return
      const a = e.target instanceof Element ? e.target.closest('a[data-nav]') : null
      if (!(a instanceof HTMLAnchorElement) || !el.contains(a)) return
      const url = new URL(a.href, window.location.href)
      if (url.origin !== window.location.origin || (a.target && a.target !== '_self')) return
      e.preventDefault()
      navigate(url.pathname + url.search + url.hash)
    }
    el.addEventListener('click', follow)
    return () => el.removeEventListener('click', follow)
  }, [navigate])
  return (
    <div
      ref={ref}
      id={fragment.id}
      className={className}
      // Markup made on the server, never from request input: the dashboard's sections from the
      // aggregates (app/components/scope-sections.server.tsx, React with escaping), a lesson's
      // body sanitised at import/save (decision 100).
      dangerouslySetInnerHTML={{ __html: html }}
    />
  )
}
