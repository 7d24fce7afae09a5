import type { QueryClient } from "@tanstack/react-query";
import { HealthView } from "@/components/health/health-view";
import { healthReportQuery } from "@/lib/query/health";
import { requireRole } from "@/server/auth/page";
import { healthReport } from "@/server/health/report";
import { Hydrated } from "@/server/http/hydrated";

export const dynamic = "force-dynamic";

export default async function HealthPage() {
  await requireRole("admin");
  return <Hydrated prefetch={prefetch} view={(renderedAt) => <HealthView renderedAt={renderedAt} />} />;
}

async function prefetch(client: QueryClient): Promise<void> {
  await client.prefetchQuery({ ...healthReportQuery(), retry: false, queryFn: () => healthReport() });
  const error = client.getQueryState(healthReportQuery().queryKey)?.error;
  if (error) console.error("health: computing the report failed:", error);
}
