import { queryOptions } from "@tanstack/react-query";
import { z } from "zod";
import {
  createProxyResponseSchema,
  updateProxyResponseSchema,
  workspaceProxiesResponseSchema,
  type CreateProxyRequest,
  type UpdateProxyRequest,
} from "@/lib/api/proxies";
import { send } from "./accounts";
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

/** Admin writes. After any of them, invalidate `proxyKeys.all` and `regionKeys.list` (lib/query/regions.ts; both lists show proxies). */
export const proxiesApi = {
  create: (input: CreateProxyRequest) => send("POST", "/api/v2/workspaceproxies", createProxyResponseSchema, input),
  update: (id: string, change: UpdateProxyRequest) => send("PATCH", `/api/v2/workspaceproxies/${encodeURIComponent(id)}`, updateProxyResponseSchema, change),
  remove: (id: string) => send("DELETE", `/api/v2/workspaceproxies/${encodeURIComponent(id)}`, z.unknown()),
};
