import { TableSkeleton } from "@/components/ui/states";
import { MapSkeleton } from "@/components/map/map-skeleton";

/** What the overview looks like before its data: same headings, so nothing jumps when it arrives. */
export function OverviewSkeleton() {
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">Overview</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Control-plane replicas and workspace proxies across regions.</p>
      </div>
      <div aria-hidden="true" className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {Array.from({ length: 4 }, (_, i) => (
          <div key={i} className="h-[6.25rem] animate-pulse rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900" />
        ))}
      </div>
      <section aria-labelledby="health-map-heading" className="space-y-3">
        <h2 id="health-map-heading" className="text-base font-semibold">
          Health map
        </h2>
        <MapSkeleton />
      </section>
      <section aria-labelledby="replicas-heading" className="space-y-3">
        <h2 id="replicas-heading" className="text-base font-semibold">
          Replicas
        </h2>
        <TableSkeleton label="Loading replicas" />
      </section>
      <ProxiesSectionSkeleton />
    </div>
  );
}

/** The "Workspace proxies" section before its data, on the overview and the proxies page. */
export function ProxiesSectionSkeleton() {
  return (
    <section aria-labelledby="proxies-heading" className="space-y-3">
      <h2 id="proxies-heading" className="text-base font-semibold">
        Workspace proxies
      </h2>
      <TableSkeleton label="Loading workspace proxies" rows={4} />
    </section>
  );
}
