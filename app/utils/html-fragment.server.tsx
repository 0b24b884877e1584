// Markup for an HTML fragment (app/utils/html-fragment.tsx) rendered in a loader, in the
// request's language: for a part of a page that is not interactive, so its data is not encoded a
// second time in the route data and React does not hydrate it (decision 125). What it renders
// may use `useTranslation` (the server instance of the language is provided) but no router hook:
// links in it are plain anchors.
import type { i18n as I18n } from 'i18next'
import type { ReactNode } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'

export function renderFragment(i18n: I18n, node: ReactNode): string {
  return renderToStaticMarkup(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>)
}
