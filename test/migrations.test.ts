// Migrations against a real Postgres: prisma/migrations must reproduce schema.prisma exactly (so a
// schema edit without a migration fails here, not in production), the server's migrator records
// them as `prisma migrate deploy` does, and `meridian migration create` writes what is missing.
import { createHash, randomBytes } from "node:crypto";
import { appendFile, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { checkMigrationName, migrationFolderName, writeMigration } from "@/cli/migration";
import { applyMigrations, readMigrations } from "@/server/migrate";
import { diffMigrationsToSchema } from "@/server/schema-engine";

const MIGRATIONS = path.resolve("prisma/migrations");
const SCHEMA = path.resolve("prisma/schema.prisma");

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject("pgAdminUrl") });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A database with nothing in it (not a clone of the migrated template), dropped after the file. */
async function emptyDatabase(): Promise<string> {
  const name = `empty_${randomBytes(6).toString("hex")}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  cleanups.push(() => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)));
  return inject("pgAdminUrl").replace(/\/postgres$/, `/${name}`);
}

async function recorded(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    return rows;
  } finally {
    await client.end();
  }
}

/** Names and sha256 checksums straight from disk, independent of server/migrate.ts's reader. */
async function migrationsOnDisk(dir = MIGRATIONS) {
  const names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => ({
      migration_name: name,
      checksum: createHash("sha256").update(await readFile(path.join(dir, name, "migration.sql"))).digest("hex"),
    })),
  );
}

/** A copy of prisma/ in a temp folder, so the real migrations and schema are never touched. */
async function scratchCopy() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "meridian-migrations-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  await cp(MIGRATIONS, path.join(dir, "migrations"), { recursive: true });
  await cp(SCHEMA, path.join(dir, "schema.prisma"));
  return { migrationsDir: path.join(dir, "migrations"), schemaPath: path.join(dir, "schema.prisma") };
}

describe("prisma/migrations", () => {
  it("reproduce schema.prisma exactly", async () => {
    const sql = await diffMigrationsToSchema({ databaseUrl: inject("pgAdminUrl"), migrationsDir: MIGRATIONS, schemaPath: SCHEMA });
    expect(sql, "schema.prisma changed without a migration: run `npm run db:migration -- <name>` and commit the result").toBe("");
  });
});

describe("diffMigrationsToSchema", () => {
  const shadowDatabases = async () =>
    (await admin((c) => c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'meridian_shadow_%'`))).rows;

  it("drops its shadow database, also when a migration fails, and says why it failed", async () => {
    const { migrationsDir, schemaPath } = await scratchCopy();
    await diffMigrationsToSchema({ databaseUrl: inject("pgAdminUrl"), migrationsDir, schemaPath });
    expect(await shadowDatabases()).toEqual([]);

    await mkdir(path.join(migrationsDir, "20300101000000_broken"));
    await writeFile(path.join(migrationsDir, "20300101000000_broken", "migration.sql"), `CREATE TABLE "t" ("id" INT);\nCREATE TABL oops;\n`);
    await expect(diffMigrationsToSchema({ databaseUrl: inject("pgAdminUrl"), migrationsDir, schemaPath })).rejects.toThrow(
      /20300101000000_broken[\s\S]*syntax error at or near "TABL"/,
    );
    expect(await shadowDatabases()).toEqual([]);
  });

  it("replays each migration as one script, as the server applies it", async () => {
    const { migrationsDir, schemaPath } = await scratchCopy();
    // Semicolons inside a function body: the pg adapter's own executeScript would split them apart.
    await mkdir(path.join(migrationsDir, "20300101000000_function"));
    await writeFile(
      path.join(migrationsDir, "20300101000000_function", "migration.sql"),
      `CREATE FUNCTION "answer"() RETURNS INT LANGUAGE plpgsql AS $$ BEGIN PERFORM 1; RETURN 42; END $$;\n`,
    );
    expect(await diffMigrationsToSchema({ databaseUrl: inject("pgAdminUrl"), migrationsDir, schemaPath })).toBe("");
  });
});

