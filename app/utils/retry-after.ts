import type { HeadersFunction } from '@remix-run/node'

/**
 * The `headers` export of a throttled form's route: a document answer keeps the action's
 * Retry-After, so a throttled attempt says when to retry (sign-in, password change and reset).
 */
export const keepRetryAfter: HeadersFunction = ({ actionHeaders }) => {
  const h = new Headers()
  const retryAfter = actionHeaders.get('Retry-After')
  if (retryAfter) h.set('Retry-After', retryAfter)
  return h
}
