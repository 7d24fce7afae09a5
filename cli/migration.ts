// `meridian migration create <name>`: writes the migration that takes prisma/migrations to
// prisma/schema.prisma, in place of `prisma migrate dev --create-only` (which needs a native engine
// we cannot download). The engine replays the migrations in a throwaway database, so it needs a
// Postgres: DATABASE_URL's when set, otherwise an embedded one that lives only for this command.
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { ConfigError, parseConfig } from "../server/env";
import { startEmbeddedPostgres } from "../server/postgres/embedded";
import { diffMigrationsToSchema } from "../server/schema-engine";
import { printHelp, wantsHelp } from "./help";

const ROOT = path.resolve(import.meta.dirname, "..");
const USAGE = "usage: meridian migration create <name>   (name: lower-case words joined by underscores, like add_widgets)\n";

/** Lower-case words joined by underscores; the folder name must fit _prisma_migrations' VARCHAR(255). */
const NAME = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
const MAX_NAME = 200;

export function checkMigrationName(name: string): string | undefined {
  if (!NAME.test(name)) return `migration name must be lower-case words joined by underscores, like add_widgets (got "${name}")`;
  if (name.length > MAX_NAME) return `migration name must be at most ${MAX_NAME} characters`;
  return undefined;
}

const timestamp = (date: Date) => date.toISOString().replace(/\D/g, "").slice(0, 14);

/**
 * `<UTC yyyymmddhhmmss>_<name>`. Migrations apply in name order, so a new one must sort after
 * every existing one even when this clock is behind theirs or two are made in the same second.
 */
export function migrationFolderName(name: string, now: Date, existing: readonly string[]): string {
  const latest = existing.map((e) => e.slice(0, 14)).filter((t) => /^\d{14}$/.test(t)).sort().at(-1);
  let stamp = timestamp(now);
  if (latest && stamp <= latest) {
    const [y, mo, d, h, mi, s] = latest.match(/^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)$/)!.slice(1).map(Number);
    stamp = timestamp(new Date(Date.UTC(y, mo - 1, d, h, mi, s + 1)));
  }
  return `${stamp}_${name}`;
}

export interface WriteMigrationInput {
  name: string;
  /** A Postgres whose user may create databases (see diffMigrationsToSchema). */
  databaseUrl: string;
  migrationsDir: string;
  schemaPath: string;
  now?: Date;
}

/** Writes `<migrationsDir>/<stamp>_<name>/migration.sql` and returns its path; undefined (and writes nothing) when in sync. */
export async function writeMigration({ name, databaseUrl, migrationsDir, schemaPath, now = new Date() }: WriteMigrationInput): Promise<string | undefined> {
  const problem = checkMigrationName(name);
  if (problem) throw new Error(problem);
  const sql = await diffMigrationsToSchema({ databaseUrl, migrationsDir, schemaPath });
  if (!sql) return undefined;
  const folder = path.join(migrationsDir, migrationFolderName(name, now, await readdir(migrationsDir)));
  await mkdir(folder);
  const file = path.join(folder, "migration.sql");
  await writeFile(file, sql);
  return file;
}

export async function run(argv: string[]): Promise<number> {
  if (wantsHelp(argv)) return printHelp(USAGE);
  const [action, name, ...extra] = argv;
  if (action !== "create" || name === undefined || extra.length) {
    process.stderr.write(USAGE);
    return 2;
  }
  const problem = checkMigrationName(name);
  if (problem) {
    process.stderr.write(`meridian: ${problem}\n`);
    return 2;
  }
  let databaseUrl: string | undefined;
  try {
    databaseUrl = parseConfig(process.env).DATABASE_URL;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`meridian: configuration error: ${err.message}\n`);
    return 2;
  }

  const cleanups: (() => Promise<unknown>)[] = [];
  try {
    if (!databaseUrl) {
      // Under the temp folder: as root, Postgres runs as `postgres`, which must reach the folder.
      const dir = await mkdtemp(path.join(os.tmpdir(), "meridian-migration-pg-"));
      cleanups.push(() => rm(dir, { recursive: true, force: true }));
      const embedded = await startEmbeddedPostgres({ dir });
      cleanups.push(() => embedded.stop());
      databaseUrl = embedded.url;
    }
    const file = await writeMigration({
      name,
      databaseUrl,
      migrationsDir: path.join(ROOT, "prisma/migrations"),
      schemaPath: path.join(ROOT, "prisma/schema.prisma"),
    });
    process.stdout.write(file ? `wrote ${path.relative(process.cwd(), file)}: review it, then commit it with the schema\n` : "no schema changes\n");
    return 0;
  } catch (err) {
    process.stderr.write(`meridian: could not create the migration: ${(err as Error).message}\n`);
    return 1;
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  }
}
