import type { ReactNode } from 'react'

/**
 * A wide table scrolls inside this box (overflow-x: auto), never the page. Focusable so a
 * keyboard user can scroll it; labelled by the table's caption or `label`.
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="table-wrap" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  )
}
