// The one database handle of the process: a pg pool shared by Prisma (through its driver
// adapter) and by the few places that need raw SQL (migrations, advisory locks, LISTEN).
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { reportDatabaseDown, reportDatabaseUp } from "./database-status";
import { config } from "./env";
import { PrismaClient } from "./generated/prisma/client";

export interface Database {
  prisma: PrismaClient;
  pool: pg.Pool;
}

// The launcher (run by tsx) and Next's server bundle are separate module graphs in one
// process; keeping the handle on globalThis gives both the same pool.
const holder = globalThis as typeof globalThis & { __meridianDb?: Database };

export function createDatabase(connectionString: string, max = 10): Database {
  const pool = new pg.Pool({
    connectionString,
    max,
    application_name: "meridian",
    // While the database cannot be reached, a request fails within this (a 503), rather than
    // hanging on a connection attempt that a dropped network never answers. (It also bounds the
    // wait for a free pooled connection under overload.)
    connectionTimeoutMillis: 5_000,
    // TCP keep-alive finds pooled connections whose peer vanished without a reset, so they leave
    // the pool as errors rather than failing the next request that takes one.
    keepAlive: true,
  });
  // An idle client losing its connection (Postgres restart) must not crash the process.
  // The outage is logged once (database-status.ts); a new connection means the database is back.
  pool.on("error", (err) => reportDatabaseDown(err, "idle pool connection"));
  pool.on("connect", () => reportDatabaseUp());
  return { pool, prisma: new PrismaClient({ adapter: new PrismaPg(pool) }) };
}

export function db(): Database {
  if (!holder.__meridianDb) {
    const url = config().DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start Meridian with `meridian server`");
    holder.__meridianDb = createDatabase(url);
  }
  return holder.__meridianDb;
}

/** Installs the process's database handle (the launcher's choice, or a test's own database). */
export function setDatabase(database: Database) {
  holder.__meridianDb = database;
}

export function prisma(): PrismaClient {
  return db().prisma;
}

export async function closeDatabase() {
  const current = holder.__meridianDb;
  holder.__meridianDb = undefined;
  if (current) {
    await current.prisma.$disconnect();
    await current.pool.end();
  }
}
