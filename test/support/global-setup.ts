// Starts one real PostgreSQL for the whole run and migrates a template database that every test
// file clones (CREATE DATABASE … TEMPLATE), so files are isolated and start in milliseconds.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "@/server/migrate";
import { startEmbeddedPostgres } from "@/server/postgres/embedded";

export const TEMPLATE = "meridian_template";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

export default async function setup(project: TestProject) {
  // Under /tmp rather than the checkout: the postgres user must be able to reach it.
  const dir = await mkdtemp(path.join(os.tmpdir(), "meridian-test-pg-"));
  const server = await startEmbeddedPostgres({ dir });
  const adminUrl = server.url.replace(/\/meridian$/, "/postgres");
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${TEMPLATE}`);
  await admin.end();
  await applyMigrations(adminUrl.replace(/\/postgres$/, `/${TEMPLATE}`));
  project.provide("pgAdminUrl", adminUrl);
  return async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
