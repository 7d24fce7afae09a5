import { HealthSkeleton } from "@/components/health/health-skeleton";

export default function Loading() {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">Health</h1>
      <HealthSkeleton />
    </div>
  );
}
