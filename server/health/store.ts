// Writes check results. A sweep of 1,000 proxies must not cost 1,000 round trips: results are
// queued and written in batches, one transaction of a fixed handful of statements per batch
// whatever its size (unnest() arrays), while the next batch accumulates. Every check leaves a
// proxy_health_samples row (the history charts); status changes also get a proxy_status_events
// row. Events are published inside the transaction, so they are delivered when it commits.
import "server-only";
import type { ProxyStatus } from "@/lib/api/proxies";
import { db } from "../db";
import { publish } from "../events/publish";
import type { CheckOutcome } from "./check";

export interface ProxyResult {
  id: string;
  /** The URL that was checked: a result for a URL the proxy no longer has is stale and dropped. */
  url: string;
  checkedAt: Date;
  outcome: CheckOutcome;
}

export interface StatusChange {
  proxyId: string;
  name: string;
  from: ProxyStatus;
  to: ProxyStatus;
  reason: string;
}

export interface WriteStats {
  batches: number;
  rows: number;
  changes: StatusChange[];
  /** Wall time spent inside write transactions. */
  writeMs: number;
}

/**
 * Writes one batch in a transaction. Rows are locked first so that the "from" status of each
 * event is the one actually replaced, even if an immediate check races a sweep. Rows deleted, or
 * re-registered with another URL, since they were read are skipped.
 */
export async function writeResults(results: ProxyResult[]): Promise<StatusChange[]> {
  if (!results.length) return [];
  const client = await db().pool.connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<{ id: string; name: string; status: ProxyStatus }>(
      `SELECT p.id, p.name, p.status::text AS status
         FROM workspace_proxies p JOIN unnest($1::uuid[], $2::text[]) AS i(id, url) ON p.id = i.id AND p.url = i.url
        WHERE p.deleted_at IS NULL
        ORDER BY p.id
          FOR UPDATE OF p`,
      [results.map((r) => r.id), results.map((r) => r.url)],
    );
    const current = new Map(rows.map((r) => [r.id, r.status]));
    const names = new Map(rows.map((r) => [r.id, r.name]));
    // The last result per proxy wins if a batch holds two (an immediate check beside a sweep).
    const latest = [...new Map(results.filter((r) => current.has(r.id)).map((r) => [r.id, r])).values()];
    const changes = latest
      .filter((r) => current.get(r.id) !== r.outcome.status)
      .map((r) => ({ proxyId: r.id, from: current.get(r.id)!, to: r.outcome.status, reason: r.outcome.reason, latencyMs: r.outcome.latencyMs, at: r.checkedAt }));
    if (latest.length) {
      await client.query(
        `UPDATE workspace_proxies p
            SET status = i.status::proxy_status, status_reason = i.reason, status_report = i.report::jsonb, status_checked_at = i.checked_at
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[]) AS i(id, status, reason, report, checked_at)
          WHERE p.id = i.id`,
        [
          latest.map((r) => r.id),
          latest.map((r) => r.outcome.status),
          latest.map((r) => r.outcome.reason),
          latest.map((r) => (r.outcome.report ? JSON.stringify(r.outcome.report) : null)),
          latest.map((r) => r.checkedAt),
        ],
      );
    }
    // Every check is a sample, even the earlier of two for one proxy in this batch: both happened.
    const sampled = results.filter((r) => current.has(r.id));
    if (sampled.length) {
      await client.query(
        `INSERT INTO proxy_health_samples (proxy_id, at, status, latency_ms)
         SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::proxy_status[], $4::float8[])`,
        [sampled.map((r) => r.id), sampled.map((r) => r.checkedAt), sampled.map((r) => r.outcome.status), sampled.map((r) => r.outcome.latencyMs)],
      );
    }
    if (changes.length) {
      await client.query(
        `INSERT INTO proxy_status_events (proxy_id, from_status, to_status, reason, latency_ms, at)
         SELECT * FROM unnest($1::uuid[], $2::proxy_status[], $3::proxy_status[], $4::text[], $5::float8[], $6::timestamptz[])`,
        [changes.map((c) => c.proxyId), changes.map((c) => c.from), changes.map((c) => c.to), changes.map((c) => c.reason), changes.map((c) => c.latencyMs), changes.map((c) => c.at)],
      );
    }
    if (latest.length) await publish([...changes.map((c) => ({ type: "proxy_status" as const, id: c.proxyId })), { type: "proxy_checks" }], client);
    await client.query("COMMIT");
    return changes.map(({ proxyId, from, to, reason }) => ({ proxyId, name: names.get(proxyId)!, from, to, reason }));
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

export interface ResultWriter {
  push(result: ProxyResult): void;
  /** Waits until everything pushed so far is written; rejects if a batch failed. */
  flush(): Promise<WriteStats>;
}

/**
 * Coalescing writer: a batch is everything that arrived during the previous write plus
 * `lingerMs`. An immediate check uses 0 (its result shows at once); a sweep lingers a little so
 * that its answering proxies, which all come back within a second or so, make a handful of
 * transactions instead of one per few results.
 */
export function createResultWriter({ lingerMs = 0 }: { lingerMs?: number } = {}): ResultWriter {
  const stats: WriteStats = { batches: 0, rows: 0, changes: [], writeMs: 0 };
  let queue: ProxyResult[] = [];
  let writing: Promise<void> | undefined;
  let failure: unknown;

  const drain = async () => {
    while (queue.length) {
      if (lingerMs) await new Promise((resolve) => setTimeout(resolve, lingerMs));
      const batch = queue;
      queue = [];
      const started = performance.now();
      try {
        stats.changes.push(...(await writeResults(batch)));
        stats.batches++;
        stats.rows += batch.length;
      } catch (err) {
        failure ??= err;
      } finally {
        stats.writeMs += performance.now() - started;
      }
    }
  };

  const kick = () => {
    if (writing || !queue.length) return;
    writing = drain().finally(() => {
      writing = undefined;
      kick(); // a result pushed after the loop's last check
    });
  };

  return {
    push(result) {
      queue.push(result);
      kick();
    },
    async flush() {
      while (writing) await writing;
      if (failure) throw failure;
      return stats;
    },
  };
}

/** The history tables the leader prunes, each with its timestamp column `at`. */
const HISTORY_TABLES = ["proxy_status_events", "proxy_health_samples", "replica_latency_samples"] as const;

export type PruneCounts = Record<(typeof HISTORY_TABLES)[number], number>;

/**
 * Deletes history older than the retention period: status changes, health check samples and
 * replica latency samples. One statement (a CTE per table), so one round trip; returns how many
 * rows each table lost.
 */
export async function pruneHistory(retentionMs: number): Promise<PruneCounts> {
  const ctes = HISTORY_TABLES.map((t) => `pruned_${t} AS (DELETE FROM ${t} WHERE at < now() - make_interval(secs => $1) RETURNING 1)`);
  const counts = HISTORY_TABLES.map((t) => `(SELECT count(*)::int FROM pruned_${t}) AS ${t}`);
  const { rows } = await db().pool.query<PruneCounts>(`WITH ${ctes.join(", ")} SELECT ${counts.join(", ")}`, [retentionMs / 1000]);
  return rows[0];
}
