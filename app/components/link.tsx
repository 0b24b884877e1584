// Remix's <Link> and <NavLink>, with a cheap server render for the common case (decision 075).
// On the server a link only becomes `<a … data-discover="true" href="/path">`, but Remix's and
// React Router's components run a dozen hooks for it (prefetch state, href resolution against the
// matches, the click handler, NavLink's active test): with the course page's ~20 links that was
// ~25% of the page's CPU. For a plain absolute path (letters, digits, `-_.~/`, no `.`/`..`
// segment, no query or hash) and no option that changes the markup, the server writes the same
// element directly: the same attributes in the same order, NavLink's `active` class and
// `aria-current` by React Router's rule. In the browser, and for every other link, these are
// Remix's own components, so client navigation, prefetching and discovery are unchanged; the
// element hydrates as the same <a>.
import {
  Form as RemixForm,
  Link as RemixLink,
  NavLink as RemixNavLink,
  useLocation,
  type FormProps,
  type LinkProps,
  type NavLinkProps,
} from '@remix-run/react'
import { forwardRef } from 'react'

const onServer = typeof document === 'undefined'
export const PLAIN_PATH =
  /^\/(?:[A-Za-z0-9\-_~][A-Za-z0-9\-_.~]*(?:\/[A-Za-z0-9\-_~][A-Za-z0-9\-_.~]*)*)?$/

/** Props React Router takes off before spreading the rest on the <a>. */
function plain(props: {
  to: LinkProps['to']
  prefetch?: LinkProps['prefetch']
  discover?: LinkProps['discover']
  reloadDocument?: boolean
  relative?: unknown
}): boolean {
  return (
    onServer &&
    typeof props.to === 'string' &&
    PLAIN_PATH.test(props.to) &&
    (props.prefetch ?? 'none') === 'none' &&
    (props.discover ?? 'render') === 'render' &&
    !props.reloadDocument &&
    props.relative === undefined
  )
}

/** The <a> attributes React Router's Link spreads: everything but its own options and handlers. */
function anchorProps(props: Record<string, unknown>) {
  const {
    to: _to,
    prefetch: _prefetch,
    discover: _discover,
    onClick: _onClick,
    replace: _replace,
    state: _state,
    target,
    preventScrollReset: _preventScrollReset,
    viewTransition: _viewTransition,
    unstable_viewTransition: _unstableViewTransition,
    reloadDocument: _reloadDocument,
    relative: _relative,
    ...rest
  } = props
  return { rest, target: target as string | undefined }
}

export const Link = forwardRef<HTMLAnchorElement, LinkProps>(function Link(props, ref) {
  if (!plain(props)) return <RemixLink ref={ref} {...props} />
  const { children, ...others } = props
  const { rest, target } = anchorProps(others as Record<string, unknown>)
  return (
    <a {...rest} data-discover="true" href={props.to as string} target={target}>
      {children}
    </a>
  )
})

export const NavLink = forwardRef<HTMLAnchorElement, NavLinkProps>(function NavLink(props, ref) {
  const location = useLocation()
  if (
    !plain(props) ||
    typeof props.className === 'function' ||
    typeof props.style === 'function' ||
    typeof props.children === 'function'
  )
    return <RemixNavLink ref={ref} {...props} />
  const {
    'aria-current': ariaCurrentProp = 'page',
    caseSensitive = false,
    className: classNameProp = '',
    end = false,
    style,
    children,
    ...others
  } = props
  // React Router's rule (NavLink in react-router-dom 6): no navigation is pending on the server.
  let here = location.pathname
  let to = props.to as string
  if (!caseSensitive) {
    here = here.toLowerCase()
    to = to.toLowerCase()
  }
  const endSlash = to !== '/' && to.endsWith('/') ? to.length - 1 : to.length
  const isActive = here === to || (!end && here.startsWith(to) && here.charAt(endSlash) === '/')
  const className = [classNameProp, isActive ? 'active' : null].filter(Boolean).join(' ')
  const { rest, target } = anchorProps(others as Record<string, unknown>)
  return (
    <a
      {...rest}
      data-discover="true"
      aria-current={isActive ? ariaCurrentProp : undefined}
      className={className}
      style={style as React.CSSProperties | undefined}
      href={props.to as string}
      target={target}
    >
      {children as React.ReactNode}
    </a>
  )
})

/**
 * Remix's <Form>, written directly on the server for an explicit plain absolute `action`
 * (decision 100): React Router's Form runs useSubmit, useFormAction (route context, path
 * resolution) for `<form method action … data-discover="true">`. The header's language and
 * sign-out forms are on every page. The same attributes in the same order; in the browser, and for
 * every other form (no action: the route's own, `?index`), it is Remix's Form.
 */
export const Form = forwardRef<HTMLFormElement, FormProps>(function Form(props, ref) {
  if (
    !onServer ||
    typeof props.action !== 'string' ||
    !PLAIN_PATH.test(props.action) ||
    props.reloadDocument ||
    (props.discover ?? 'render') !== 'render'
  )
    return <RemixForm ref={ref} {...props} />
  const {
    discover: _discover,
    fetcherKey: _fetcherKey,
    navigate: _navigate,
    reloadDocument: _reloadDocument,
    replace: _replace,
    state: _state,
    method = 'get',
    action,
    onSubmit: _onSubmit,
    relative: _relative,
    preventScrollReset: _preventScrollReset,
    viewTransition: _viewTransition,
    ...rest
  } = props
  return (
    <form
      method={method.toLowerCase() === 'get' ? 'get' : 'post'}
      action={action}
      {...rest}
      data-discover="true"
    />
  )
})
