import { Link } from '@remix-run/react'

/** Previous / next links that keep the search query. */
export function Pagination({ page, pages, q }: { page: number; pages: number; q: string }) {
  const to = (p: number) => `?${new URLSearchParams({ q, page: String(p) })}`
  return (
    <nav className="pagination" aria-label="Halaman">
      {page > 1 ? <Link to={to(page - 1)}>‹ Sebelumnya</Link> : null}
      <span>
        Halaman {page} dari {pages}
      </span>
      {page < pages ? <Link to={to(page + 1)}>Berikutnya ›</Link> : null}
    </nav>
  )
}
