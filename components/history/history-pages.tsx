"use client";
// The detail pages' client side: the same query options the server prefetched with, kept fresh by
// live events (history keys sit under their domain's prefix), rendered by the views.
import { useQuery } from "@tanstack/react-query";
import type { HistoryPeriod } from "@/lib/api/history";
import { proxyHistoryQuery, replicaHistoryQuery } from "@/lib/query/history";
import { workspaceProxiesQuery } from "@/lib/query/proxies";
import { replicasQuery } from "@/lib/query/replicas";
import { useFallbackRefetch } from "@/components/layout/live-updates";
import { useNow } from "@/components/ui/use-now";
import { ProxyHistoryView } from "./proxy-history-view";
import { ReplicaHistoryView } from "./replica-history-view";

interface PageProps {
  id: string;
  period: HistoryPeriod;
  /** When the server read the data: relative times count from it so hydration matches. */
  renderedAt: number;
}

export function ProxyHistoryPage({ id, period, renderedAt }: PageProps) {
  const now = useNow(renderedAt);
  const refetchInterval = useFallbackRefetch();
  const history = useQuery({ ...proxyHistoryQuery(id, period), refetchInterval });
  const proxies = useQuery({ ...workspaceProxiesQuery(), refetchInterval });
  return <ProxyHistoryView id={id} period={period} proxy={proxies.data?.regions.find((p) => p.id === id)} history={history} now={now} />;
}

export function ReplicaHistoryPage({ id, period, renderedAt }: PageProps) {
  const now = useNow(renderedAt);
  const refetchInterval = useFallbackRefetch();
  const history = useQuery({ ...replicaHistoryQuery(id, period), refetchInterval });
  const replicas = useQuery({ ...replicasQuery(), refetchInterval });
  return <ReplicaHistoryView id={id} period={period} replica={replicas.data?.find((r) => r.id === id)} history={history} now={now} />;
}
