import { ProxiesView } from "@/components/proxies/proxies-view";
import { workspaceProxiesQuery } from "@/lib/query/proxies";
import { requireRole } from "@/server/auth/page";
import { config } from "@/server/env";
import { Hydrated } from "@/server/http/hydrated";
import { prefetchShortList } from "@/server/http/page-prefetch";
import { listWorkspaceProxies } from "@/server/topology/proxies";

export const dynamic = "force-dynamic";

/** The proxy list, inlined when short; entitlements load in the browser (a missing answer must not hold the page). */
export default async function ProxiesPage() {
  await requireRole("admin");
  return (
    <Hydrated
      prefetch={(client) => prefetchShortList(client, workspaceProxiesQuery().queryKey, async () => ({ regions: await listWorkspaceProxies() }), (r) => r.regions.length, "proxies: workspace proxies")}
      view={(renderedAt) => <ProxiesView renderedAt={renderedAt} accessUrl={config().MERIDIAN_ACCESS_URL ?? null} />}
    />
  );
}
