// Whether this process can reach PostgreSQL, so an outage is logged once when it starts and once
// when it ends, not once per request or per background tick (tens of MB of logs a minute).
// Anything that sees a database failure reports it here; any success (a new pool connection, a
// heartbeat) reports the database back.
import "server-only";
import { logger } from "./log";

interface Status {
  downSince: number | null;
}

// On globalThis: the launcher and Next's server bundle are separate module graphs in one process.
const holder = globalThis as typeof globalThis & { __meridianDatabaseStatus?: Status };
const status = (holder.__meridianDatabaseStatus ??= { downSince: null });

/** Logs the first failure of an outage (the message, never a stack) and stays quiet until it ends. */
export function reportDatabaseDown(err: unknown, where: string): void {
  if (status.downSince !== null) return;
  status.downSince = Date.now();
  const reason = err instanceof Error ? err.message.split("\n").filter(Boolean).pop() : String(err);
  logger().error({ where }, `the database is unreachable (${where}: ${reason}); answering 503 until it is back`);
}

/** Logs the end of an outage, once. */
export function reportDatabaseUp(): void {
  if (status.downSince === null) return;
  const seconds = ((Date.now() - status.downSince) / 1000).toFixed(1);
  status.downSince = null;
  logger().info(`the database is reachable again (after ${seconds} s)`);
}

export function databaseDown(): boolean {
  return status.downSince !== null;
}
