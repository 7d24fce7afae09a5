// The proxy health checker (DESIGN.md "Background loops"): started in every replica, it runs on
// the one that holds the advisory lock. The leader sweeps every interval, and checks a proxy at
// once when any replica's API write asks for it through NOTIFY meridian_proxy_check (paced: at
// most once per ON_DEMAND_CHECK_SPACING_MS for each proxy).
import "server-only";
import { prisma } from "../db";
import { DEFAULT_HISTORY_RETENTION_DAYS } from "../env";
import { logger } from "../log";
import { metrics, reportLeadership } from "../metrics/registry";
import { startLeaderElection } from "./leader";
import { pruneHistory } from "./store";
import { DEFAULT_CONCURRENCY, sweepProxies, type SweepSummary } from "./sweep";

export { DEFAULT_CONCURRENCY } from "./sweep";

/** Requests for an immediate check: the payload is a proxy id, or empty for every proxy. */
export const PROXY_CHECK_CHANNEL = "meridian_proxy_check";
/** Advisory lock key of the checker's leader ("mphc"); distinct from the migration lock. */
export const PROXY_HEALTH_LOCK = 0x6d706863;
export const DEFAULT_TIMEOUT_MS = 5_000;
/**
 * An on-demand check (a registration, an edit) calls a given proxy at most this often. An agent's
 * token holder could re-register in a loop, alternating URLs, to make the primary dial over and
 * over; requests in between wait for the next slot and become one check. Sweeps do not count.
 */
export const ON_DEMAND_CHECK_SPACING_MS = 10_000;

const DAY_MS = 24 * 3600_000;
const PRUNE_EVERY_MS = 3600_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Beyond this many changes in one sweep the log gives a count, not a line per proxy. */
const LOGGED_CHANGES = 10;

export interface ProxyHealthCheckerOptions {
  /** For the checker's own leader-election connection (outside the Prisma pool). */
  databaseUrl: string;
  intervalMs: number;
  timeoutMs?: number;
  concurrency?: number;
  /** ON_DEMAND_CHECK_SPACING_MS unless a test wants it shorter. */
  onDemandSpacingMs?: number;
  /** Status changes and samples older than this are pruned by the leader (MERIDIAN_HISTORY_RETENTION_DAYS). */
  historyRetentionDays?: number;
  log?: (message: string) => void;
}

export interface ProxyHealthChecker {
  stop(): Promise<void>;
  isLeader(): boolean;
}

