import { redirect } from "next/navigation";
import { dehydrate, HydrationBoundary, type QueryClient, type QueryKey } from "@tanstack/react-query";
import { OverviewView } from "@/components/overview/overview-view";
import { roleAtLeast } from "@/server/auth/access";
import { requireRole } from "@/server/auth/page";
import { makeQueryClient } from "@/lib/query/client";
import { workspaceProxiesQuery } from "@/lib/query/proxies";
import { replicasQuery } from "@/lib/query/replicas";
import { config } from "@/server/env";
import { prefetchShortList } from "@/server/http/page-prefetch";
import { listWorkspaceProxies } from "@/server/topology/proxies";
import { listReplicas } from "@/server/topology/replicas";

export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  const { user } = await requireRole("member");
  // The overview is the admin's; a member's home is the region picker.
  if (!roleAtLeast(user.role, "admin")) redirect("/regions");
  const queryClient = makeQueryClient();
  const readAt = await prefetch(queryClient);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <OverviewView renderedAt={readAt} />
    </HydrationBoundary>
  );
}

/**
 * Fills the browser's query keys straight from the services (no HTTP hop) and returns when the
 * data was read, which the view's relative times count from so hydration prints the same text.
 */
async function prefetch(client: QueryClient): Promise<number> {
  const replicas = replicasQuery();
  const proxies = workspaceProxiesQuery();
  // No retry here: the page would wait. A failed prefetch is left out of the dehydrated state;
  // the browser then fetches through the API and shows its error.
  await Promise.all([
    client.prefetchQuery({ ...replicas, retry: false, queryFn: () => listReplicas(config().MERIDIAN_REPLICA_ID) }),
    prefetchShortList(client, proxies.queryKey, async () => ({ regions: await listWorkspaceProxies() }), (r) => r.regions.length, "overview: workspace proxies"),
  ]);
  logFailure(client, "replicas", replicas.queryKey);
  return Date.now();
}

function logFailure(client: QueryClient, what: string, key: QueryKey) {
  const error = client.getQueryState(key)?.error;
  if (error) console.error(`overview: prefetching ${what} failed:`, error);
}