describe("applyMigrations", () => {
  it("records each migration once with its checksum, and applies nothing the second time", async () => {
    const url = await emptyDatabase();
    const expected = await migrationsOnDisk();
    expect(expected.length).toBeGreaterThan(0);

    expect(await applyMigrations(url)).toEqual(expected.map((m) => m.migration_name));
    const rows = await recorded(url);
    expect(rows.map(({ migration_name, checksum }) => ({ migration_name, checksum }))).toEqual(expected);
    for (const row of rows) expect(row.finished_at).toBeInstanceOf(Date);

    expect(await applyMigrations(url)).toEqual([]);
    expect(await recorded(url)).toEqual(rows);
  });

  it("applies each migration exactly once when two replicas start together", async () => {
    const url = await emptyDatabase();
    const expected = await migrationsOnDisk();
    const [first, second] = await Promise.all([applyMigrations(url), applyMigrations(url)]);
    // The advisory lock lets one apply everything while the other waits, then finds nothing to do.
    expect([...first, ...second].sort()).toEqual(expected.map((m) => m.migration_name));
    expect((await recorded(url)).map((r) => r.migration_name)).toEqual(expected.map((m) => m.migration_name));
  });
});

describe("meridian migration create", () => {
  const WIDGET = `
model Widget {
  id        String   @id @db.Uuid
  name      String   @unique
  createdAt DateTime @default(now()) @map("created_at") @db.Timestamptz(3)

  @@map("widgets")
}
`;

  it("writes the CREATE TABLE for a new model, after which the migrations match the schema again", async () => {
    const { migrationsDir, schemaPath } = await scratchCopy();
    await appendFile(schemaPath, WIDGET);
    const databaseUrl = inject("pgAdminUrl");

    const file = await writeMigration({ name: "add_widgets", databaseUrl, migrationsDir, schemaPath, now: new Date("2030-01-02T03:04:05Z") });
    expect(file).toBe(path.join(migrationsDir, "20300102030405_add_widgets", "migration.sql"));
    const sql = await readFile(file!, "utf8");
    expect(sql).toMatch(/CREATE TABLE "widgets" \(\s*"id" UUID NOT NULL,\s*"name" TEXT NOT NULL,\s*"created_at" TIMESTAMPTZ\(3\) NOT NULL DEFAULT CURRENT_TIMESTAMP,/);
    expect(sql).toContain(`CREATE UNIQUE INDEX "widgets_name_key" ON "widgets"("name")`);
    expect(sql).not.toMatch(/DROP|ALTER/);

    expect(await diffMigrationsToSchema({ databaseUrl, migrationsDir, schemaPath })).toBe("");
    expect(await writeMigration({ name: "again", databaseUrl, migrationsDir, schemaPath })).toBeUndefined();
    expect(await readdir(migrationsDir)).not.toContainEqual(expect.stringMatching(/_again$/));

    // The server's migrator runs the written file too, not only the engine.
    const url = await emptyDatabase();
    const applied = await applyMigrations(url, await readMigrations(migrationsDir));
    expect(applied.at(-1)).toBe("20300102030405_add_widgets");
  });

  it("writes nothing when the schema has not changed", async () => {
    const { migrationsDir, schemaPath } = await scratchCopy();
    const before = await readdir(migrationsDir);
    expect(await writeMigration({ name: "nothing", databaseUrl: inject("pgAdminUrl"), migrationsDir, schemaPath })).toBeUndefined();
    expect(await readdir(migrationsDir)).toEqual(before);
  });

  it("names folders so that a new migration sorts after every existing one", () => {
    const now = new Date("2030-01-02T03:04:05.678Z");
    expect(migrationFolderName("add_widgets", now, ["20261122000000_init", "migration_lock.toml"])).toBe("20300102030405_add_widgets");
    // A clock behind the last migration, or a second migration within the same second.
    expect(migrationFolderName("next", now, ["20301231235959_later"])).toBe("20310101000000_next");
    expect(migrationFolderName("next", now, ["20300102030405_add_widgets"])).toBe("20300102030406_next");
  });

  it("accepts only lower-case words joined by underscores", () => {
    expect(checkMigrationName("add_widgets")).toBeUndefined();
    expect(checkMigrationName("v2_indexes")).toBeUndefined();
    for (const bad of ["Add_widgets", "add-widgets", "add widgets", "_add", "add__widgets", "add_", "2fast", ""]) {
      expect(checkMigrationName(bad), bad).toMatch(/lower-case words joined by underscores/);
    }
  });
});
