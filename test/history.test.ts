// History against real Postgres: every check and every heartbeat leaves samples, pruning removes
// only what is older than the retention in all three history tables, and the history endpoints
// bucket in SQL (a week of 15 s samples is a few hundred points; a small hand-made set gives
// exactly the counts and latencies it should), with the API's 400/403/404 answers.
import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import { beforeAll, describe, expect, it } from "vitest";
import { PERIODS, type HistoryPeriod, type ProxyHistory, type ReplicaHistory } from "@/lib/api/history";
import type { ProxyStatus } from "@/lib/api/proxies";
import { db, prisma } from "@/server/db";
import { pruneHistory, writeResults, type ProxyResult } from "@/server/health/store";
import { proxyHistory, replicaHistory } from "@/server/topology/history";
import { recordLatencySamples, startReplicaHeartbeat } from "@/server/topology/replicas";
import { newProxySecret } from "@/server/topology/proxy-tokens";
import { call } from "./support/api";
import { useFreshDatabaseForEach, withTestDatabase } from "./support/database";
import { makeUser } from "./support/users";

withTestDatabase();

const DAY = 24 * 3600_000;

async function makeProxy(options: { deleted?: boolean } = {}) {
  const key = randomBytes(4).toString("hex");
  return prisma().workspaceProxy.create({
    data: { name: `h-${key}`, displayName: `History ${key}`, url: `http://h-${key}.test`, tokenHashedSecret: newProxySecret().hashed, deletedAt: options.deleted ? new Date() : null },
  });
}

async function makeReplica(hostname: string, { relayAddress = "http://127.0.0.1:9", region = "history" } = {}) {
  const now = new Date();
  return prisma().replica.create({ data: { id: randomUUID(), hostname, region, relayAddress, version: "1.0.0", startedAt: now, updatedAt: now } });
}

const result = (proxy: { id: string; url: string }, status: ProxyStatus, latencyMs: number | null, checkedAt = new Date()): ProxyResult => ({
  id: proxy.id,
  url: proxy.url,
  checkedAt,
  outcome: { status, reason: "", report: null, latencyMs },
});

const samplesOf = (proxyId: string) => prisma().proxyHealthSample.findMany({ where: { proxyId }, orderBy: { at: "asc" } });

describe("samples", () => {
  it("writeResults keeps every check of a live proxy as a sample, in the same batch", async () => {
    const a = await makeProxy();
    const b = await makeProxy();
    const gone = await makeProxy({ deleted: true });
    const t0 = new Date(Date.now() - 2_000);
    const t1 = new Date(Date.now() - 1_000);
    await writeResults([result(a, "ok", 12.5, t0), result(b, "unreachable", null, t0), result(a, "unhealthy", 40, t1), result(gone, "ok", 1, t0)]);
    expect((await samplesOf(a.id)).map((s) => [s.status, s.latencyMs, s.at.getTime()])).toEqual([
      ["ok", 12.5, t0.getTime()],
      ["unhealthy", 40, t1.getTime()],
    ]);
    expect((await samplesOf(b.id)).map((s) => [s.status, s.latencyMs])).toEqual([["unreachable", null]]);
    expect(await samplesOf(gone.id)).toEqual([]);
    // A result for a URL the proxy no longer has is stale: no sample either.
    await writeResults([{ ...result(b, "ok", 3), url: "http://elsewhere.test" }]);
    expect(await samplesOf(b.id)).toHaveLength(1);
  });

  it("a heartbeat keeps its database latency and each peer's latency as samples", async () => {
    const relay: Server = createServer((_req, res) => res.end("OK"));
    await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
    try {
      // A region of its own: the beat pings only this peer, whatever other tests left behind.
      const region = `beat-${randomBytes(3).toString("hex")}`;
      const peer = await makeReplica("peer-a", { relayAddress: `http://127.0.0.1:${(relay.address() as { port: number }).port}`, region });
      const self = { id: randomUUID(), hostname: "self", region, relayUrl: "http://127.0.0.1:9", version: "1.0.0" };
      const loop = await startReplicaHeartbeat(self, 60_000); // one beat
      await loop.stop();
      const samples = await prisma().replicaLatencySample.findMany({ where: { replicaId: self.id } });
      expect(samples.map((s) => [s.peerId, s.error]).sort()).toEqual([
        [null, false],
        [peer.id, false],
      ]);
      for (const s of samples) expect(s.latencyMs).toBeGreaterThan(0);
    } finally {
      relay.close();
    }
  });
});

