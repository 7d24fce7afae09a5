// Drives Prisma's schema engine from its wasm build, because the Prisma CLI's `migrate` commands
// need a native engine binary that is downloaded from Prisma's servers, which we cannot reach.
// The wasm engine talks to Postgres through the pg driver adapter. Used by `meridian migration
// create` (to write a migration) and by the drift test (to prove the migrations match the schema).
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type ErrorRegistry,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQueryable,
} from "@prisma/driver-adapter-utils";
import type { DiffTarget, MigrationList, SchemaContainer } from "@prisma/schema-engine-wasm";
import pg from "pg";
import { logger } from "./log";
import { readMigrations } from "./migrate";

type Glue = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

let glue: Promise<Glue> | undefined;

/**
 * On a Rust panic the engine hands its message to this global and then aborts with a bare
 * "unreachable" error (uncatchable: it surfaces as an uncaught exception), so print the message.
 */
(globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY ??= {
  set_message(message: string) {
    logger().error(`schema engine panicked: ${message}`);
  },
};

/**
 * The package's own entry imports the .wasm file as an ES module, which Node 20 cannot do, so we
 * instantiate the wasm ourselves with its JS glue as the import object. Once per process: the glue
 * keeps the instance in module state.
 */
function loadGlue(): Promise<Glue> {
  glue ??= (async () => {
    const bindings: Glue = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const dir = path.dirname(createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
    const { instance } = await WebAssembly.instantiate(await readFile(path.join(dir, "schema_engine_bg.wasm")), {
      "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports,
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings;
  })();
  return glue;
}

const CHAR_OID = 18;
const TEXT_OID = 25;
const CHAR_MARK = "\u0000char";

/**
 * The engine's catalog queries return Postgres' internal `"char"` type (OID 18, e.g.
 * pg_constraint.contype) and expect it back as a character column, but the pg adapter refuses the
 * OID as unsupported. This client relabels such columns as text and marks their names; the
 * adapter wrapper below strips the mark and reports the column as a character column.
 */
class CatalogClient extends pg.Client {
  constructor(config?: pg.ClientConfig) {
    super(config);
    this.connection.prependListener("rowDescription", (message: { fields: { name: string; dataTypeID: number }[] }) => {
      for (const field of message.fields) {
        if (field.dataTypeID !== CHAR_OID) continue;
        field.dataTypeID = TEXT_OID;
        field.name += CHAR_MARK;
      }
    });
  }
}

function restoreCharColumns<T extends SqlQueryable>(queryable: T): T {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    result.columnNames.forEach((name, i) => {
      if (!name.endsWith(CHAR_MARK)) return;
      result.columnNames[i] = name.slice(0, -CHAR_MARK.length);
      result.columnTypes[i] = ColumnTypeEnum.Character;
    });
    return result;
  };
  return queryable;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function adminQuery(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;

/**
 * Connections for the engine. Two fixes over the adapter's own: a migration script runs as one
 * simple-protocol query, as server/migrate.ts applies it (the adapter splits scripts on every `;`,
 * which breaks function bodies and string literals); and the shadow database is dropped WITH
 * (FORCE) after its pool has closed (the adapter drops it while the pool still holds it, so the
 * drop fails and the database is left behind). `close()` releases what the engine did not.
 */
function adapterFactory(url: string) {
  const open = new Set<PgAdapter>();
  const connect = async (connectionString: string, afterDispose?: () => Promise<void>) => {
    const adapter = restoreCharColumns(await new PrismaPg({ connectionString, Client: CatalogClient }).connect());
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => restoreCharColumns(await startTransaction(isolationLevel));
    adapter.executeScript = async (script) => {
      await adapter.underlyingDriver().query(script);
    };
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      if (!open.delete(adapter)) return;
      await dispose();
      await afterDispose?.();
    };
    open.add(adapter);
    return adapter;
  };
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: () => connect(url),
    async connectToShadowDb() {
      const name = `meridian_shadow_${randomBytes(6).toString("hex")}`;
      await adminQuery(url, `CREATE DATABASE "${name}"`);
      return connect(withDatabase(url, name), () => adminQuery(url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
  return {
    factory,
    async close() {
      for (const adapter of [...open]) await adapter.dispose();
    },
  };
}

/** Hands the engine the very migrations the server applies (server/migrate.ts reads the folder). */
export async function readMigrationList(dir: string): Promise<MigrationList> {
  const baseDir = path.resolve(dir);
  const lockPath = path.join(baseDir, "migration_lock.toml");
  return {
    baseDir,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? await readFile(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: (await readMigrations(baseDir)).map(({ name, sql }) => ({
      path: name,
      migrationFile: { path: "migration.sql", content: { tag: "ok", value: sql } },
    })),
  };
}

export interface DiffInput {
  /** A Postgres whose user may create databases: the migrations are replayed in a throwaway database beside it. */
  databaseUrl: string;
  migrationsDir: string;
  schemaPath: string;
  /** The engine's log lines (JSON), for debugging. */
  log?: (line: string) => void;
}

/** The SQL that takes a database migrated with `migrationsDir` to `schemaPath`; "" when they already agree. */
export async function diffMigrationsToSchema({ databaseUrl, migrationsDir, schemaPath, log = () => {} }: DiffInput): Promise<string> {
  const schema: SchemaContainer = { path: path.resolve(schemaPath), content: await readFile(schemaPath, "utf8") };
  const from: DiffTarget = { tag: "migrations", ...(await readMigrationList(migrationsDir)) };
  const { SchemaEngine } = await loadGlue();
  const adapters = adapterFactory(databaseUrl);
  const bound = bindMigrationAwareSqlAdapterFactory(adapters.factory);
  const engine = await SchemaEngine.new({ datamodels: [[schema.path, schema.content]] }, log, bound);
  try {
    const result = await engine.diff({
      from,
      to: { tag: "schemaDatamodel", files: [schema] },
      script: true,
      // Asks the engine to say whether anything differs (2) rather than us parsing its "empty migration" comment.
      exitCode: true,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.exitCode === 2 ? (result.stdout ?? "") : "";
  } catch (err) {
    throw withDatabaseError(err, bound.errorRegistry);
  } finally {
    engine.free();
    await adapters.close();
  }
}

/**
 * The engine reports a database failure as "External error id#N"; the error itself (say, Postgres'
 * syntax error in a migration) waits in the adapter's registry, so add it to the message.
 */
function withDatabaseError(err: unknown, registry: ErrorRegistry): unknown {
  if (!(err instanceof Error)) return err;
  const id = /External error id#(\d+)/.exec(err.message)?.[1];
  const cause = id === undefined ? undefined : registry.consumeError(Number(id))?.error;
  if (cause === undefined) return err;
  const detail = cause instanceof Error ? cause.message : JSON.stringify(cause);
  err.message = `${err.message.split("\n")[0].trim()}\n${detail}`;
  return err;
}
