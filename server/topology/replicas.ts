// Each server process is a replica: it records itself every heartbeat, measures its database
// latency and its peers' relay latency (the latest per pair, plus a sample of each for the history
// charts), publishes the beat as an event, and marks itself stopped on a graceful shutdown.
import "server-only";
import { REPLICA_STALE_AFTER_MS, replicaStatus, type Replica } from "@/lib/api/replicas";
import { reportDatabaseDown, reportDatabaseUp } from "../database-status";
import { db, prisma } from "../db";
import { publish } from "../events/publish";
import { isDatabaseOutage } from "../http/database-errors";
import { logger } from "../log";
import { recordHeartbeatMetrics } from "../metrics/registry";
import { cachedUntilEvent } from "../events/live-cache";

export interface ReplicaIdentity {
  id: string;
  hostname: string;
  region: string;
  relayUrl: string;
  version: string;
}

const PEER_TIMEOUT_MS = 2_000;

/** Median of `samples` sequential `SELECT 1` round trips, in microseconds. */
export async function measureDatabaseLatency(samples = 5): Promise<number> {
  const client = await db().pool.connect();
  try {
    const times: number[] = [];
    for (let i = 0; i < samples; i++) {
      const start = process.hrtime.bigint();
      await client.query("SELECT 1");
      times.push(Number(process.hrtime.bigint() - start) / 1_000);
    }
    return Math.round(median(times));
  } finally {
    client.release();
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

interface PeerResult {
  targetId: string;
  hostname: string;
  relayAddress: string;
  latencyMs: number | null;
  error: string | null;
}

/** One round trip to a peer's relay address; any answer from the peer proves it is reachable. */
async function pingPeer(peer: { id: string; hostname: string; relayAddress: string }): Promise<PeerResult> {
  const start = performance.now();
  try {
    const res = await fetch(new URL("/healthz", peer.relayAddress), { signal: AbortSignal.timeout(PEER_TIMEOUT_MS), cache: "no-store" });
    await res.arrayBuffer();
    const latencyMs = Math.round((performance.now() - start) * 100) / 100;
    return { targetId: peer.id, hostname: peer.hostname, relayAddress: peer.relayAddress, latencyMs, error: res.ok ? null : `relay answered HTTP ${res.status}` };
  } catch (err) {
    const cause = (err as Error).name === "TimeoutError" ? `timed out after ${PEER_TIMEOUT_MS / 1000} s` : describeFetchError(err);
    return { targetId: peer.id, hostname: peer.hostname, relayAddress: peer.relayAddress, latencyMs: null, error: `dial ${peer.relayAddress}: ${cause}` };
  }
}

/** The reason Node's fetch failed (ECONNREFUSED, ENOTFOUND, …), which it hides in `cause`. */
export function describeFetchError(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err as Error).message;
}

/**
 * Writes this replica's row: the heartbeat. `startedAt` is this process's start, so a replica
 * restarted with its kept id (replica-id.ts) shows when it came back, not when it first ran.
 */
export async function recordHeartbeat(self: ReplicaIdentity, startedAt: Date, databaseLatencyUs: number, error: string) {
  const now = new Date();
  const fields = { hostname: self.hostname, region: self.region, relayAddress: self.relayUrl, version: self.version, databaseLatencyUs, error, startedAt, updatedAt: now, stoppedAt: null };
  await prisma().replica.upsert({ where: { id: self.id }, create: { id: self.id, ...fields }, update: fields });
}

/** Pings every live peer in the same region and stores what it saw. */
export async function measurePeers(self: ReplicaIdentity): Promise<PeerResult[]> {
  const peers = await prisma().replica.findMany({
    where: { id: { not: self.id }, region: self.region, stoppedAt: null, updatedAt: { gt: new Date(Date.now() - REPLICA_STALE_AFTER_MS) } },
    select: { id: true, hostname: true, relayAddress: true },
  });
  const results = await Promise.all(peers.map(pingPeer));
  if (results.length === 0) return results;
  // One statement for every peer: with 20 replicas in a region, 19 upserts a beat each was 76 queries a second.
  await db().pool.query(
    `INSERT INTO replica_peer_latencies (source_replica_id, target_replica_id, latency_ms, error, measured_at)
     SELECT $1::uuid, target, latency, error, $2::timestamptz FROM unnest($3::uuid[], $4::float8[], $5::text[]) AS peer(target, latency, error)
     ON CONFLICT (source_replica_id, target_replica_id) DO UPDATE SET latency_ms = EXCLUDED.latency_ms, error = EXCLUDED.error, measured_at = EXCLUDED.measured_at`,
    [self.id, new Date(), results.map((r) => r.targetId), results.map((r) => r.latencyMs), results.map((r) => r.error)],
  );
  return results;
}

/**
 * Keeps this beat's measurements as samples (pruned with the rest of the history): the database
 * latency as the row without a peer, and one row per peer. One INSERT, whatever the peer count.
 */
export async function recordLatencySamples(selfId: string, databaseLatencyUs: number, peers: (Omit<PeerResult, "relayAddress"> & Partial<PeerResult>)[], at = new Date()) {
  const rows = [{ peerId: null, latencyMs: databaseLatencyUs / 1_000, error: false }, ...peers.map((p) => ({ peerId: p.targetId, latencyMs: p.latencyMs, error: p.error !== null }))];
  await db().pool.query(
    `INSERT INTO replica_latency_samples (replica_id, at, peer_id, latency_ms, error)
     SELECT $1::uuid, $2::timestamptz, * FROM unnest($3::uuid[], $4::float8[], $5::boolean[])`,
    [selfId, at, rows.map((r) => r.peerId), rows.map((r) => r.latencyMs), rows.map((r) => r.error)],
  );
}

export interface ReplicaLoop {
  stop(): Promise<void>;
}

/**
 * History keeps one set of latency samples per replica this often, not one per beat: with 20
 * replicas in one region a sample per peer per 5 s beat is 7 M rows a day; per 30 s (the 1 h
 * view's bucket) it is 1.2 M. The current values are still written every beat.
 */
const SAMPLE_EVERY_MS = 30_000;

/** While the database is unreachable, the next beat comes this soon (or at the interval, if shorter). */
const RETRY_WHILE_DOWN_MS = 500;

/**
 * Starts the heartbeat; the first beat completes before this resolves so the replica is listed at
 * once. While the database is unreachable a beat is retried every RETRY_WHILE_DOWN_MS rather than
 * every interval, so the replica is live again right after an outage. An outage is logged once
 * (database-status.ts), not once per beat; any other failure once per distinct message.
 */
export async function startReplicaHeartbeat(self: ReplicaIdentity, intervalMs: number): Promise<ReplicaLoop> {
  const startedAt = new Date();
  let peerError = "";
  let sampledAt = -Infinity;
  /** Peers that failed the last ping, so a peer going away or coming back is logged once. */
  let unreachablePeers = new Set<string>();
  const beat = async () => {
    const latency = await measureDatabaseLatency();
    await recordHeartbeat(self, startedAt, latency, peerError);
    const peers = await measurePeers(self);
    if (Date.now() - sampledAt >= SAMPLE_EVERY_MS) {
      await recordLatencySamples(self.id, latency, peers);
      sampledAt = Date.now();
    }
    // After the row, the mesh and the samples are written: one event tells browsers about all three.
    await publish({ type: "replica", id: self.id });
    const failures = peers.filter((p) => p.error);
    for (const f of failures) if (!unreachablePeers.has(f.targetId)) logger().warn({ peer: f.hostname }, `cannot reach peer ${f.hostname}: ${f.error}`);
    for (const p of peers) if (!p.error && unreachablePeers.has(p.targetId)) logger().info({ peer: p.hostname }, `peer ${p.hostname} is reachable again`);
    unreachablePeers = new Set(failures.map((f) => f.targetId));
    recordHeartbeatMetrics(latency, peers.map((p) => ({ hostname: p.hostname, relay: relayHost(p.relayAddress), latencyMs: p.error ? null : p.latencyMs })));
    peerError = failures.length ? `Failed to dial peers: ${failures.map((f) => `${f.hostname}: ${f.error}`).join("; ")}` : "";
  };
  await beat();

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let lastFailure: string | undefined;
  /** Logs the failure unless already logged; returns the delay before the next beat. */
  const failed = (err: unknown): number => {
    if (isDatabaseOutage(err)) {
      reportDatabaseDown(err, "replica heartbeat");
      return Math.min(intervalMs, RETRY_WHILE_DOWN_MS);
    }
    const message = err instanceof Error ? err.message : String(err);
    if (message !== lastFailure) logger().error(`replica heartbeat failed: ${message}`);
    lastFailure = message;
    return intervalMs;
  };
  // A chain of timeouts, not an interval: a slow beat is never stacked on another, and the delay
  // after a failure can differ from the interval.
  const tick = () => {
    const start = Date.now();
    running = beat()
      .then(
        () => {
          reportDatabaseUp();
          if (lastFailure) logger().info("replica heartbeat works again");
          lastFailure = undefined;
          return Math.max(0, intervalMs - (Date.now() - start));
        },
        failed,
      )
      .then((delay) => {
        running = undefined;
        if (!stopped) timer = setTimeout(tick, delay);
      });
  };
  timer = setTimeout(tick, intervalMs);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      await prisma().replica.update({ where: { id: self.id }, data: { stoppedAt: new Date(), updatedAt: new Date() } });
      await publish({ type: "replica", id: self.id });
    },
  };
}