export function startProxyHealthChecker(options: ProxyHealthCheckerOptions): ProxyHealthChecker {
  const { intervalMs } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const spacingMs = options.onDemandSpacingMs ?? ON_DEMAND_CHECK_SPACING_MS;
  const retentionDays = options.historyRetentionDays ?? DEFAULT_HISTORY_RETENTION_DAYS;
  const log = options.log ?? ((message: string) => logger().info(`proxy health: ${message}`));

  let leading = false;
  /** Aborted when leadership ends: in-flight checks are dropped, not written. */
  let term = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let sweeping: Promise<void> | undefined;
  let sweepAgain = false;
  /** On-demand requests not served yet, proxies being checked on demand, and when each was last called on demand. */
  const waiting = new Set<string>();
  const running = new Set<string>();
  const lastCalled = new Map<string, number>();
  let wakeTimer: NodeJS.Timeout | undefined;
  const immediate = new Set<Promise<void>>();
  let lastPrune = 0;

  const report = (what: string, summary: SweepSummary) => {
    const { changes } = summary;
    if (!changes.length) return;
    const detail = changes.length > LOGGED_CHANGES ? "" : `: ${changes.map((c) => `${c.name} ${c.from} → ${c.to}`).join(", ")}`;
    log(`${what} of ${summary.checked} proxies in ${(summary.durationMs / 1000).toFixed(1)} s, ${changes.length} changed status${detail}`);
  };

  const failed = (what: string, signal: AbortSignal) => (err: unknown) => {
    if (!signal.aborted) log(`${what} failed: ${(err as Error).message}`);
  };

  /** `queue`: a request for every proxy during a sweep is served right after it; a timer tick is not. */
  const fullSweep = (queue = false) => {
    if (!leading) return;
    if (sweeping) {
      sweepAgain ||= queue;
      return;
    }
    sweepAgain = false;
    const { signal } = term;
    sweeping = sweepProxies({ timeoutMs, concurrency, signal })
      .then(async (summary) => {
        metrics().sweepDuration.observe({ kind: "sweep" }, summary.durationMs / 1000);
        report("sweep", summary);
        if (Date.now() - lastPrune > PRUNE_EVERY_MS) {
          lastPrune = Date.now();
          const pruned = await pruneHistory(retentionDays * DAY_MS);
          const removed = Object.entries(pruned).filter(([, n]) => n > 0);
          if (removed.length) log(`pruned history older than ${retentionDays} days: ${removed.map(([table, n]) => `${n} from ${table}`).join(", ")}`);
        }
      })
      .catch(failed("sweep", signal))
      .finally(() => {
        sweeping = undefined;
        if (sweepAgain) fullSweep();
      });
  };

  // Requests that arrive together (a burst of API writes) become one batch of checks; a proxy
  // called on demand less than spacingMs ago, or being checked now, waits for its next slot.
  const checkDue = () => {
    wakeTimer = undefined;
    const now = Date.now();
    for (const [id, at] of lastCalled) if (now - at >= spacingMs) lastCalled.delete(id);
    const due: string[] = [];
    let wakeAt = Infinity;
    for (const id of waiting) {
      if (running.has(id)) continue; // looked at again when its check ends
      const slot = (lastCalled.get(id) ?? -Infinity) + spacingMs;
      if (slot <= now) due.push(id);
      else wakeAt = Math.min(wakeAt, slot);
    }
    if (wakeAt < Infinity) wakeTimer = setTimeout(checkDue, wakeAt - now);
    if (!due.length) return;
    for (const id of due) {
      waiting.delete(id);
      running.add(id);
    }
    const { signal } = term;
    const run = sweepProxies({ ids: due, timeoutMs, concurrency, signal })
      .then((summary) => {
        // From the end of the check, not its start: the call itself happened somewhere in between.
        const ended = Date.now();
        for (const id of summary.called) lastCalled.set(id, ended);
        metrics().sweepDuration.observe({ kind: "immediate" }, summary.durationMs / 1000);
        report("immediate check", summary);
      })
      .catch(failed(`check of ${due.join(", ")}`, signal))
      .finally(() => {
        immediate.delete(run);
        for (const id of due) running.delete(id);
        if (leading && waiting.size) wake();
      });
    immediate.add(run);
  };
  const wake = () => {
    clearTimeout(wakeTimer);
    wakeTimer = setTimeout(checkDue, 0);
  };

  const onRequest = (payload: string) => {
    if (!payload) return fullSweep(true);
    if (!UUID.test(payload)) return log(`ignored a check request for "${payload.slice(0, 64)}": not a proxy id`);
    waiting.add(payload.toLowerCase());
    wake();
  };

  const election = startLeaderElection({
    databaseUrl: options.databaseUrl,
    lockKey: PROXY_HEALTH_LOCK,
    channel: PROXY_CHECK_CHANNEL,
    retryMs: intervalMs,
    applicationName: "meridian-proxy-health",
    log,
    onLead() {
      leading = true;
      term = new AbortController();
      fullSweep();
      timer = setInterval(() => fullSweep(), intervalMs);
    },
    onLose() {
      leading = false;
      clearInterval(timer);
      clearTimeout(wakeTimer);
      wakeTimer = undefined;
      waiting.clear();
      lastCalled.clear();
      sweepAgain = false;
      term.abort();
    },
    onNotification: onRequest,
  });

  reportLeadership(() => election.isLeader());
  return {
    isLeader: () => election.isLeader(),
    async stop() {
      await election.stop(); // ends leadership: onLose aborts what is in flight
      reportLeadership(null);
      await Promise.all([sweeping, ...immediate]);
    },
  };
}

/**
 * Asks the leader, in whichever replica it runs, to check `proxyId` (or every proxy) now. Call
 * it after the write has committed, so the check sees the new row. A failure is logged, not
 * thrown: the API write succeeded, and the next sweep checks the proxy anyway.
 */
export async function requestProxyCheck(proxyId?: string): Promise<void> {
  try {
    await prisma().$executeRaw`SELECT pg_notify(${PROXY_CHECK_CHANNEL}, ${proxyId ?? ""})`;
  } catch (err) {
    logger().error(`proxy health: could not request a check of ${proxyId ?? "every proxy"} (${(err as Error).message}); the next sweep will check it`);
  }
}
