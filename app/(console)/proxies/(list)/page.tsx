import { dehydrate, HydrationBoundary, type QueryClient } from "@tanstack/react-query";
import { ProxiesView } from "@/components/proxies/proxies-view";
import { makeQueryClient } from "@/lib/query/client";
import { workspaceProxiesQuery } from "@/lib/query/proxies";
import { requireRole } from "@/server/auth/page";
import { prefetchShortList } from "@/server/http/page-prefetch";
import { listWorkspaceProxies } from "@/server/topology/proxies";

export const dynamic = "force-dynamic";

export default async function ProxiesPage() {
  await requireRole("admin");
  const queryClient = makeQueryClient();
  const readAt = await prefetch(queryClient);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <ProxiesView renderedAt={readAt} />
    </HydrationBoundary>
  );
}

/**
 * Fills the browser's proxies key straight from the service, as the overview does (a short list
 * only), and returns when it was read. A failure is left out of the dehydrated state; the
 * browser's own fetch then shows it. Entitlements load in the browser (a missing answer must not hold the page).
 */
async function prefetch(client: QueryClient): Promise<number> {
  await prefetchShortList(client, workspaceProxiesQuery().queryKey, async () => ({ regions: await listWorkspaceProxies() }), (r) => r.regions.length, "proxies: workspace proxies");
  return Date.now();
}