/** A relay address's host:port, the metrics' label for a peer (two replicas on one host differ by port). */
function relayHost(relayAddress: string): string {
  try {
    return new URL(relayAddress).host;
  } catch {
    return "invalid";
  }
}

/** Replicas seen within this window are listed; older rows are history nobody needs on screen. */
const LISTED_FOR_MS = 24 * 3600_000;
/**
 * A replica that shut down cleanly is listed this long after: long enough to see a restart or a
 * rollout happen, short enough that replicas replaced by new ones (new pods, new ids) fold away.
 * A stale one (it vanished without stopping) stays for the day: that is worth looking into.
 */
export const STOPPED_LISTED_FOR_MS = 5 * 60_000;

/**
 * Replicas seen in the last day (stopped ones for STOPPED_LISTED_FOR_MS), running ones first,
 * with their outgoing mesh latencies. The rows are cached until the next replica event (every
 * heartbeat publishes one); staleness is a matter of time, so it is worked out on every call.
 */
export async function listReplicas(selfId: string | undefined): Promise<Replica[]> {
  const rows = await cachedUntilEvent(`replicas:${selfId}`, ["replica"], () => readReplicas(selfId, Date.now()));
  const now = Date.now();
  return rows.map((r) => ({ ...r, status: replicaStatus(r, now) }));
}

