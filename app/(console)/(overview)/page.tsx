import { dehydrate, HydrationBoundary, type QueryClient, type QueryKey } from "@tanstack/react-query";
import { OverviewView } from "@/components/overview/overview-view";
import { RegionsView } from "@/components/overview/regions-view";
import { roleAtLeast } from "@/server/auth/access";
import { requireRole } from "@/server/auth/page";
import { makeQueryClient } from "@/lib/query/client";
import { regionsQuery, workspaceProxiesQuery } from "@/lib/query/proxies";
import { replicasQuery } from "@/lib/query/replicas";
import { config } from "@/server/env";
import { listRegions, listWorkspaceProxies } from "@/server/topology/proxies";
import { listReplicas } from "@/server/topology/replicas";

export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  const { user } = await requireRole("member");
  const queryClient = makeQueryClient();
  // Members see the public part: the regions they can route through.
  if (!roleAtLeast(user.role, "admin")) {
    await queryClient.prefetchQuery({ ...regionsQuery(), retry: false, queryFn: async () => ({ regions: await listRegions(config().accessUrl) }) });
    return (
      <HydrationBoundary state={dehydrate(queryClient)}>
        <RegionsView />
      </HydrationBoundary>
    );
  }
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
    client.prefetchQuery({ ...proxies, retry: false, queryFn: async () => ({ regions: await listWorkspaceProxies() }) }),
  ]);
  logFailure(client, "replicas", replicas.queryKey);
  logFailure(client, "workspace proxies", proxies.queryKey);
  return Date.now();
}

function logFailure(client: QueryClient, what: string, key: QueryKey) {
  const error = client.getQueryState(key)?.error;
  if (error) console.error(`overview: prefetching ${what} failed:`, error);
}
