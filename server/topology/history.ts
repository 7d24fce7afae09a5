// History for the detail pages: a proxy's health checks and status changes, a replica's database
// and peer latencies. Samples are grouped into fixed buckets in SQL (date_bin from the epoch, so
// a bucket is the same whichever replica answers), and every bucket of the period comes back,
// empty ones included: a 7-day view is a few hundred rows however many samples there are.
import "server-only";
import { MAX_STATUS_CHANGES, PERIODS, type HistoryPeriod, type LatencyBucket, type ProxyHistory, type ReplicaHistory, type StatusChange } from "@/lib/api/history";
import type { ProxyStatus } from "@/lib/api/proxies";
import { db, prisma } from "../db";
import { NotFound } from "../http/errors";

/** The period ending at `now`, and the parameters every bucketing query takes after the id ($2-$4). */
function window(period: HistoryPeriod, now: Date) {
  const { ms, bucketMs } = PERIODS[period];
  const from = new Date(now.getTime() - ms);
  const span = { period, from: from.toISOString(), to: now.toISOString(), bucket_seconds: bucketMs / 1000 };
  return { span, params: [`${bucketMs / 1000} seconds`, from, now] };
}

/** `$2` is the bucket width, `$3`..`$4` the period. */
const bin = (column: string) => `date_bin($2::interval, ${column}, timestamptz 'epoch')`;
const EVERY_BUCKET = `SELECT generate_series(${bin("$3::timestamptz")}, $4::timestamptz, $2::interval) AS t`;
const LATENCY = "percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms) AS p50, max(latency_ms) AS max";

/** The live proxy `id` names, or NotFound (a detail page's layout asks before the page streams). */
export async function findProxy(id: string) {
  const proxy = await prisma().workspaceProxy.findFirst({ where: { id, deletedAt: null }, select: { id: true, name: true, displayName: true } });
  if (!proxy) throw new NotFound("Workspace proxy");
  return proxy;
}

/** The replica `id` names, stopped or not, or NotFound. */
export async function findReplica(id: string) {
  const replica = await prisma().replica.findUnique({ where: { id }, select: { id: true, hostname: true, region: true } });
  if (!replica) throw new NotFound("Replica");
  return replica;
}

export async function proxyHistory(id: string, period: HistoryPeriod, now = new Date()): Promise<ProxyHistory> {
  const proxy = await findProxy(id);
  const { span, params } = window(period, now);
  const [buckets, changes] = await Promise.all([
    db().pool.query<{ t: Date; ok: number; unhealthy: number; unreachable: number; unregistered: number; p50: number | null; max: number | null }>(
      `WITH s AS (
         SELECT ${bin("at")} AS t,
                count(*) FILTER (WHERE status = 'ok')::int AS ok,
                count(*) FILTER (WHERE status = 'unhealthy')::int AS unhealthy,
                count(*) FILTER (WHERE status = 'unreachable')::int AS unreachable,
                count(*) FILTER (WHERE status = 'unregistered')::int AS unregistered,
                ${LATENCY}
           FROM proxy_health_samples
          WHERE proxy_id = $1 AND at >= $3 AND at <= $4
          GROUP BY 1
       )
       SELECT b.t, coalesce(s.ok, 0) AS ok, coalesce(s.unhealthy, 0) AS unhealthy, coalesce(s.unreachable, 0) AS unreachable,
              coalesce(s.unregistered, 0) AS unregistered, s.p50, s.max
         FROM (${EVERY_BUCKET}) b LEFT JOIN s USING (t)
        ORDER BY b.t`,
      [id, ...params],
    ),
    db().pool.query<{ at: Date; from: ProxyStatus | null; to: ProxyStatus; reason: string }>(
      `SELECT at, from_status::text AS "from", to_status::text AS "to", reason
         FROM proxy_status_events
        WHERE proxy_id = $1 AND at >= $2 AND at <= $3
        ORDER BY at DESC, id DESC
        LIMIT ${MAX_STATUS_CHANGES}`,
      [id, params[1], params[2]],
    ),
  ]);
  return {
    proxy: { id: proxy.id, name: proxy.name, display_name: proxy.displayName },
    ...span,
    buckets: buckets.rows.map((r) => ({
      at: r.t.toISOString(),
      ok: r.ok,
      unhealthy: r.unhealthy,
      unreachable: r.unreachable,
      unregistered: r.unregistered,
      latency_p50_ms: r.p50,
      latency_max_ms: r.max,
    })),
    changes: changes.rows.map((c): StatusChange => ({ at: c.at.toISOString(), from: c.from, to: c.to, reason: c.reason })),
  };
}

/** Stands for "no peer" (the database series) where a join needs an equality key. */
const DATABASE_KEY = "00000000-0000-0000-0000-000000000000";

export async function replicaHistory(id: string, period: HistoryPeriod, now = new Date()): Promise<ReplicaHistory> {
  const replica = await findReplica(id);
  const { span, params } = window(period, now);
  // One series for the database (always, so its chart spans the period) and one per peer sampled in it.
  const { rows } = await db().pool.query<{ peer_id: string | null; hostname: string | null; t: Date; samples: number; p50: number | null; max: number | null; errors: number }>(
    `WITH s AS (
       SELECT coalesce(peer_id, '${DATABASE_KEY}') AS key, ${bin("at")} AS t,
              count(*)::int AS samples, count(*) FILTER (WHERE error)::int AS errors, ${LATENCY}
         FROM replica_latency_samples
        WHERE replica_id = $1 AND at >= $3 AND at <= $4
        GROUP BY 1, 2
     ), series AS (
       SELECT '${DATABASE_KEY}'::uuid AS key UNION SELECT key FROM s
     )
     SELECT nullif(series.key, '${DATABASE_KEY}') AS peer_id, r.hostname, b.t,
            coalesce(s.samples, 0) AS samples, coalesce(s.errors, 0) AS errors, s.p50, s.max
       FROM series CROSS JOIN (${EVERY_BUCKET}) b
       LEFT JOIN s ON s.key = series.key AND s.t = b.t
       LEFT JOIN replicas r ON r.id = series.key
      ORDER BY peer_id NULLS FIRST, b.t`,
    [id, ...params],
  );
  const database: LatencyBucket[] = [];
  const peers = new Map<string, ReplicaHistory["peers"][number]>();
  for (const r of rows) {
    const bucket = { at: r.t.toISOString(), samples: r.samples, latency_p50_ms: r.p50, latency_max_ms: r.max, errors: r.errors };
    if (r.peer_id === null) {
      database.push(bucket);
      continue;
    }
    let peer = peers.get(r.peer_id);
    if (!peer) peers.set(r.peer_id, (peer = { replica_id: r.peer_id, hostname: r.hostname ?? "", buckets: [] }));
    peer.buckets.push(bucket);
  }
  const byHostname = [...peers.values()].sort((a, b) => a.hostname.localeCompare(b.hostname) || a.replica_id.localeCompare(b.replica_id));
  return { replica, ...span, database, peers: byHostname };
}
