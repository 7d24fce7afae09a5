import { queryOptions } from "@tanstack/react-query";
import { workspaceProxiesResponseSchema } from "@/lib/api/proxies";
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
