import type { ReactNode } from "react";

/**
 * A titled page section. The heading names the landmark (`aria-labelledby`), and `headingId`
 * lets a table inside take the same accessible name.
 */
export function Section({ headingId, title, meta, actions, children }: { headingId: string; title: string; meta?: ReactNode; actions?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-x-4 gap-y-1">
        <div className="flex items-baseline gap-2">
          <h2 id={headingId} className="text-base font-semibold text-zinc-900 dark:text-zinc-50">
            {title}
          </h2>
          {meta && <span className="text-sm text-zinc-600 dark:text-zinc-400">{meta}</span>}
        </div>
        {actions}
      </div>
      {children}
    </section>
  );
}
