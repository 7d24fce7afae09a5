import { HEALTH_SECTIONS, SECTION_TITLES } from "@/lib/api/health";

/** The report's shape before it arrives: the same section headings, so nothing jumps. */
export function HealthSkeleton() {
  return (
    <div role="status" aria-label="Loading the health report" className="space-y-4">
      <div aria-hidden="true" className="h-20 animate-pulse rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900" />
      <div aria-hidden="true" className="grid gap-4 lg:grid-cols-2">
        {HEALTH_SECTIONS.map((name) => (
          <div key={name} className="space-y-3 rounded-xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
            <p className="font-semibold text-zinc-900 dark:text-zinc-50">{SECTION_TITLES[name]}</p>
            <div className="h-4 w-2/3 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
            <div className="h-4 w-1/2 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800/60" />
          </div>
        ))}
      </div>
    </div>
  );
}
