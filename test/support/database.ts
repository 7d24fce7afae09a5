// Gives a test file its own migrated database, cloned from the template, as the process's db().
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, inject } from "vitest";
import { closeDatabase, createDatabase, db, setDatabase, type Database } from "@/server/db";

const TEMPLATE = "meridian_template";

export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = inject("pgAdminUrl");
  const name = `test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`);
  await admin.end();
  return {
    url: adminUrl.replace(/\/postgres$/, `/${name}`),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Call at the top of a test file: db() then points at a fresh database for that file. */
export function withTestDatabase(): { url: () => string } {
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    setDatabase(createDatabase(database.url));
  });
  afterAll(async () => {
    await closeDatabase();
    await database?.drop();
  });
  return { url: () => database!.url };
}

/**
 * Call inside a describe: each of its tests gets a database of its own, cloned from the template,
 * as db(), and the file's database is back for the next test. For tests that need what no other
 * test may have touched: no users yet, no proxy ever, only the replicas they start.
 * Hooks run as a stack, so the describe's own afterEach (stopping loops that use db()) runs
 * before this one swaps the database back. Handles that capture the client once per process
 * (better-auth's adapter) keep whichever database was current when they were made.
 */
export function useFreshDatabaseForEach(): { url: () => string } {
  let fresh: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  let fileDatabase: Database | undefined;
  beforeEach(async () => {
    const created = await createTestDatabase();
    fileDatabase = db();
    setDatabase(createDatabase(created.url));
    fresh = created;
  });
  afterEach(async () => {
    if (!fresh) return;
    await closeDatabase();
    setDatabase(fileDatabase!);
    await fresh.drop();
    fresh = undefined;
  });
  return { url: () => fresh!.url };
}
