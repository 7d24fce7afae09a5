// `meridian cluster` (`npm run cluster -- --replicas 3`): high availability to watch on one
// machine. One embedded PostgreSQL, N `meridian server` processes sharing it (each on its own
// port, with its own data folder and so its own replica id), and the demo's proxy agents, which a
// replica only runs itself on a database it owns alone. Ctrl-C stops the agents (they deregister),
// then the replicas (each marks itself stopped), then PostgreSQL.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { printHelp, wantsHelp } from "./help";
import { buildBundle } from "./server";
import { freePort, startEmbeddedPostgres } from "../server/postgres/embedded";

const ROOT = path.resolve(import.meta.dirname, "..");
const MAX_REPLICAS = 8;
const READY_WITHIN_MS = 180_000;
const STOP_WITHIN_MS = 30_000;

const HELP = `usage: meridian cluster [--replicas N] [--port FIRST] [--data-dir DIR]

Starts one embedded PostgreSQL, N replicas of \`meridian server\` sharing it (on ports FIRST,
FIRST+1, …, each with its own data folder under DIR) and the demo's proxy agents, prints every
URL, and stops everything on Ctrl-C. Stop one replica (kill PID) to watch the others mark it
stale and take over the proxy health checks.

flags:
  --replicas N      how many replicas (default 3, at most ${MAX_REPLICAS})
  --port FIRST      the first replica's port (default 3000); 0 picks free ports
  --data-dir DIR    PostgreSQL's data, the replicas' folders and their shared signing secret
                    (default .meridian/cluster; must be reachable by the postgres user as root)
  --help            this text
`;

const log = (line: string) => process.stdout.write(`cluster: ${line}\n`);

interface Options {
  replicas: number;
  port: number;
  dataDir: string;
}

export function parseClusterFlags(argv: string[]): Options {
  const { values } = parseArgs({ args: argv, strict: true, options: { replicas: { type: "string" }, port: { type: "string" }, "data-dir": { type: "string" } } });
  const replicas = Number(values.replicas ?? 3);
  if (!Number.isInteger(replicas) || replicas < 1 || replicas > MAX_REPLICAS) throw new Error(`--replicas must be a whole number from 1 to ${MAX_REPLICAS}`);
  const port = Number(values.port ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port + replicas - 1 > 65535) throw new Error(`--port must be 0 or a port that leaves room for ${replicas} replicas`);
  return { replicas, port, dataDir: path.resolve(values["data-dir"] ?? ".meridian/cluster") };
}

interface Replica {
  name: string;
  url: string;
  child: ChildProcess;
  ready: Promise<void>;
  stop(): Promise<void>;
}

