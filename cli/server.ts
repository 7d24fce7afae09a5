// `meridian server`: configuration → Postgres (embedded unless DATABASE_URL is set) →
// migrations → demo seed → production build if missing → Next.js → replica heartbeat.
// SIGINT/SIGTERM stop them in reverse order, so the replica is marked stopped before Postgres goes.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { printHelp, wantsHelp } from "./help";
import { checkServerConfig, ConfigError, flagsToEnv, parseConfig, type Config } from "../server/env";
import { configureLog, logger, withRequestId } from "../server/log";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../server/postgres/embedded";
import { settingsHelp } from "../server/settings";
import { claimReplicaId, ReplicaIdInUse, type ReplicaIdClaim } from "../server/topology/replica-id";
import type { directReads, serveDirect } from "../server/http/direct-routes";

interface DirectReads {
  match: ReturnType<typeof directReads>;
  serve: typeof serveDirect;
}

const ROOT = path.resolve(import.meta.dirname, "..");
// Lines say what changed, once; MERIDIAN_LOG_FORMAT/LEVEL decide how and which (server/log.ts).
const log = (message: string) => logger().info(message);

const HELP = `usage: meridian server [flags]

Runs the console: applies migrations, serves the UI and /api/v2, and records this process as a
replica. With DATABASE_URL unset it starts an embedded PostgreSQL under the data folder.

flags:
  --dev        run Next.js in development mode (hot reload)
  --help       this text

settings (environment variable, or the flag beside it; flags win):
`;

