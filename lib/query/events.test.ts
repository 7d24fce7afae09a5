import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { EVENT_TYPES } from "@/lib/api/events";
import { staleKeys } from "./events";
import { proxyKeys } from "./proxies";
import { regionKeys } from "./regions";
import { replicaKeys } from "./replicas";

/** The keys a real QueryClient would mark stale for `event`, out of the ones the console uses. */
function invalidated(event: Parameters<typeof staleKeys>[0]): string[] {
  const client = new QueryClient();
  const used = [proxyKeys.list(), regionKeys.list, regionKeys.mine, replicaKeys.list(), ["entitlements"], ["licenses"], ["users"], ["users", "me", "tokens"], ["audit", {}], ["embed", "origins"], ["health"]];
  for (const key of used) client.setQueryData(key, 1);
  const keys = staleKeys(event);
  // As components/layout/live-updates.tsx does it (prefix matching is TanStack Query's own).
  if (keys === "all") void client.invalidateQueries({ refetchType: "none" });
  else for (const queryKey of keys) void client.invalidateQueries({ queryKey, refetchType: "none" });
  return client
    .getQueryCache()
    .getAll()
    .filter((q) => q.state.isInvalidated)
    .map((q) => q.queryKey.filter((p) => typeof p === "string").join("/"));
}

describe("staleKeys", () => {
  it("refreshes what a status change shows: both proxy lists, the regions, the health report", () => {
    expect(invalidated({ type: "proxy_status", id: "p" }).sort()).toEqual(["health", "regions/list", "regions/mine", "workspaceproxies/list"]);
  });

  it("refreshes replicas (and the entitlements that count them) on a heartbeat, and nothing a member reads", () => {
    expect(invalidated({ type: "replica", id: "r" }).sort()).toEqual(["entitlements", "replicas/list"]);
  });

  it("refetches everything after a gap (this browser's latency is not server data and is not a query)", () => {
    expect(invalidated({ type: "resync" })).toHaveLength(11);
  });

  it("knows every event type the server can send", () => {
    for (const type of EVENT_TYPES) expect(staleKeys({ type }), type).not.toEqual([]);
  });
});
