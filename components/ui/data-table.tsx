// A table that is a table on wide screens and a stack of cards on narrow ones. The explicit
// ARIA roles keep table semantics when CSS changes the elements' display (some browsers drop
// them otherwise), so screen readers and role-based tests see the same table at every width.
import type { ReactNode } from "react";

export function DataTable({ labelledBy, columns, children }: { labelledBy: string; columns: string[]; children: ReactNode }) {
  return (
    <div className="lg:overflow-hidden lg:rounded-xl lg:border lg:border-zinc-200 lg:bg-white lg:shadow-xs lg:dark:border-zinc-800 lg:dark:bg-zinc-900">
      <table role="table" aria-labelledby={labelledBy} className="w-full text-left text-sm max-lg:block">
        <thead role="rowgroup" className="max-lg:sr-only lg:bg-zinc-50 lg:dark:bg-zinc-900/60">
          <tr role="row">
            {columns.map((c) => (
              <th key={c} role="columnheader" scope="col" className="px-4 py-2.5 text-xs font-medium uppercase tracking-wide whitespace-nowrap text-zinc-600 dark:text-zinc-400">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup" className="max-lg:grid max-lg:gap-3 sm:max-lg:grid-cols-2 lg:divide-y lg:divide-zinc-200 lg:dark:divide-zinc-800">
          {children}
        </tbody>
      </table>
    </div>
  );
}

export function Row({ children, label }: { children: ReactNode; label?: string }) {
  return (
    <tr
      role="row"
      aria-label={label}
      className="align-top max-lg:flex max-lg:flex-col max-lg:gap-2 max-lg:rounded-xl max-lg:border max-lg:border-zinc-200 max-lg:bg-white max-lg:p-4 max-lg:shadow-xs max-lg:dark:border-zinc-800 max-lg:dark:bg-zinc-900"
    >
      {children}
    </tr>
  );
}

/**
 * One cell. On narrow screens it shows its column name beside the value (hidden from
 * assistive tech, which already has the column header); the `title` cell heads the card.
 */
export function Cell({ label, title = false, children }: { label: string; title?: boolean; children: ReactNode }) {
  if (title) {
    return (
      <td role="cell" className="lg:min-w-56 lg:px-4 lg:py-3 max-lg:border-b max-lg:border-zinc-100 max-lg:pb-3 max-lg:dark:border-zinc-800">
        {children}
      </td>
    );
  }
  return (
    <td role="cell" className="text-zinc-700 dark:text-zinc-300 max-lg:grid max-lg:grid-cols-[7rem_1fr] max-lg:gap-3 lg:px-4 lg:py-3">
      <span aria-hidden="true" className="text-xs font-medium text-zinc-600 lg:hidden dark:text-zinc-400">
        {label}
      </span>
      <div className="min-w-0 break-words">{children}</div>
    </td>
  );
}
