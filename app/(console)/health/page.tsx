import { dehydrate, HydrationBoundary, type QueryClient } from "@tanstack/react-query";
import { HealthView } from "@/components/health/health-view";
import { makeQueryClient } from "@/lib/query/client";
import { healthReportQuery } from "@/lib/query/health";
import { requireRole } from "@/server/auth/page";
import { healthReport } from "@/server/health/report";

export const dynamic = "force-dynamic";

export default async function HealthPage() {
  await requireRole("admin");
  const queryClient = makeQueryClient();
  const renderedAt = await prefetch(queryClient);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <HealthView renderedAt={renderedAt} />
    </HydrationBoundary>
  );
}

/** Fills the browser's report key straight from the service and returns when. A failure is left out of the dehydrated state: the browser's own fetch then shows it. */
async function prefetch(client: QueryClient): Promise<number> {
  await client.prefetchQuery({ ...healthReportQuery(), retry: false, queryFn: () => healthReport() });
  const error = client.getQueryState(healthReportQuery().queryKey)?.error;
  if (error) console.error("health: computing the report failed:", error);
  return Date.now();
}
