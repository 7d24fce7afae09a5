// Leader election for singleton jobs: every replica keeps one dedicated connection (outside the
// Prisma pool, so pool recycling can never drop the lock) and tries a session-level advisory lock
// on it every interval. Postgres releases the lock when that session ends, so when the leader's
// process or connection dies another replica takes over at its next attempt, within one interval.
// The leader LISTENs on the same connection, so requests reach whoever leads right now.
import "server-only";
import pg from "pg";

export interface LeaderElectionOptions {
  databaseUrl: string;
  /** The advisory lock key: one per singleton job. */
  lockKey: number;
  /** LISTENed to while leading; notifications go to onNotification. */
  channel: string;
  /** How often a follower tries to take the lock, and the leader checks its connection. */
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

export function startLeaderElection(options: LeaderElectionOptions): LeaderElection {
  const { lockKey, channel, retryMs, log } = options;
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

  /** One connection's life: follow until the lock is ours, then lead until the connection fails. */
  const session = async () => {
    let broken: Error | undefined;
    const client = new pg.Client({
      connectionString: options.databaseUrl,
      application_name: options.applicationName ?? "meridian-leader",
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
      while (!stopped && !broken) {
        if (leader) await client.query("SELECT 1");
        else {
          const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [lockKey]);
          if (rows[0].locked && !broken && !stopped) {
            await client.query(`LISTEN ${channel}`);
            leader = true;
            log("leading");
            options.onLead();
          }
        }
        if (!stopped && !broken) await sleep(retryMs);
      }
    } catch (err) {
      fail(err as Error);
    } finally {
      lose(stopped ? "stopping" : "connection closed");
      // Ending the session releases the lock (and the LISTEN) for the next leader.
      await client.end().catch(() => {});
    }
    if (broken && !stopped) log(`leader election connection failed: ${broken.message}; retrying as a follower`);
    return broken;
  };

  const loop = (async () => {
    while (!stopped) {
      const broken = await session();
      // After losing a connection, wait two intervals: a follower that is still connected tries
      // within one and takes over, rather than this replica winning its own lock straight back.
      if (broken && !stopped) await sleep(retryMs * 2);
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
