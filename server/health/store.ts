// Writes check results. A sweep of 1,000 proxies must not cost 1,000 round trips: results are
// queued and written in batches, one transaction of five statements per batch whatever its size
// (unnest() arrays), while the next batch accumulates. Status changes get a proxy_status_events
// row and a NOTIFY on `meridian_events`, delivered when the transaction commits.
import "server-only";
import type { ProxyStatus } from "@/lib/api/proxies";
import { db } from "../db";
import type { CheckOutcome } from "./check";

/** The channel the event fan-out LISTENs on (one per replica), relaying to browsers. */
export const EVENTS_CHANNEL = "meridian_events";

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
    if (changes.length) {
      await client.query(
        `INSERT INTO proxy_status_events (proxy_id, from_status, to_status, reason, latency_ms, at)
         SELECT * FROM unnest($1::uuid[], $2::proxy_status[], $3::proxy_status[], $4::text[], $5::float8[], $6::timestamptz[])`,
        [changes.map((c) => c.proxyId), changes.map((c) => c.from), changes.map((c) => c.to), changes.map((c) => c.reason), changes.map((c) => c.latencyMs), changes.map((c) => c.at)],
      );
      const payloads = changes.map((c) => JSON.stringify({ type: "proxy_status", proxy_id: c.proxyId, from: c.from, to: c.to }));
      await client.query(`SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload`, [EVENTS_CHANNEL, payloads]);
    }
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

/** Deletes status history older than the retention period; returns how many rows went. */
export async function pruneStatusEvents(retentionMs: number): Promise<number> {
  const { rowCount } = await db().pool.query(`DELETE FROM proxy_status_events WHERE at < now() - make_interval(secs => $1)`, [retentionMs / 1000]);
  return rowCount ?? 0;
}
