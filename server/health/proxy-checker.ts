// The proxy health checker (DESIGN.md "Background loops"): started in every replica, it runs on
// the one that holds the advisory lock. The leader sweeps every interval, and checks a proxy at
// once when any replica's API write asks for it through NOTIFY meridian_proxy_check.
import "server-only";
import { prisma } from "../db";
import { startLeaderElection } from "./leader";
import { pruneStatusEvents } from "./store";
import { DEFAULT_CONCURRENCY, sweepProxies, type SweepSummary } from "./sweep";

export { DEFAULT_CONCURRENCY } from "./sweep";

/** Requests for an immediate check: the payload is a proxy id, or empty for every proxy. */
export const PROXY_CHECK_CHANNEL = "meridian_proxy_check";
/** Advisory lock key of the checker's leader ("mphc"); distinct from the migration lock. */
export const PROXY_HEALTH_LOCK = 0x6d706863;
export const DEFAULT_TIMEOUT_MS = 5_000;

const EVENT_RETENTION_MS = 30 * 24 * 3600_000;
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
  const log = options.log ?? ((message: string) => console.log(`proxy health: ${message}`));

  let leading = false;
  /** Aborted when leadership ends: in-flight checks are dropped, not written. */
  let term = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let sweeping: Promise<void> | undefined;
  let sweepAgain = false;
  const pending = new Set<string>();
  let pendingTimer: NodeJS.Timeout | undefined;
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
        report("sweep", summary);
        if (Date.now() - lastPrune > PRUNE_EVERY_MS) {
          lastPrune = Date.now();
          const pruned = await pruneStatusEvents(EVENT_RETENTION_MS);
          if (pruned) log(`pruned ${pruned} status events older than 30 days`);
        }
      })
      .catch(failed("sweep", signal))
      .finally(() => {
        sweeping = undefined;
        if (sweepAgain) fullSweep();
      });
  };

  // Requests that arrive together (a burst of API writes) become one batch of checks.
  const checkPending = () => {
    pendingTimer = undefined;
    const ids = [...pending];
    pending.clear();
    const { signal } = term;
    const run = sweepProxies({ ids, timeoutMs, concurrency, signal })
      .then((summary) => report("immediate check", summary))
      .catch(failed(`check of ${ids.join(", ")}`, signal))
      .finally(() => immediate.delete(run));
    immediate.add(run);
  };

  const onRequest = (payload: string) => {
    if (!payload) return fullSweep(true);
    if (!UUID.test(payload)) return log(`ignored a check request for "${payload.slice(0, 64)}": not a proxy id`);
    pending.add(payload.toLowerCase());
    pendingTimer ??= setTimeout(checkPending, 0);
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
      clearTimeout(pendingTimer);
      pendingTimer = undefined;
      pending.clear();
      sweepAgain = false;
      term.abort();
    },
    onNotification: onRequest,
  });

  return {
    isLeader: () => election.isLeader(),
    async stop() {
      await election.stop(); // ends leadership: onLose aborts what is in flight
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
    console.error(`proxy health: could not request a check of ${proxyId ?? "every proxy"} (${(err as Error).message}); the next sweep will check it`);
  }
}
