import { TableSkeleton } from "@/components/ui/states";

/** The proxies page before its data: same heading and section, so nothing jumps when it arrives. */
export default function Loading() {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">Workspace proxies</h1>
      <section aria-labelledby="proxies-heading" className="space-y-3">
        <h2 id="proxies-heading" className="text-base font-semibold">
          Workspace proxies
        </h2>
        <TableSkeleton label="Loading workspace proxies" rows={4} />
      </section>
    </div>
  );
}