async function readReplicas(selfId: string | undefined, now: number): Promise<Omit<Replica, "status">[]> {
  const rows = await prisma().replica.findMany({
    // One SQL statement with a lateral join instead of three sequential round trips.
    relationLoadStrategy: "join",
    where: { updatedAt: { gt: new Date(now - LISTED_FOR_MS) }, OR: [{ stoppedAt: null }, { stoppedAt: { gt: new Date(now - STOPPED_LISTED_FOR_MS) } }] },
    orderBy: [{ stoppedAt: { sort: "desc", nulls: "first" } }, { startedAt: "desc" }],
    include: { outgoing: { include: { target: { select: { hostname: true } } }, orderBy: { targetId: "asc" } } },
  });
  return rows.map((r) => ({
      id: r.id,
      hostname: r.hostname,
      region: r.region,
      relay_address: r.relayAddress,
      version: r.version,
      database_latency_us: r.databaseLatencyUs,
      error: r.error,
      primary: r.primary,
      is_self: r.id === selfId,
      started_at: r.startedAt.toISOString(),
      updated_at: r.updatedAt.toISOString(),
      stopped_at: r.stoppedAt?.toISOString() ?? null,
      peers: r.outgoing.map((p) => ({
        replica_id: p.targetId,
        hostname: p.target.hostname,
        latency_ms: p.latencyMs,
        error: p.error,
        measured_at: p.measuredAt.toISOString(),
      })),
  }));
}