export async function run(argv: string[]): Promise<number> {
  if (wantsHelp(argv)) return printHelp(HELP);
  let options: Options;
  try {
    options = parseClusterFlags(argv);
  } catch (err) {
    process.stderr.write(`meridian cluster: ${(err as Error).message.replace(/\. To specify.*$/s, "")}\n\n${HELP}`);
    return 2;
  }

  const stops: (() => Promise<unknown>)[] = [];
  const replicas: Replica[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((err) => log(`during shutdown: ${(err as Error).message}`));
  };
  let stoppingSince = 0;
  const shutdown = async (signal: string) => {
    if (stoppingSince) {
      // npm and the terminal may both deliver one Ctrl-C; only a later one forces the exit.
      if (Date.now() - stoppingSince < 1_000) return;
      log(`${signal} again: killing the replicas`);
      for (const r of replicas) r.child.kill("SIGKILL");
      process.exit(1);
    }
    stoppingSince = Date.now();
    log(`${signal}: stopping the agents, the replicas, then PostgreSQL`);
    await stopAll();
    log("stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  // The replicas run in their own process groups (a terminal's Ctrl-C reaches only this process,
  // which stops them in order); should this process die some other way, they die with it.
  process.on("exit", () => replicas.forEach((r) => r.child.exitCode === null && r.child.kill("SIGKILL")));

  try {
    // Once here, not once per replica: N builds at once would fight over .next.
    if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) await buildBundle();

    mkdirSync(options.dataDir, { recursive: true });
    const postgres = await startEmbeddedPostgres({ dir: path.join(options.dataDir, "postgres") });
    stops.push(() => postgres.stop());
    log(`PostgreSQL on 127.0.0.1:${postgres.port} (data in ${path.join(options.dataDir, "postgres")})`);

    const env = replicaEnv(postgres.url, sharedSecretFile(options.dataDir));
    for (let i = 1; i <= options.replicas; i++) {
      const port = options.port === 0 ? await freePort() : options.port + i - 1;
      replicas.push(startReplica(`replica-${i}`, port, path.join(options.dataDir, `replica-${i}`), env));
    }
    stops.push(() => Promise.all(replicas.map((r) => r.stop())));
    await Promise.all(replicas.map((r) => r.ready));

    // The replicas seeded the demo proxies before they served; the agents register with the first.
    const { closeDatabase, createDatabase, setDatabase } = await import("../server/db");
    setDatabase(createDatabase(postgres.url, 2));
    stops.push(closeDatabase);
    const { startDemoAgents } = await import("../server/demo");
    const agents = await startDemoAgents(replicas[0].url.replace("localhost", "127.0.0.1"), log);
    stops.push(() => Promise.all(agents.map((a) => a.stop())));

    const lines = [
      `${replicas.length} replicas on one PostgreSQL, ready:`,
      ...replicas.map((r) => `  ${r.name}  ${r.url}  (pid ${r.child.pid})`),
      ...agents.map((a) => `  ${a.name} agent  ${a.url}  (registered with ${replicas[0].name})`),
      "Sign in on any replica (the session works on all). Stop one with `kill PID` to watch the others mark it stale and take over; Ctrl-C stops everything.",
    ];
    log(lines.join("\n"));
    return await new Promise<number>(() => {}); // runs until a signal
  } catch (err) {
    log(`failed to start: ${(err as Error).message}`);
    await stopAll();
    return 1;
  }
}

/** The signing secret every replica must share (required with an external DATABASE_URL), kept across runs. */
function sharedSecretFile(dataDir: string): string {
  const file = path.join(dataDir, "auth-secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64url") + "\n", { mode: 0o600 });
  return file;
}

function replicaEnv(databaseUrl: string, secretFile: string): NodeJS.ProcessEnv {
  // Text logs unless told otherwise: this command shows its replicas' lines to a person, prefixed.
  const env: NodeJS.ProcessEnv = { MERIDIAN_LOG_FORMAT: "text", ...process.env, DATABASE_URL: databaseUrl, MERIDIAN_AUTH_SECRET: `@${secretFile}`, MERIDIAN_DEMO: "true" };
  // Per replica, from its own flags and port: one value inherited by all would be wrong for all but one.
  for (const name of ["MERIDIAN_REPLICA_ID", "MERIDIAN_RELAY_URL", "MERIDIAN_ACCESS_URL", "PORT", "MERIDIAN_DATA_DIR", "MERIDIAN_PROMETHEUS_ADDRESS"]) delete env[name];
  return env;
}

function startReplica(name: string, port: number, dataDir: string, env: NodeJS.ProcessEnv): Replica {
  const child = spawn(process.execPath, [path.join(ROOT, "cli/index.mjs"), "server", "--port", String(port), "--data-dir", dataDir], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const stream of [child.stdout!, child.stderr!]) createInterface({ input: stream }).on("line", (line) => process.stdout.write(`[${name}] ${line}\n`));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let ready = false;
  let stopping = false;
  child.once("exit", (code, signal) => {
    if (ready && !stopping) log(`${name} (pid ${child.pid}) exited (${signal ?? `code ${code}`}); the others carry on`);
  });
  const url = `http://localhost:${port}`;
  return {
    name,
    url,
    child,
    ready: waitForHealthy(`http://127.0.0.1:${port}/healthz`, exited, name).then(() => {
      ready = true;
    }),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      stopping = true;
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), STOP_WITHIN_MS);
      await exited;
      clearTimeout(killer);
    },
  };
}

async function waitForHealthy(url: string, exited: Promise<void>, name: string): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + READY_WITHIN_MS;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`${name} exited before it served (its output is above)`);
    const ok = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} did not answer ${url} within ${READY_WITHIN_MS / 1000} s`);
}
