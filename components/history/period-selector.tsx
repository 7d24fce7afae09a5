// The period of a detail page's charts, kept in the URL (`?period=`) so a link or a reload shows
// the same view. Links, not buttons: each period is a page state one can open in a new tab.
import Link from "next/link";
import { HISTORY_PERIODS, PERIODS, type HistoryPeriod } from "@/lib/api/history";

export function PeriodSelector({ path, period }: { path: string; period: HistoryPeriod }) {
  return (
    <nav aria-label="Period">
      <ul className="inline-flex overflow-hidden rounded-md shadow-xs ring-1 ring-inset ring-zinc-300 dark:ring-zinc-700">
        {HISTORY_PERIODS.map((p) => {
          const current = p === period;
          return (
            <li key={p}>
              <Link
                href={`${path}?period=${p}`}
                scroll={false}
                aria-current={current ? "page" : undefined}
                className={`block px-3 py-1.5 text-sm font-medium ${current ? "bg-indigo-600 text-white dark:bg-indigo-300 dark:text-zinc-950" : "text-zinc-700 hover:bg-zinc-50 dark:text-zinc-300 dark:hover:bg-zinc-800"}`}
              >
                <span className="sr-only">Last </span>
                {PERIODS[p].label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
