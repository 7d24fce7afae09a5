// What a database failure means for the caller, decided in one place: a unique-constraint
// violation is a conflict (409: two requests raced for the same name), a database that cannot be
// reached is an outage (503 + Retry-After). Prisma (through its pg adapter) and raw `pg` report
// both differently; this reads either.
import "server-only";
import { ApiError, Conflict } from "./errors";

/** Seconds a client should wait before retrying while the database is away. */
export const OUTAGE_RETRY_AFTER_S = 5;

// Prisma: P1001 can't reach, P1002 timed out, P1008 operation timed out, P1017 server closed the
// connection, P2024 timed out waiting for a pooled connection.
const PRISMA_OUTAGE = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
// What the pg adapter says underneath (driverAdapterError.cause.kind).
const ADAPTER_OUTAGE = new Set(["DatabaseNotReachable", "DatabaseDoesNotExist", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "TlsConnectionError"]);
// Node socket errors and PostgreSQL SQLSTATEs: class 08 (connection exception), 57P01–57P03
// (shutdown, crash, not yet accepting connections), 53300 (too many connections).
const SOCKET_OUTAGE = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH"]);
const SQLSTATE_OUTAGE = /^(08...|57P0[123]|53300)$/;

/**
 * The request field each unique index guards, by index name (prisma/migrations). Postgres names
 * the index, not the field the caller sent; an index missing here still answers 409, unnamed.
 */
const UNIQUE_INDEX_FIELDS: Record<string, string[]> = {
  users_email_key: ["email"],
  api_tokens_user_id_name_key: ["name"],
  workspace_proxies_live_name_key: ["name"],
  embed_origins_origin_key: ["origin"],
  licenses_uuid_key: ["license"],
};

interface Described {
  code?: unknown;
  message?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: string; originalCode?: string; constraint?: { fields?: string[]; index?: string } } }; target?: unknown };
  cause?: unknown;
}

/** True when the error says the database is unreachable or went away mid-query. */
export function isDatabaseOutage(err: unknown): boolean {
  for (let e = err as Described | undefined, depth = 0; e && typeof e === "object" && depth < 5; e = e.cause as Described, depth++) {
    const code = typeof e.code === "string" ? e.code : "";
    if (PRISMA_OUTAGE.has(code) || SOCKET_OUTAGE.has(code) || SQLSTATE_OUTAGE.test(code)) return true;
    const cause = e.meta?.driverAdapterError?.cause;
    if (cause?.kind && ADAPTER_OUTAGE.has(cause.kind)) return true;
    // A query cut off by a shutdown, or sent while Postgres starts (57P01/57P03), comes as the adapter's `postgres` kind.
    if (cause?.originalCode && SQLSTATE_OUTAGE.test(cause.originalCode)) return true;
    const message = typeof e.message === "string" ? e.message : "";
    if (/Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Can't reach database server/i.test(message)) return true;
  }
  return false;
}

/** The columns of a violated unique constraint, or null when the error is something else. */
export function uniqueViolation(err: unknown): string[] | null {
  const e = err as Described | undefined;
  if (!e || typeof e !== "object") return null;
  const cause = e.meta?.driverAdapterError?.cause;
  if (e.code === "P2002" || e.code === "23505" || cause?.kind === "UniqueConstraintViolation") {
    const index = cause?.constraint?.index ?? (e as { constraint?: string }).constraint;
    return (index && UNIQUE_INDEX_FIELDS[index]) || [];
  }
  return null;
}

/** The API answer a database failure deserves, or null when it is a bug (a 500). */
export function fromDatabaseError(err: unknown): ApiError | null {
  const fields = uniqueViolation(err);
  if (fields) {
    const named = fields.length ? fields.join(", ") : "value";
    return new Conflict(`Another request just created the same ${named}: it is already in use.`, fields.map((field) => ({ field, detail: "is already in use" })));
  }
  if (isDatabaseOutage(err)) {
    return new ApiError(503, "The database is unavailable.", "Meridian cannot reach PostgreSQL right now; retry shortly.", undefined, OUTAGE_RETRY_AFTER_S);
  }
  return null;
}
