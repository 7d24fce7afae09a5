// History for the detail pages. The keys sit under their domain's prefix (proxyKeys.all,
// replicaKeys.all), so the live events that invalidate a domain refresh its charts too: no polling.
import { queryOptions } from "@tanstack/react-query";
import { proxyHistoryResponseSchema, replicaHistoryResponseSchema, type HistoryPeriod } from "@/lib/api/history";
import { apiFetch } from "./fetch";
import { proxyKeys } from "./proxies";
import { replicaKeys } from "./replicas";

export const historyKeys = {
  proxy: (id: string, period: HistoryPeriod) => [...proxyKeys.all, "history", id, period] as const,
  replica: (id: string, period: HistoryPeriod) => [...replicaKeys.all, "history", id, period] as const,
};

export function proxyHistoryQuery(id: string, period: HistoryPeriod) {
  return queryOptions({
    queryKey: historyKeys.proxy(id, period),
    queryFn: ({ signal }) => apiFetch(`/api/v2/workspaceproxies/${encodeURIComponent(id)}/history?period=${period}`, proxyHistoryResponseSchema, { signal }),
  });
}

export function replicaHistoryQuery(id: string, period: HistoryPeriod) {
  return queryOptions({
    queryKey: historyKeys.replica(id, period),
    queryFn: ({ signal }) => apiFetch(`/api/v2/replicas/${encodeURIComponent(id)}/history?period=${period}`, replicaHistoryResponseSchema, { signal }),
  });
}
