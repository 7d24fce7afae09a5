// A chart with its text alternative: the caption names it and says what it shows in words, and a
// disclosure holds the same figures as a table (non-empty buckets only). The drawing itself is
// hidden from assistive tech, which gets the words and the table instead.
import type { ReactNode } from "react";
import { CHART_COLOURS } from "./chart-colours";

export function ChartFigure({ id, title, summary, columns, rows, children }: { id: string; title: string; summary: ReactNode; columns: string[]; rows: string[][]; children: ReactNode }) {
  return (
    <figure aria-labelledby={`${id}-title`} className="min-w-0 space-y-3 rounded-xl border border-zinc-200 bg-white p-4 shadow-xs dark:border-zinc-800 dark:bg-zinc-900">
      <figcaption>
        <h3 id={`${id}-title`} className="text-sm font-semibold text-zinc-900 dark:text-zinc-50">
          {title}
        </h3>
        <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">{summary}</p>
      </figcaption>
      <div aria-hidden="true" data-chart={id} className={`text-zinc-600 dark:text-zinc-400 ${CHART_COLOURS}`}>
        {children}
      </div>
      <details className="text-sm">
        <summary className="cursor-pointer font-medium text-indigo-700 dark:text-indigo-300">{title} as a table</summary>
        {/* Focusable: a keyboard user can scroll it sideways on a phone. */}
        <div tabIndex={0} role="region" aria-label={`${title} as a table`} className="mt-2 max-h-80 overflow-auto rounded-md ring-1 ring-zinc-200 dark:ring-zinc-800">
          <table className="w-full text-left text-xs tabular-nums">
            <thead className="sticky top-0 bg-zinc-50 dark:bg-zinc-800">
              <tr>
                {columns.map((c, i) => (
                  <th key={i} scope="col" className="px-3 py-1.5 font-medium whitespace-nowrap text-zinc-700 dark:text-zinc-300">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {rows.map((row) => (
                <tr key={row[0]}>
                  {row.map((cell, i) =>
                    i === 0 ? (
                      <th key={i} scope="row" className="px-3 py-1 font-normal whitespace-nowrap text-zinc-700 dark:text-zinc-300">
                        {cell}
                      </th>
                    ) : (
                      <td key={i} className="px-3 py-1 whitespace-nowrap text-zinc-800 dark:text-zinc-200">
                        {cell}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

/** What stands where the charts go while the history loads. */
export function ChartsSkeleton({ label }: { label: string }) {
  return (
    <div role="status" aria-label={label} className="grid gap-4">
      {[96, 220].map((h) => (
        <div key={h} aria-hidden="true" className="animate-pulse rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
          <div className="h-4 w-40 rounded bg-zinc-200 dark:bg-zinc-800" />
          <div className="mt-3 rounded bg-zinc-100 dark:bg-zinc-800/60" style={{ height: h }} />
        </div>
      ))}
    </div>
  );
}
