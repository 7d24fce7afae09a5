/** The map's shape (the frame is 960 × 468) while the proxies load, so nothing below jumps when it arrives. */
export function MapSkeleton() {
  return (
    <div role="status" aria-label="Loading the health map" className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_15rem]">
      <div aria-hidden="true" className="aspect-[960/468] animate-pulse rounded-xl border border-zinc-200 bg-zinc-100 dark:border-zinc-800 dark:bg-zinc-900" />
    </div>
  );
}
