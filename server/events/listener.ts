// The replica's one LISTEN connection. Every event any replica publishes (server/events/publish.ts)
// arrives here and goes on the process's bus: caches drop what it changed, SSE streams relay it.
// While the connection is down the bus says so, caches stop serving, and the first thing after a
// reconnect is a "resync" (events may have been missed in between).
import "server-only";
import pg from "pg";
import { meridianEventSchema } from "@/lib/api/events";
import { reportDatabaseDown } from "../database-status";
import { bus, type EventBus } from "./bus";
import { EVENTS_CHANNEL } from "./publish";

export interface EventListener {
  stop(): Promise<void>;
}

export interface EventListenerOptions {
  databaseUrl: string;
  log?: (line: string) => void;
  /** How often the idle connection proves it is alive (a partition sends no reset). */
  pingMs?: number;
  /** The process's bus unless given (tests run two replicas' listeners in one process). */
  target?: EventBus;
}

const RECONNECT_MAX_MS = 2_000;

/** Parses a notification; anything else on the channel (an older replica's shape) is ignored. */
export function parseNotification(payload: string | undefined) {
  try {
    const raw = JSON.parse(payload ?? "") as { seq?: unknown; type?: unknown; id?: unknown };
    const event = meridianEventSchema.safeParse({ type: raw.type, id: raw.id ?? undefined });
    if (!event.success || (typeof raw.seq !== "number" && typeof raw.seq !== "string")) return null;
    return { seq: String(raw.seq), ...event.data };
  } catch {
    return null;
  }
}

/** Resolves once the first LISTEN is in place, so a replica serves no cached read before it. */
export async function startEventListener({ databaseUrl, log = () => {}, pingMs = 5_000, target }: EventListenerOptions): Promise<EventListener> {
  const events = target ?? bus();
  let stopped = false;
  let client: pg.Client | undefined;
  let wake = () => {};
  let firstConnect: (() => void) | undefined;
  const connectedOnce = new Promise<void>((resolve) => (firstConnect = resolve));

  /** One connection's life; says whether it got as far as listening, and why it ended. */
  const session = async (): Promise<{ listened: boolean; error?: Error }> => {
    let broken: Error | undefined;
    let listened = false;
    const c = new pg.Client({ connectionString: databaseUrl, application_name: "meridian events", keepAlive: true, query_timeout: pingMs, connectionTimeoutMillis: 5_000 });
    client = c;
    const fail = (err: Error) => {
      broken ??= err;
      events.disconnect();
      wake();
    };
    c.on("error", fail);
    c.on("end", () => fail(new Error("connection closed")));
    c.on("notification", (n) => {
      if (n.channel !== EVENTS_CHANNEL) return;
      const event = parseNotification(n.payload);
      if (event) events.receive(event);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${EVENTS_CHANNEL}`);
      if (broken || stopped) return { listened, error: broken };
      listened = true;
      events.connect();
      firstConnect?.();
      while (!stopped && !broken) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pingMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        if (!stopped && !broken) await c.query("SELECT 1");
      }
    } catch (err) {
      fail(err as Error);
    } finally {
      await c.end().catch(() => {});
    }
    return { listened, error: broken };
  };

  const loop = (async () => {
    /** Connection attempts that failed in a row; a connection that listened resets it. */
    let failures = 0;
    while (!stopped) {
      const { listened, error } = await session();
      if (stopped) break;
      if (listened) {
        failures = 0;
        log(`event connection lost (${error?.message ?? "closed"}); reconnecting`);
        continue; // at once: a dropped connection with the database still up
      }
      // Once per outage, not once per attempt.
      if (++failures === 1) reportDatabaseDown(error, "event listener");
      await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** Math.min(failures - 1, 10), RECONNECT_MAX_MS)));
    }
  })();

  // The server starts anyway if the database is briefly away: reads then bypass the caches.
  await Promise.race([connectedOnce, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  return {
    async stop() {
      stopped = true;
      wake();
      await client?.end().catch(() => {});
      await loop;
      events.disconnect();
    },
  };
}
