// The database a one-off command works on: DATABASE_URL when set, otherwise the embedded Postgres
// of MERIDIAN_DATA_DIR (the running server's, or a temporary start of it), migrated.
import path from "node:path";
import { config } from "../server/env";
import { attachEmbeddedPostgres } from "../server/postgres/embedded";

export async function openDatabase(): Promise<{ close(): Promise<void> }> {
  const { DATABASE_URL, MERIDIAN_DATA_DIR } = config();
  const embedded = DATABASE_URL ? undefined : await attachEmbeddedPostgres({ dir: path.resolve(MERIDIAN_DATA_DIR, "postgres") });
  const url = DATABASE_URL ?? embedded!.url;
  const { applyMigrations } = await import("../server/migrate");
  await applyMigrations(url);
  const { closeDatabase, createDatabase, setDatabase } = await import("../server/db");
  setDatabase(createDatabase(url, 2));
  return {
    async close() {
      await closeDatabase();
      await embedded?.stop();
    },
  };
}