describe("pruning", () => {
  // Other tests seed history at fixed dates: this one counts what goes in a database of its own.
  useFreshDatabaseForEach();

  it("removes rows older than the retention from all three history tables, and nothing newer", async () => {
    const proxy = await makeProxy();
    const [replica, peer] = [await makeReplica("prune-a"), await makeReplica("prune-b")];
    const old = new Date(Date.now() - 15 * DAY);
    const recent = new Date(Date.now() - 13 * DAY);
    for (const at of [old, recent]) {
      await prisma().proxyStatusEvent.create({ data: { proxyId: proxy.id, fromStatus: "ok", toStatus: "unreachable", reason: at === old ? "old" : "recent", at } });
      await prisma().proxyHealthSample.create({ data: { proxyId: proxy.id, status: "ok", latencyMs: 1, at } });
      await recordLatencySamples(replica.id, 500, [{ targetId: peer.id, hostname: "prune-b", latencyMs: null, error: "refused" }], at);
    }

    const pruned = await pruneHistory(14 * DAY);
    expect(pruned).toEqual({ proxy_status_events: 1, proxy_health_samples: 1, replica_latency_samples: 2 });
    expect((await prisma().proxyStatusEvent.findMany({ where: { proxyId: proxy.id } })).map((e) => e.reason)).toEqual(["recent"]);
    expect((await samplesOf(proxy.id)).map((s) => s.at)).toEqual([recent]);
    expect((await prisma().replicaLatencySample.findMany({ where: { replicaId: replica.id } })).map((s) => s.at)).toEqual([recent, recent]);
    expect(await pruneHistory(14 * DAY)).toEqual({ proxy_status_events: 0, proxy_health_samples: 0, replica_latency_samples: 0 });
  });
});

