import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { ProxyHistoryPage } from "@/components/history/history-pages";
import { periodFromSearch } from "@/lib/api/history";
import { renderTime } from "@/lib/format";
import { makeQueryClient } from "@/lib/query/client";
import { historyKeys } from "@/lib/query/history";
import { proxyKeys } from "@/lib/query/proxies";
import { requireRole } from "@/server/auth/page";
import { prefetchOrNotFound, prefetchShortList } from "@/server/http/page-prefetch";
import { proxyHistory } from "@/server/topology/history";
import { listWorkspaceProxies } from "@/server/topology/proxies";

export const dynamic = "force-dynamic";

type DetailPageProps = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ProxyDetailPage({ params, searchParams }: DetailPageProps) {
  await requireRole("admin");
  const { id } = await params;
  const period = periodFromSearch((await searchParams).period);
  const client = makeQueryClient();
  await Promise.all([
    prefetchOrNotFound(client, historyKeys.proxy(id, period), () => proxyHistory(id, period), "proxy history"),
    prefetchShortList(client, proxyKeys.list(), async () => ({ regions: await listWorkspaceProxies() }), (r) => r.regions.length, "workspace proxies"),
  ]);
  return (
    <HydrationBoundary state={dehydrate(client)}>
      <ProxyHistoryPage id={id} period={period} renderedAt={renderTime()} />
    </HydrationBoundary>
  );
}
