import { queryOptions } from "@tanstack/react-query";
import { regionsResponseSchema, workspaceProxiesResponseSchema } from "@/lib/api/proxies";
import { apiFetch } from "./fetch";

export const proxyKeys = {
  all: ["workspaceproxies"] as const,
  list: () => [...proxyKeys.all, "list"] as const,
};

/** Admin view of every proxy with its health; the cache holds the API's `{ regions }` body as is. */
export function workspaceProxiesQuery() {
  return queryOptions({
    queryKey: proxyKeys.list(),
    queryFn: ({ signal }) => apiFetch("/api/v2/workspaceproxies", workspaceProxiesResponseSchema, { signal }),
  });
}

export const regionKeys = { list: ["regions", "list"] as const };

/** What every signed-in user sees: the regions they can route through and whether each is healthy. */
export function regionsQuery() {
  return queryOptions({
    queryKey: regionKeys.list,
    queryFn: ({ signal }) => apiFetch("/api/v2/regions", regionsResponseSchema, { signal }),
    refetchInterval: 10_000,
  });
}
