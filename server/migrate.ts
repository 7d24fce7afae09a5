// Applies prisma/migrations/*/migration.sql at start, as `prisma migrate deploy` would: in order,
// each in a transaction, recorded in _prisma_migrations with checksum = sha256(migration.sql).
// An advisory lock serializes replicas starting at the same time.
import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { logger } from "./log";

/** Same key as Prisma's own migrate lock, so Meridian and `prisma migrate deploy` exclude each other. */
const MIGRATION_LOCK = 72707369;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export async function readMigrations(dir = path.resolve(import.meta.dirname, "../prisma/migrations")): Promise<Migration[]> {
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export class MigrationError extends Error {}

/** Returns the names of the migrations it applied (empty when the database was up to date). */
export async function applyMigrations(connectionString: string, migrations?: Migration[]): Promise<string[]> {
  const list = migrations ?? (await readMigrations());
  const client = new pg.Client({ connectionString, application_name: "meridian-migrate" });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await client.query(CREATE_TABLE);
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`,
    );
    const applied = new Map(rows.filter((r) => r.rolled_back_at === null).map((r) => [r.migration_name, r]));
    for (const row of applied.values()) {
      if (row.finished_at === null) {
        throw new MigrationError(`migration ${row.migration_name} failed earlier and was not rolled back; fix the database, then mark it resolved`);
      }
    }
    const done: string[] = [];
    for (const migration of list) {
      const previous = applied.get(migration.name);
      if (previous) {
        if (previous.checksum !== migration.checksum) {
          logger().warn(`migration ${migration.name} was changed after it was applied (checksum differs)`);
        }
        continue;
      }
      await apply(client, migration);
      done.push(migration.name);
    }
    return done;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
    await client.end();
  }
}

async function apply(client: pg.Client, migration: Migration) {
  const id = randomUUID();
  await client.query("BEGIN");
  try {
    await client.query(migration.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), now(), 1)`,
      [id, migration.checksum, migration.name],
    );
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK");
    throw new MigrationError(`migration ${migration.name} failed: ${(err as Error).message}`);
  }
}
