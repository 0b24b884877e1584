import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

/** Previous / next links that keep the search query. */
export function Pagination({ page, pages, q }: { page: number; pages: number; q: string }) {
  const { t } = useTranslation()
  const to = (p: number) => `?${new URLSearchParams({ q, page: String(p) })}`
  return (
    <nav className="pagination" aria-label={t('ui.pagination.label')}>
      {page > 1 ? <Link to={to(page - 1)}>{t('ui.pagination.prev')}</Link> : null}
      <span>{t('ui.pagination.status', { page, pages })}</span>
      {page < pages ? <Link to={to(page + 1)}>{t('ui.pagination.next')}</Link> : null}
    </nav>
  )
}