export async function run(argv: string[]): Promise<number> {
  if (wantsHelp(argv)) return printHelp(HELP + settingsHelp());
  const dev = argv.includes("--dev");
  const args = argv.filter((a) => a !== "--dev");
  let config: Config;
  try {
    config = parseConfig(process.env, args);
    checkServerConfig(config);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`meridian: configuration error: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  // Next's server bundle reads the same configuration from the environment.
  Object.assign(process.env, flagsToEnv(args));
  configureLog({ level: config.MERIDIAN_LOG_LEVEL, format: config.MERIDIAN_LOG_FORMAT ?? "auto" });
  let replicaId: ReplicaIdClaim | undefined;
  if (!config.MERIDIAN_REPLICA_ID) {
    try {
      replicaId = claimReplicaId(config.MERIDIAN_DATA_DIR, os.hostname());
    } catch (err) {
      if (!(err instanceof ReplicaIdInUse)) throw err;
      process.stderr.write(`meridian: ${err.message}\n`);
      return 2;
    }
    if (!replicaId.kept) log(`cannot keep this replica's id in ${path.resolve(config.MERIDIAN_DATA_DIR)} (not writable): a new id for this run`);
  }
  const selfId = config.MERIDIAN_REPLICA_ID ?? replicaId!.id;
  process.env.MERIDIAN_REPLICA_ID = selfId;
  configureLog({ replicaId: selfId });
  (process.env as Record<string, string>).NODE_ENV = dev ? "development" : "production";
  process.env.NEXT_TELEMETRY_DISABLED = "1";

  // The first cleanup runs last: the next start may take the id once everything else has stopped.
  const cleanups: (() => Promise<unknown>)[] = [async () => replicaId?.release()];
  let stoppingSince = 0;
  const shutdown = async (signal: string) => {
    if (stoppingSince) {
      // npm and the terminal may both deliver one Ctrl-C; only a later, deliberate one forces exit.
      if (Date.now() - stoppingSince < 1_000) return;
      log(`${signal} again: exiting without a clean shutdown`);
      process.exit(1);
    }
    stoppingSince = Date.now();
    log(`${signal}: shutting down`);
    // Last started, first stopped; a part that start-up finishes meanwhile is stopped too.
    for (let cleanup = cleanups.pop(); cleanup; cleanup = cleanups.pop()) {
      await cleanup().catch((err) => logger().error({ err }, `during shutdown: ${(err as Error).message}`));
    }
    log("stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  try {
    let databaseUrl = config.DATABASE_URL;
    if (!databaseUrl) {
      const dir = path.resolve(config.MERIDIAN_DATA_DIR, "postgres");
      // Stopped on shutdown even when the signal comes while it starts (initdb takes seconds): it
      // runs in its own process group and would outlive us.
      const starting = startEmbeddedPostgres({ dir });
      cleanups.push(() => starting.then((started) => started.stop(), () => {}));
      const embedded: EmbeddedPostgres = await starting;
      databaseUrl = embedded.url;
      process.env.DATABASE_URL = databaseUrl;
      log(`embedded PostgreSQL on 127.0.0.1:${embedded.port} (data in ${dir})`);
    }

    const { applyMigrations } = await import("../server/migrate");
    const applied = await applyMigrations(databaseUrl);
    if (applied.length) log(`applied migrations: ${applied.join(", ")}`);

    const { closeDatabase } = await import("../server/db");
    cleanups.push(closeDatabase);

    // Before any request: cached topology reads are trusted only while this connection listens.
    const { startEventListener } = await import("../server/events/listener");
    const listener = await startEventListener({ databaseUrl, log: (line) => log(`events: ${line}`) });
    cleanups.push(() => listener.stop());

    const secret = await import("../server/auth/secret");
    log(secret.authSecretSource());
    if (await secret.forgetStoredSecret()) log("removed the signing secret the database kept from before MERIDIAN_AUTH_SECRET was set");

    const licensing = await import("../server/licensing");
    await licensing.checkLicenseKeys();
    if (config.trustDevLicenseKey) log("trusting the development license key (demo mode; never in production: --no-demo or MERIDIAN_LICENSE_DEV_KEY=false)");
    if (config.MERIDIAN_DEMO) {
      const { seedDemoTopology } = await import("../server/demo");
      const seeded = await seedDemoTopology();
      if (seeded) log(`seeded the demo topology (${seeded} proxies); start with --no-demo or MERIDIAN_DEMO=false to skip`);
      await licensing.ensureDemoLicense();
    }

    if (!dev && !existsSync(path.join(ROOT, ".next", "BUILD_ID"))) await buildBundle();

    // tsx turned source maps on for the whole process; with them on, Node reads and parses the
    // .map file of every Next.js chunk as it loads (1.4 s more at start, and again on each route's
    // first request). Stack traces are then in compiled positions, unless the operator asks for
    // maps with NODE_OPTIONS=--enable-source-maps.
    const mapsAsked = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)].includes("--enable-source-maps");
    if (!mapsAsked) process.setSourceMapsEnabled(false);
    const { default: next } = await import("next");
    const app = next({ dev, dir: ROOT, hostname: config.MERIDIAN_HOST, port: config.PORT });
    await app.prepare();
    const handle = app.getRequestHandler();
    const { prepareRequest } = await import("../server/http/headers");
    const { LATENCY_CHECK_PATH, answerLatencyCheck } = await import("../server/http/latency-check");
    const { refuseEarly } = await import("../server/http/early-refusals");
    // API reads go straight to their route handlers, in production (server/http/direct-routes.ts),
    // once those are loaded; until then, and in development, Next answers them.
    let direct: DirectReads | undefined;
    const origin = new URL(config.accessUrl).origin;
    const server = createServer((req, res) => {
      const requestId = prepareRequest(req, res, config.MERIDIAN_TRUST_PROXY_HEADERS);
      if (refuseEarly(req, res)) return;
      // Browsers time the primary like any proxy; answered here, before Next, so it costs little.
      if (req.url?.split("?", 1)[0] === LATENCY_CHECK_PATH) return answerLatencyCheck(req, res);
      const read = direct?.match(req);
      if (read) return void withRequestId(requestId, () => direct!.serve(read, req, res, origin));
      void withRequestId(requestId, () => handle(req, res));
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(config.PORT, config.MERIDIAN_HOST, resolve);
    });
    cleanups.push(async () => {
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeIdleConnections();
      // Event streams never end on their own: give in-flight requests a moment, then cut them.
      setTimeout(() => server.closeAllConnections(), 2_000).unref();
      await closed;
    });
    log(`console at http://${config.MERIDIAN_HOST}:${config.PORT} (replica ${process.env.MERIDIAN_REPLICA_ID})`);
    if (!dev) {
      // After listening: loading every route module takes a moment that start-up need not wait for.
      void Promise.all([import("../server/http/direct-routes"), import("../app/api/v2/documented-routes")]).then(
        ([{ directReads, serveDirect }, { documentedRoutes }]) => {
          direct = { match: directReads(documentedRoutes()), serve: serveDirect };
          log(`API reads are answered by their route handlers directly (${direct.match.size} routes)`);
        },
        (err) => logger().error({ err }, `API reads stay with Next: the route modules did not load (${(err as Error).message})`),
      );
    }

    const { startReplicaHeartbeat } = await import("../server/topology/replicas");
    const heartbeat = await startReplicaHeartbeat(
      { id: selfId, hostname: os.hostname(), region: config.MERIDIAN_REGION, relayUrl: config.relayUrl, version: version() },
      config.MERIDIAN_HEARTBEAT_INTERVAL_MS,
    );
    // Registered after the HTTP server, so it runs before it on shutdown: mark stopped first.
    cleanups.push(() => heartbeat.stop());

    const { startProxyHealthChecker } = await import("../server/health/proxy-checker");
    const checker = startProxyHealthChecker({
      databaseUrl,
      intervalMs: config.MERIDIAN_PROXY_HEALTH_INTERVAL_MS,
      historyRetentionDays: config.MERIDIAN_HISTORY_RETENTION_DAYS,
      log: (line) => log(`proxy health: ${line}`),
    });
    cleanups.push(() => checker.stop());

    if (config.MERIDIAN_PROMETHEUS_ADDRESS) {
      const { startMetricsServer } = await import("../server/metrics/server");
      const metrics = await startMetricsServer(config.MERIDIAN_PROMETHEUS_ADDRESS);
      cleanups.push(() => metrics.close());
      log(`Prometheus metrics at ${metrics.url}`);
    }

    // Only with embedded Postgres, which one server owns: replicas sharing a database would each
    // hand the demo proxies new tokens and lock the others' agents out.
    if (config.MERIDIAN_DEMO && !config.DATABASE_URL) {
      const { startDemoAgents } = await import("../server/demo");
      const { port } = server.address() as AddressInfo;
      const host = ["0.0.0.0", "::", "localhost"].includes(config.MERIDIAN_HOST) ? "127.0.0.1" : config.MERIDIAN_HOST;
      const agents = await startDemoAgents(`http://${host.includes(":") ? `[${host}]` : host}:${port}`, log);
      // Stopped first on shutdown, while the console can still take their deregistration.
      cleanups.push(() => Promise.all(agents.map((agent) => agent.stop())));
      if (agents.length) log(`started ${agents.length} demo proxy agents (${agents.map((a) => `${a.name} at ${a.url}`).join(", ")})`);
    }
    return await new Promise<number>(() => {}); // runs until a signal
  } catch (err) {
    // A signal during start-up stops what started under it, so what was starting fails: not news.
    if (stoppingSince) return await new Promise<number>(() => {}); // shutdown() exits
    logger().error({ err }, `failed to start: ${(err as Error).message}`);
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
    return 1;
  }
}

export function version(): string {
  return JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).version;
}

export function buildBundle(): Promise<void> {
  log("no production build yet: running `next build` (once; takes a minute)");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], { cwd: ROOT, stdio: "inherit", env: process.env });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build failed (exit ${code})`))));
  });
}
