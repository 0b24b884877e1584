import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { errorKey, isErrorPayload } from '~/utils/errors'

/**
 * The error boundary every route uses: a translated title and message for 4xx responses that
 * carry an error code ({ code, params }), a status-based message otherwise, never a stack trace.
 */
export function GeneralErrorBoundary() {
  const error = useRouteError()
  const { t } = useTranslation()
  let status = 500
  let title = t('errors.genericTitle')
  let message = t('errors.generic')
  if (isRouteErrorResponse(error)) {
    status = error.status
    if (status === 403) title = t('errors.forbiddenTitle')
    else if (status === 404) title = t('errors.notFoundTitle')
    else if (status < 500) title = t('errors.badRequestTitle')
    if (isErrorPayload(error.data)) {
      message = t(errorKey(error.data.code), {
        ...error.data.params,
        defaultValue: t(`errors.status.${status}`, { defaultValue: t('errors.generic') }),
      })
    } else if (status < 500) {
      message = t(`errors.status.${status}`, { defaultValue: t('errors.status.400') })
    }
  } else if (typeof console !== 'undefined') {
    console.error(error)
  }
  return (
    <section className="error-page" data-status={status}>
      <h1>{title}</h1>
      <p data-testid="error-message">{message}</p>
      <p>
        <Link to="/">{t('errors.back')}</Link>
      </p>
    </section>
  )
}