describe("bucketing", () => {
  const NOW = new Date("2026-01-01T12:00:00.000Z");
  const at = (hhmmss: string) => new Date(`2026-01-01T${hhmmss}Z`);
  const total = (h: ProxyHistory) => h.buckets.reduce((n, b) => n + b.ok + b.unhealthy + b.unreachable + b.unregistered, 0);

  it("returns at most a few hundred points for a week of samples every 15 s, counting every sample once", async () => {
    const proxy = await makeProxy();
    const [replica, peer] = [await makeReplica("busy"), await makeReplica("busy-peer")];
    const seed = (sql: string) => db().pool.query(sql, [NOW]);
    const series = "generate_series($1::timestamptz - interval '7 days' + interval '15 seconds', $1::timestamptz, interval '15 seconds') AS t";
    await seed(`INSERT INTO proxy_health_samples (proxy_id, at, status, latency_ms) SELECT '${proxy.id}', t, 'ok', 10 + extract(epoch FROM t)::int % 7 FROM ${series}`);
    await seed(`INSERT INTO replica_latency_samples (replica_id, peer_id, at, latency_ms) SELECT '${replica.id}', p, t, 0.5 FROM ${series}, unnest(ARRAY[NULL, '${peer.id}']::uuid[]) AS p`);

    // A period includes both its ends: the 1 h one holds the samples at 11:00:00 and at 12:00:00.
    const perPeriod: Record<HistoryPeriod, number> = { "1h": 241, "24h": 5_761, "7d": 40_320 };
    for (const [period, samples] of Object.entries(perPeriod) as [HistoryPeriod, number][]) {
      const h = await proxyHistory(proxy.id, period, NOW);
      expect(h.buckets.length, period).toBeLessThanOrEqual(400);
      expect(h.buckets.length, period).toBe(PERIODS[period].ms / PERIODS[period].bucketMs + 1);
      expect(total(h), period).toBe(samples);
      expect(h.buckets.filter((b) => b.ok).every((b) => b.latency_p50_ms! >= 10 && b.latency_max_ms! <= 16), period).toBe(true);

      const r = await replicaHistory(replica.id, period, NOW);
      expect(r.database.length, period).toBe(h.buckets.length);
      expect(r.peers.map((p) => [p.hostname, p.buckets.length])).toEqual([["busy-peer", h.buckets.length]]);
      expect(r.peers[0].buckets.reduce((n, b) => n + b.samples, 0), period).toBe(samples);
    }
  });

  it("counts statuses and takes the latency median and maximum per bucket of a hand-made set", async () => {
    const proxy = await makeProxy();
    const rows: [string, ProxyStatus, number | null][] = [
      ["10:59:59", "ok", 99], // before the hour: outside the 1 h period
      ["11:00:00", "unregistered", null],
      ["11:59:00", "ok", 10],
      ["11:59:05", "ok", 30],
      ["11:59:07", "unreachable", null],
      ["11:59:30", "unhealthy", 5],
    ];
    await prisma().proxyHealthSample.createMany({ data: rows.map(([t, status, latencyMs]) => ({ proxyId: proxy.id, at: at(t), status, latencyMs })) });
    await prisma().proxyStatusEvent.createMany({
      data: [
        { proxyId: proxy.id, fromStatus: "ok", toStatus: "unreachable", reason: "before the period", at: at("10:30:00") },
        { proxyId: proxy.id, fromStatus: null, toStatus: "unregistered", reason: "created", at: at("11:00:00") },
        { proxyId: proxy.id, fromStatus: "ok", toStatus: "unreachable", reason: "connection refused", at: at("11:59:07") },
        { proxyId: proxy.id, fromStatus: "unreachable", toStatus: "unhealthy", reason: "HTTP 500", at: at("11:59:30") },
      ],
    });

    const h = await proxyHistory(proxy.id, "1h", NOW);
    expect(h).toMatchObject({ proxy: { id: proxy.id, name: proxy.name }, period: "1h", from: "2026-01-01T11:00:00.000Z", to: NOW.toISOString(), bucket_seconds: 30 });
    expect(h.buckets).toHaveLength(121);
    const bucket = (t: string) => h.buckets.find((b) => b.at === at(t).toISOString());
    expect(bucket("11:00:00")).toEqual({ at: at("11:00:00").toISOString(), ok: 0, unhealthy: 0, unreachable: 0, unregistered: 1, latency_p50_ms: null, latency_max_ms: null });
    expect(bucket("11:59:00")).toEqual({ at: at("11:59:00").toISOString(), ok: 2, unhealthy: 0, unreachable: 1, unregistered: 0, latency_p50_ms: 20, latency_max_ms: 30 });
    expect(bucket("11:59:30")).toMatchObject({ unhealthy: 1, latency_p50_ms: 5, latency_max_ms: 5 });
    expect(bucket("11:30:00")).toEqual({ at: at("11:30:00").toISOString(), ok: 0, unhealthy: 0, unreachable: 0, unregistered: 0, latency_p50_ms: null, latency_max_ms: null });
    expect(total(h)).toBe(5);
    expect(h.changes).toEqual([
      { at: at("11:59:30").toISOString(), from: "unreachable", to: "unhealthy", reason: "HTTP 500" },
      { at: at("11:59:07").toISOString(), from: "ok", to: "unreachable", reason: "connection refused" },
      { at: at("11:00:00").toISOString(), from: null, to: "unregistered", reason: "created" },
    ]);
  });

  it("gives a replica's database latency and each peer's latency and dial errors per bucket", async () => {
    const replica = await makeReplica("small");
    const [zed, alpha] = [await makeReplica("zed"), await makeReplica("alpha")];
    await recordLatencySamples(replica.id, 400, [{ targetId: zed.id, hostname: "zed", latencyMs: 2, error: null }, { targetId: alpha.id, hostname: "alpha", latencyMs: null, error: "dial: ECONNREFUSED" }], at("11:58:01"));
    await recordLatencySamples(replica.id, 800, [{ targetId: zed.id, hostname: "zed", latencyMs: 4, error: null }], at("11:58:06"));

    const r: ReplicaHistory = await replicaHistory(replica.id, "1h", NOW);
    expect(r.replica).toEqual({ id: replica.id, hostname: "small", region: "history" });
    const inBucket = (buckets: ReplicaHistory["database"]) => buckets.find((b) => b.at === at("11:58:00").toISOString());
    expect(r.database).toHaveLength(121);
    expect(inBucket(r.database)).toEqual({ at: at("11:58:00").toISOString(), samples: 2, latency_p50_ms: expect.closeTo(0.6), latency_max_ms: 0.8, errors: 0 });
    expect(r.peers.map((p) => p.hostname)).toEqual(["alpha", "zed"]);
    expect(inBucket(r.peers[0].buckets)).toMatchObject({ samples: 1, latency_p50_ms: null, errors: 1 });
    expect(inBucket(r.peers[1].buckets)).toMatchObject({ samples: 2, latency_p50_ms: 3, latency_max_ms: 4, errors: 0 });
    // A replica with no samples still has its database series, empty, over the whole period.
    const quiet = await replicaHistory(zed.id, "24h", NOW);
    expect(quiet.database.every((b) => b.samples === 0 && b.latency_p50_ms === null)).toBe(true);
    expect(quiet.peers).toEqual([]);
  });
});

