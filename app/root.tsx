import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useLocation,
  useRouteLoaderData,
} from '@remix-run/react'
import { Form, Link, NavLink } from '~/components/link'
import { useTranslation } from 'react-i18next'
import { useChangeLanguage } from 'remix-i18next/react'
import type { Role } from '~/generated/prisma/enums'
import i18next from '~/i18next.server'
import { useNonce } from '~/utils/nonce-provider'
import { headerState } from '~/utils/auth.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { localeOf, translate } from '~/utils/meta'
import styles from './styles/app.css?url'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export const meta: MetaFunction = ({ matches }) => [
  { title: translate(localeOf(matches), 'ui.meta.root') },
]

export async function loader({ request }: LoaderFunctionArgs) {
  // The unread count comes with the session read: one statement for the header on every page.
  const [{ user, unread }, locale] = await Promise.all([
    headerState(request),
    i18next.getLocale(request),
  ])
  return {
    locale,
    user: user ? { id: user.id, name: user.name, roles: user.roles } : null,
    unread,
  }
}

export const handle = { i18n: ['common'] }

function navFor(roles: Role[]) {
  const items: { to: string; key: string }[] = [{ to: '/', key: 'nav.home' }]
  items.push({ to: '/courses', key: 'nav.catalog' })
  if (roles.includes('ASN')) items.push({ to: '/profile', key: 'nav.profile' })
  if (roles.includes('ASN')) items.push({ to: '/sertifikat', key: 'certs.navMine' })
  if (roles.includes('SUPERVISOR')) items.push({ to: '/team', key: 'nav.team' })
  if (roles.includes('INSTRUCTOR') || roles.includes('ADMIN'))
    items.push({ to: '/authoring', key: 'nav.authoring' })
  if (roles.includes('INSTRUCTOR') || roles.includes('ADMIN'))
    items.push({ to: '/authoring/bank', key: 'bank.title' })
  items.push({ to: '/studio/courses', key: 'studio.nav' })
  if (roles.some((r) => r !== 'ASN')) items.push({ to: '/evaluasi', key: 'evaluation.nav' })
  if (roles.includes('ADMIN')) {
    items.push(
      { to: '/admin/users', key: 'nav.users' },
      { to: '/admin/org', key: 'nav.organisation' },
      { to: '/program', key: 'program.nav' },
      { to: '/admin/jobs', key: 'nav.jobs' },
      { to: '/admin/sertifikat', key: 'certs.navAdmin' },
    )
  }
  return items
}

function Header() {
  const data = useRouteLoaderData<typeof loader>('root')
  const { t } = useTranslation()
  const location = useLocation()
  const user = data?.user
  return (
    <header className="site-header">
      <a href="#main" className="skip-link">
        {t('nav.skip')}
      </a>
      <div className="brand">
        <Link to="/">
          <strong>Bina</strong> <span className="brand-sub">{t('ui.common.brandSub')}</span>
        </Link>
      </div>
      {user ? (
        <nav aria-label={t('nav.mainMenu')} className="main-nav">
          <ul>
            {navFor(user.roles).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.to === '/'}>
                  {t(item.key)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <div className="header-tools">
        <Form method="post" action="/settings/language" className="inline-form">
          <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
          <label htmlFor="lng-select" className="sr-only">
            {t('nav.language')}
          </label>
          <select id="lng-select" name="lng" defaultValue={data?.locale ?? 'id'}>
            <option value="id">Bahasa Indonesia</option>
            <option value="en">English</option>
          </select>
          <button type="submit" className="button-small">
            {t('ui.common.ok')}
          </button>
        </Form>
        {user ? (
          <>
            <Link
              to="/notifications"
              className="bell"
              aria-label={`${t('nav.notifications')}: ${t('notifications.unread', { count: data?.unread ?? 0 })}`}
            >
              <svg
                aria-hidden="true"
                width="20"
                height="20"
                viewBox="0 0 24 24"
                fill="none"
                stroke="currentColor"
                strokeWidth="2"
                strokeLinecap="round"
                strokeLinejoin="round"
              >
                <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
                <path d="M13.73 21a2 2 0 0 1-3.46 0" />
              </svg>
              {data && data.unread > 0 ? (
                <span className="badge" data-testid="unread-count">
                  {data.unread}
                </span>
              ) : null}
            </Link>
            <span className="user-name">{user.name}</span>
            <Form method="post" action="/logout">
              <button type="submit" className="button-small">
                {t('nav.signOut')}
              </button>
            </Form>
          </>
        ) : null}
      </div>
    </header>
  )
}

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce()
  const data = useRouteLoaderData<typeof loader>('root')
  const { t } = useTranslation()
  const locale = data?.locale ?? 'id'
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <Header />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>{t('ui.common.footer')}</p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  const { locale } = useLoaderData<typeof loader>()
  useChangeLanguage(locale)
  return <Outlet />
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
