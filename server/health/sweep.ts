// One pass over the live proxies (or a few of them, when an API write asks for an immediate
// check): a small pool of workers runs the checks, the coalescing writer stores the results.
import "server-only";
import type { ProxyStatus } from "@/lib/api/proxies";
import { prisma } from "../db";
import { config } from "../env";
import { metrics } from "../metrics/registry";
import { policyFromConfig } from "../net/destination-policy";
import { checkProxy, type CheckOutcome } from "./check";
import { reasons } from "./reasons";
import { createResultWriter, type StatusChange } from "./store";

/**
 * Workers per sweep. A sweep's floor is (proxies that never answer × timeout) / workers, since
 * each silent proxy holds a worker for the whole timeout: with 10 % of 1,000 proxies silent and
 * the 5 s timeout that is 500 worker-seconds, so 100 workers keep a sweep near 5 s (the target is
 * 10 s), where 50 would already sit at the 10 s edge. 100 idle sockets and pending fetches cost a
 * few MB (bench:health measures it) and are far below any file-descriptor limit.
 */
export const DEFAULT_CONCURRENCY = 100;

/** A sweep's results reach the database at most this late (see createResultWriter). */
const SWEEP_WRITE_LINGER_MS = 100;

export interface SweepOptions {
  timeoutMs: number;
  concurrency: number;
  /** Aborts in-flight checks; their results are not written. */
  signal?: AbortSignal;
  /** Only these proxies (an immediate check); all live proxies when absent. */
  ids?: string[];
}

export interface SweepSummary {
  checked: number;
  byStatus: Record<ProxyStatus, number>;
  /** The proxies that had a URL, which this sweep resolved and (where allowed) called. */
  called: string[];
  changes: StatusChange[];
  durationMs: number;
  writeBatches: number;
  writeMs: number;
}

interface Row {
  id: string;
  name: string;
  url: string;
  status: ProxyStatus;
  statusReason: string;
}

/** What to record for a proxy with no URL, or null to leave its row alone. */
function unregisteredOutcome(row: Row): CheckOutcome | null {
  // Already unregistered with a reason: never checked since (demo rows carry their own reason).
  if (row.status === "unregistered" && row.statusReason) return null;
  const reason = row.status === "unregistered" ? reasons.neverRegistered() : reasons.deregistered();
  return { status: "unregistered", reason, report: null, latencyMs: null };
}

export async function sweepProxies({ timeoutMs, concurrency, signal, ids }: SweepOptions): Promise<SweepSummary> {
  const started = performance.now();
  const policy = policyFromConfig(config());
  const rows: Row[] = await prisma().workspaceProxy.findMany({
    where: { deletedAt: null, ...(ids ? { id: { in: ids } } : {}) },
    select: { id: true, name: true, url: true, status: true, statusReason: true },
  });
  const byStatus: Record<ProxyStatus, number> = { ok: 0, unhealthy: 0, unreachable: 0, unregistered: 0 };
  const writer = createResultWriter({ lingerMs: ids ? 0 : SWEEP_WRITE_LINGER_MS });
  const record = (row: Row, outcome: CheckOutcome) => {
    if (signal?.aborted) return; // leadership ended: the next leader's results must not be overwritten
    byStatus[outcome.status]++;
    writer.push({ id: row.id, url: row.url, checkedAt: new Date(), outcome });
  };

  const registered: Row[] = [];
  for (const row of rows) {
    if (row.url) registered.push(row);
    else {
      const outcome = unregisteredOutcome(row);
      if (outcome) record(row, outcome);
    }
  }
  let next = 0;
  const worker = async () => {
    while (next < registered.length && !signal?.aborted) {
      const row = registered[next++];
      const checkStarted = performance.now();
      const outcome = await checkProxy(row.url, { timeoutMs, policy, signal });
      metrics().proxyCheckDuration.observe({ proxy: row.name }, (performance.now() - checkStarted) / 1000);
      record(row, outcome);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(Math.max(1, concurrency), registered.length) }, worker));
  } finally {
    await writer.flush().catch(() => {}); // results recorded before an abort are still written
  }
  const stats = await writer.flush();
  return {
    checked: Object.values(byStatus).reduce((a, b) => a + b, 0),
    byStatus,
    called: registered.map((r) => r.id),
    changes: stats.changes,
    durationMs: performance.now() - started,
    writeBatches: stats.batches,
    writeMs: stats.writeMs,
  };
}
