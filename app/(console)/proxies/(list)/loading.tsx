import { ProxiesSectionSkeleton } from "@/components/overview/overview-skeleton";

/** The proxies page before its data: same heading and section, so nothing jumps when it arrives. */
export default function Loading() {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">Workspace proxies</h1>
      <ProxiesSectionSkeleton />
    </div>
  );
}
