// Leader election for singleton jobs: every replica keeps one dedicated connection (outside the
// Prisma pool, so pool recycling can never drop the lock) and tries a session-level advisory lock
// on it twice an interval. Postgres releases the lock when that session ends, so when the leader's
// process or connection dies another replica takes over at its next attempt, well within one
// interval (trying only once an interval would make it one interval plus a query, just over).
// The leader LISTENs on the same connection, so requests reach whoever leads right now.
//
// A replica whose connection broke reconnects at once, then every ≤ 1 s while the database does
// not answer. What it does next depends on what the reconnect showed:
// - the database answered at once: only this connection died, and a follower that is still
//   connected takes the lock within half an interval, so this replica leaves it a whole one
//   rather than winning its own lock straight back;
// - the database could not be reached (a restart, an outage): every replica lost its connection,
//   nobody is left to take over, so it tries the lock as soon as it is connected again.
import "server-only";
import pg from "pg";
import { reportDatabaseDown, reportDatabaseUp } from "../database-status";

export interface LeaderElectionOptions {
  databaseUrl: string;
  /** The advisory lock key: one per singleton job. */
  lockKey: number;
  /** LISTENed to while leading; notifications go to onNotification. */
  channel: string;
  /** How often the leader checks its connection; a follower tries to take the lock twice as often. */
  retryMs: number;
  onLead(): void;
  onLose(): void;
  onNotification(payload: string): void;
  log(message: string): void;
  applicationName?: string;
}

export interface LeaderElection {
  isLeader(): boolean;
  stop(): Promise<void>;
}

/** Reconnect attempts while the database does not answer: 100 ms, doubling, at most this (and half an interval). */
const RECONNECT_MAX_MS = 1_000;
/** After losing only its own connection, a replica leaves the lock this many intervals to connected followers. */
const HAND_OVER_INTERVALS = 1;

interface SessionEnd {
  /** Whether the connection was made before it ended (false: the database did not answer). */
  connected: boolean;
  error?: Error;
}

export function startLeaderElection(options: LeaderElectionOptions): LeaderElection {
  const { lockKey, channel, retryMs, log } = options;
  const followMs = retryMs / 2;
  const applicationName = options.applicationName ?? "meridian-leader";
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`invalid channel name ${channel}`);
  let stopped = false;
  let leader = false;
  let wake = () => {};
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const lose = (why: string) => {
    if (!leader) return;
    leader = false;
    log(`no longer leading: ${why}`);
    options.onLose();
  };

  /**
   * One connection's life: follow until the lock is ours (trying it from `lockFrom` on), then lead
   * until the connection fails. `onConnect` runs once the connection is made.
   */
  const session = async (lockFrom: number, onConnect: () => void): Promise<SessionEnd> => {
    let broken: Error | undefined;
    let connected = false;
    const client = new pg.Client({
      connectionString: options.databaseUrl,
      application_name: applicationName,
      keepAlive: true,
      // A connection that stops answering (a network partition sends no reset) is given up.
      query_timeout: Math.max(retryMs, 5_000),
      connectionTimeoutMillis: Math.max(retryMs, 5_000),
    });
    const fail = (err: Error) => {
      broken ??= err;
      lose(`database connection lost (${err.message})`);
      wake();
    };
    client.on("error", fail);
    client.on("end", () => fail(new Error("connection closed")));
    client.on("notification", (n) => {
      if (leader && n.channel === channel) options.onNotification(n.payload ?? "");
    });
    try {
      await client.connect();
      connected = true;
      onConnect();
      while (!stopped && !broken) {
        const deferMs = leader ? 0 : lockFrom - Date.now();
        if (leader) await client.query("SELECT 1");
        else if (deferMs <= 0) {
          const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [lockKey]);
          if (rows[0].locked && !broken && !stopped) {
            await client.query(`LISTEN ${channel}`);
            leader = true;
            log("leading");
            options.onLead();
          }
        }
        if (!stopped && !broken) await sleep(leader ? retryMs : deferMs > 0 ? Math.min(deferMs, followMs) : followMs);
      }
    } catch (err) {
      fail(err as Error);
    } finally {
      lose(stopped ? "stopping" : "connection closed");
      // Ending the session releases the lock (and the LISTEN) for the next leader.
      await client.end().catch(() => {});
    }
    return { connected, error: stopped ? undefined : broken };
  };

  const loop = (async () => {
    /** When the last connection broke (or the first attempt failed); undefined while none has. */
    let lostAt: number | undefined;
    /** Connection attempts the database refused since then. */
    let failures = 0;
    while (!stopped) {
      // Only this connection died (the database answered the first reconnect): leave the lock to
      // a connected follower for an interval. Otherwise take it as soon as connected.
      const lockFrom = lostAt !== undefined && failures === 0 ? lostAt + HAND_OVER_INTERVALS * retryMs : 0;
      const { connected, error } = await session(lockFrom, () => {
        if (lostAt !== undefined) log(`reconnected to the database after ${((Date.now() - lostAt) / 1000).toFixed(1)} s`);
        if (failures) reportDatabaseUp();
      });
      if (stopped) break;
      const reason = error?.message ?? "connection closed";
      if (connected) {
        // Logged once per loss; the reconnect is at once.
        lostAt = Date.now();
        failures = 0;
        log(`database connection lost (${reason}); reconnecting`);
        continue;
      }
      lostAt ??= Date.now();
      if (++failures === 1) {
        // Once per outage, not once per attempt.
        reportDatabaseDown(error, `leader election (${applicationName})`);
        log(`cannot reach the database (${reason}); retrying every ${Math.min(RECONNECT_MAX_MS, followMs) / 1000} s or sooner until it answers`);
      }
      await sleep(Math.min(100 * 2 ** Math.min(failures - 1, 10), RECONNECT_MAX_MS, followMs));
    }
  })();

  return {
    isLeader: () => leader,
    async stop() {
      stopped = true;
      wake();
      await loop;
    },
  };
}