describe("the history endpoints", () => {
  let admin: Record<string, string>;
  let member: Record<string, string>;
  beforeAll(async () => {
    admin = { authorization: `Bearer ${await (await makeUser("admin")).token()}` };
    member = { authorization: `Bearer ${await (await makeUser("member")).token()}` };
  });

  it("answers an admin with the proxy's history, 24 h by default", async () => {
    const proxy = await makeProxy();
    const res = await call("GET /api/v2/workspaceproxies/[id]/history", { params: { id: proxy.id }, headers: admin });
    expect(res.status).toBe(200);
    const body = (await res.json()) as ProxyHistory;
    expect(body).toMatchObject({ period: "24h", bucket_seconds: 300, proxy: { id: proxy.id } });
    expect(body.buckets.length).toBeLessThanOrEqual(289);

    const replica = await makeReplica("api");
    const r = await call("GET /api/v2/replicas/[id]/history", { params: { id: replica.id }, query: { period: "7d" }, headers: admin });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ period: "7d", bucket_seconds: 1800, replica: { id: replica.id, hostname: "api" } });
  });

  it("answers 404 for an unknown or deleted proxy and an unknown replica", async () => {
    const deleted = await makeProxy({ deleted: true });
    for (const id of [randomUUID(), deleted.id]) {
      const res = await call("GET /api/v2/workspaceproxies/[id]/history", { params: { id }, headers: admin });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ message: "Workspace proxy not found." });
    }
    const res = await call("GET /api/v2/replicas/[id]/history", { params: { id: randomUUID() }, headers: admin });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ message: "Replica not found." });
  });

  it("answers 400 naming the period or the id", async () => {
    const proxy = await makeProxy();
    for (const key of ["GET /api/v2/workspaceproxies/[id]/history", "GET /api/v2/replicas/[id]/history"]) {
      const bad = await call(key, { params: { id: proxy.id }, query: { period: "30d" }, headers: admin });
      expect(bad.status).toBe(400);
      expect((await bad.json()).validations).toEqual([{ field: "period", detail: "must be one of 1h, 24h, 7d" }]);
      const extra = await call(key, { params: { id: proxy.id }, query: { period: "1h", limit: "5" }, headers: admin });
      expect(extra.status).toBe(400);
      const notUuid = await call(key, { params: { id: "not-a-uuid" }, headers: admin });
      expect(notUuid.status).toBe(400);
      expect((await notUuid.json()).validations[0].field).toBe("id");
    }
  });

  it("refuses a member", async () => {
    const proxy = await makeProxy();
    const replica = await makeReplica("member-view");
    expect((await call("GET /api/v2/workspaceproxies/[id]/history", { params: { id: proxy.id }, headers: member })).status).toBe(403);
    expect((await call("GET /api/v2/replicas/[id]/history", { params: { id: replica.id }, headers: member })).status).toBe(403);
  });
});
