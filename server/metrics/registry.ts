// The process's Prometheus metrics (prom-client), all named meridian_*. Values that are state
// (heartbeat age, pool use, who leads, proxy status, licenses) are read when scraped, in collect()
// callbacks; durations are observed as they happen. Every label value is bounded: route templates,
// never raw paths; proxy names and peer host names, bounded by the topology; never a user or an id.
//
// One registry per process, on globalThis: the launcher and Next's server bundle are separate
// module graphs, and a request observed in a route handler must show in the launcher's scrape.
import "server-only";
import { Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { entitlementSchema, FEATURE_NAMES } from "@/lib/api/licenses";
import { proxyStatusSchema } from "@/lib/api/proxies";
import { databaseDown } from "../database-status";
import { db, prisma } from "../db";
import { bus } from "../events/bus";
import { featureEntitlements } from "../licensing/entitlements";
import { validLicenses } from "../licensing/licenses";
import { licenseState } from "../licensing/verify";
import { logger } from "../log";

export interface PeerSample {
  hostname: string;
  /** host:port of the peer's relay address: two replicas on one host differ only by it. */
  relay: string;
  latencyMs: number | null;
}

interface Sources {
  lastBeatAt: number | null;
  databaseLatencyUs: number | null;
  peers: PeerSample[];
  isLeader: (() => boolean) | null;
}

export interface Metrics {
  registry: Registry;
  httpRequestDuration: Histogram<"route" | "method" | "status">;
  proxyCheckDuration: Histogram<"proxy">;
  sweepDuration: Histogram<"kind">;
  sources: Sources;
}

const holder = globalThis as typeof globalThis & { __meridianMetrics?: Metrics };

export function metrics(): Metrics {
  return (holder.__meridianMetrics ??= create());
}

/** A collect() that fails leaves its metric empty for this scrape (logged once per message), never fails the scrape. */
function guarded<G>(name: string, collect: (this: G) => Promise<void>) {
  let lastError: string | undefined;
  return async function (this: G) {
    try {
      await collect.call(this);
      lastError = undefined;
    } catch (err) {
      const message = (err as Error).message;
      if (message !== lastError) logger().warn({ metric: name }, `metrics: reading ${name} failed (${message.split("\n").pop()})`);
      lastError = message;
    }
  };
}

function create(): Metrics {
  const registry = new Registry();
  const registers = [registry];
  const sources: Sources = { lastBeatAt: null, databaseLatencyUs: null, peers: [], isLeader: null };
  collectDefaultMetrics({ register: registry, prefix: "meridian_" });

  const httpRequestDuration = new Histogram({
    name: "meridian_http_request_duration_seconds",
    help: "HTTP requests by route template (an /api/v2 route, or page, asset, healthz…), method and status: time until the response started (a stream: until it opened).",
    labelNames: ["route", "method", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const proxyCheckDuration = new Histogram({
    name: "meridian_proxy_check_duration_seconds",
    help: "Duration of one health check of a workspace proxy (GET /healthz-report), including failures and timeouts.",
    labelNames: ["proxy"] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const sweepDuration = new Histogram({
    name: "meridian_proxy_health_sweep_duration_seconds",
    help: "Duration of the health checker's passes: kind=sweep checks every proxy, kind=immediate the ones an API write asked for.",
    labelNames: ["kind"] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60],
    registers,
  });

  new Gauge({
    name: "meridian_replica_heartbeat_age_seconds",
    help: "Seconds since this replica's last successful heartbeat (stale past 15 s).",
    registers,
    collect() {
      this.set(sources.lastBeatAt === null ? 0 : (Date.now() - sources.lastBeatAt) / 1000);
    },
  });
  new Gauge({
    name: "meridian_replica_database_latency_seconds",
    help: "Median database round trip (SELECT 1) measured by this replica's last heartbeat.",
    registers,
    collect() {
      if (sources.databaseLatencyUs !== null) this.set(sources.databaseLatencyUs / 1e6);
    },
  });
  new Gauge({
    name: "meridian_replica_peer_latency_seconds",
    help: "Round trip from this replica to each same-region peer's relay address at the last heartbeat (absent while unreachable).",
    labelNames: ["peer", "relay"] as const,
    registers,
    collect() {
      this.reset();
      for (const p of sources.peers) if (p.latencyMs !== null) this.set({ peer: p.hostname, relay: p.relay }, p.latencyMs / 1000);
    },
  });
  new Gauge({
    name: "meridian_replica_peer_reachable",
    help: "Whether each same-region peer answered this replica's last heartbeat ping (1) or not (0).",
    labelNames: ["peer", "relay"] as const,
    registers,
    collect() {
      this.reset();
      for (const p of sources.peers) this.set({ peer: p.hostname, relay: p.relay }, p.latencyMs === null ? 0 : 1);
    },
  });

  new Gauge({
    name: "meridian_proxy_status",
    help: "Each workspace proxy's health status as last checked: 1 for its current status, 0 for the others.",
    labelNames: ["proxy", "status"] as const,
    registers,
    collect: guarded("meridian_proxy_status", async function (this: Gauge<"proxy" | "status">) {
      const rows = await prisma().workspaceProxy.findMany({ where: { deletedAt: null }, select: { name: true, status: true } });
      this.reset();
      for (const row of rows) for (const status of proxyStatusSchema.options) this.set({ proxy: row.name, status }, row.status === status ? 1 : 0);
    }),
  });
  new Gauge({
    name: "meridian_proxy_health_leader",
    help: "Whether this replica leads the proxy health checker (1) or follows (0); exactly one replica should lead.",
    registers,
    collect() {
      this.set(sources.isLeader?.() ? 1 : 0);
    },
  });

  new Gauge({
    name: "meridian_license_expiry_seconds",
    help: "Seconds until the longest-running license enters its grace period (until=grace_period) and ends (until=end); negative once passed; absent without a license.",
    labelNames: ["until"] as const,
    registers,
    collect: guarded("meridian_license_expiry_seconds", async function (this: Gauge<"until">) {
      const licenses = (await validLicenses()).filter((l) => licenseState(l) !== "expired");
      this.reset();
      if (!licenses.length) return;
      const now = Date.now();
      this.set({ until: "grace_period" }, (Math.max(...licenses.map((l) => l.graceAt.getTime())) - now) / 1000);
      this.set({ until: "end" }, (Math.max(...licenses.map((l) => l.expiresAt.getTime())) - now) / 1000);
    }),
  });
  new Gauge({
    name: "meridian_license_entitlement",
    help: "Each licensed feature's entitlement: 1 for its current state (entitled, grace_period, not_entitled), 0 for the others.",
    labelNames: ["feature", "state"] as const,
    registers,
    collect: guarded("meridian_license_entitlement", async function (this: Gauge<"feature" | "state">) {
      const states = await featureEntitlements();
      this.reset();
      for (const feature of FEATURE_NAMES) for (const state of entitlementSchema.options) this.set({ feature, state }, states[feature] === state ? 1 : 0);
    }),
  });

  new Gauge({
    name: "meridian_database_pool_connections",
    help: "Connections in this process's database pool: state=busy (lent to a query) or idle; max is the pool's limit.",
    labelNames: ["state"] as const,
    registers,
    collect() {
      const { pool } = db();
      this.set({ state: "busy" }, pool.totalCount - pool.idleCount);
      this.set({ state: "idle" }, pool.idleCount);
      this.set({ state: "max" }, pool.options.max ?? 10);
    },
  });
  new Gauge({
    name: "meridian_database_pool_waiting_requests",
    help: "Queries waiting for a free connection in this process's database pool.",
    registers,
    collect() {
      this.set(db().pool.waitingCount);
    },
  });
  new Gauge({
    name: "meridian_database_up",
    help: "Whether this process reaches the database (0 during an outage, when the API answers 503).",
    registers,
    collect() {
      this.set(databaseDown() ? 0 : 1);
    },
  });

  new Gauge({
    name: "meridian_event_streams_open",
    help: "Server-Sent Events streams (/api/v2/events) open on this replica.",
    registers,
    collect() {
      this.set(bus().subscriberCount);
    },
  });
  new Gauge({
    name: "meridian_event_listener_connected",
    help: "Whether this replica's LISTEN connection for events is up (1); caches are bypassed while it is not.",
    registers,
    collect() {
      this.set(bus().connected ? 1 : 0);
    },
  });

  return { registry, httpRequestDuration, proxyCheckDuration, sweepDuration, sources };
}

/** After each successful heartbeat: what the replica measured. */
export function recordHeartbeatMetrics(databaseLatencyUs: number, peers: PeerSample[]): void {
  const { sources } = metrics();
  sources.lastBeatAt = Date.now();
  sources.databaseLatencyUs = databaseLatencyUs;
  sources.peers = peers;
}

/** The health checker says whether this replica leads it. */
export function reportLeadership(isLeader: (() => boolean) | null): void {
  metrics().sources.isLeader = isLeader;
}
