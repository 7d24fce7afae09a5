import { redirect } from "next/navigation";
import type { QueryClient, QueryKey } from "@tanstack/react-query";
import { OverviewView } from "@/components/overview/overview-view";
import { roleAtLeast } from "@/server/auth/access";
import { requireRole } from "@/server/auth/page";
import { workspaceProxiesQuery } from "@/lib/query/proxies";
import { replicasQuery } from "@/lib/query/replicas";
import { config } from "@/server/env";
import { Hydrated } from "@/server/http/hydrated";
import { prefetchShortList } from "@/server/http/page-prefetch";
import { listWorkspaceProxies } from "@/server/topology/proxies";
import { listReplicas } from "@/server/topology/replicas";

export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  const { user } = await requireRole("member");
  // The overview is the admin's; a member's home is the region picker.
  if (!roleAtLeast(user.role, "admin")) redirect("/regions");
  return <Hydrated prefetch={prefetch} view={(renderedAt) => <OverviewView renderedAt={renderedAt} />} />;
}

async function prefetch(client: QueryClient): Promise<void> {
  const replicas = replicasQuery();
  const proxies = workspaceProxiesQuery();
  // No retry here: the page would wait. A failed prefetch is left out of the dehydrated state;
  // the browser then fetches through the API and shows its error.
  await Promise.all([
    client.prefetchQuery({ ...replicas, retry: false, queryFn: () => listReplicas(config().MERIDIAN_REPLICA_ID) }),
    prefetchShortList(client, proxies.queryKey, async () => ({ regions: await listWorkspaceProxies() }), (r) => r.regions.length, "overview: workspace proxies"),
  ]);
  logFailure(client, "replicas", replicas.queryKey);
}

function logFailure(client: QueryClient, what: string, key: QueryKey) {
  const error = client.getQueryState(key)?.error;
  if (error) console.error(`overview: prefetching ${what} failed:`, error);
}
