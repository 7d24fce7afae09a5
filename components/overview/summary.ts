// The figures on the overview's summary cards, computed from the two lists.
import type { ProxyStatus, WorkspaceProxy } from "@/lib/api/proxies";
import type { Replica } from "@/lib/api/replicas";

export interface OverviewSummary {
  replicas: { live: number; stale: number; stopped: number; total: number };
  proxies: { healthy: number; total: number; demo: number; byStatus: Record<ProxyStatus, number> };
  /** The slowest database round trip among live replicas; stale and stopped ones report old figures. */
  worstDatabase: { hostname: string; latencyUs: number } | null;
  peers: { ok: number; failing: number };
}

export function summarize(replicas: Replica[] | undefined, proxies: WorkspaceProxy[] | undefined): OverviewSummary {
  const r = replicas ?? [];
  const p = proxies ?? [];
  const live = r.filter((x) => x.status === "live");
  const worst = live.reduce<Replica | null>((acc, x) => (!acc || x.database_latency_us > acc.database_latency_us ? x : acc), null);
  const links = live.flatMap((x) => x.peers);
  const byStatus: Record<ProxyStatus, number> = { ok: 0, unhealthy: 0, unreachable: 0, unregistered: 0 };
  for (const x of p) byStatus[x.status.status]++;
  return {
    replicas: {
      live: live.length,
      stale: r.filter((x) => x.status === "stale").length,
      stopped: r.filter((x) => x.status === "stopped").length,
      total: r.length,
    },
    proxies: { healthy: byStatus.ok, total: p.length, demo: p.filter((x) => x.demo).length, byStatus },
    worstDatabase: worst && { hostname: worst.hostname, latencyUs: worst.database_latency_us },
    peers: { ok: links.filter((l) => !l.error).length, failing: links.filter((l) => l.error).length },
  };
}
