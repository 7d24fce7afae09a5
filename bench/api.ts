// `npm run bench:api`: Meridian's read API against a bare node:http + pg baseline serving the
// same JSON from the same database in the same run, then Meridian's cold start. Targets are
// printed next to the figures, never asserted: the machine is shared and noisy. See README.md.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { applyMigrations, readMigrations } from "../server/migrate";
import { startEmbeddedPostgres } from "../server/postgres/embedded";
import { cleanEnv, coldStart, median, type ColdStart } from "./coldstart";
import { assertSameAnswers } from "./compare";
import { authHeaders, signUp, type Auth, type Credentials } from "./auth";
import { AUTH_PROBE, authReport, measure, report, TARGETS, type LoadOptions, type Measurement } from "./load";
import { freePortInRange, killOnExit, onCleanup, runBench, startNode, waitForHealthy } from "./processes";
import { SEEDED_PROXIES, SEEDED_REPLICAS, seed } from "./seed";
import { summariseProfile } from "./profile";

const ROOT = path.resolve(import.meta.dirname, "..");
const BUILD_ID = path.join(ROOT, ".next", "BUILD_ID");
const log = (message: string) => process.stdout.write(`bench: ${message}\n`);

const OPTIONS = {
  seconds: { type: "string", default: "10" },
  warmup: { type: "string", default: "2" },
  connections: { type: "string", default: "32" },
  "cold-runs": { type: "string", default: "3" },
  paths: { type: "string", default: "/api/v2/regions,/api/v2/replicas" },
  "cpu-prof": { type: "boolean", default: false },
} as const;

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: OPTIONS });
  const load: LoadOptions = { seconds: Number(values.seconds), warmupSeconds: Number(values.warmup), connections: Number(values.connections) };
  const coldRuns = Number(values["cold-runs"]);
  const paths = values.paths.split(",");

  return runBench(async (setBudget) => {
    if (!existsSync(BUILD_ID)) await buildOnce();
    log(`load average at start: ${loadAverage()} (${os.availableParallelism()} cores; the machine may be shared)`);
    // Everything after the (one-off) build is bounded: defaults give at most 60 + 14 * 12 + 60 = 288 s.
    const budgetMs = (60 + schedule(paths).length * (load.warmupSeconds + load.seconds) + coldRuns * 20) * 1000;
    setBudget(budgetMs);

    const root = await mkdtemp(path.join(os.tmpdir(), "meridian-bench-"));
    await chmod(root, 0o711); // embedded Postgres runs as `postgres` and must pass through it
    onCleanup("temp folder", () => rm(root, { recursive: true, force: true }));
    const logDir = path.join(root, "logs");
    await mkdir(logDir);

    const { results, profile, authCost } = await loadTest(root, logDir, paths, load, values["cpu-prof"]);
    log(`load results (${load.connections} connections, ${load.seconds} s per row, ${AUTH_PROBE} in ${PROBE_ROUNDS} rounds of a third of that, their median; req/s is the mean of per-second samples; p50 and p99 from every answer's own time):\n`);
    process.stdout.write(report(results) + "\n\n");
    process.stdout.write(authReport(authCost, results) + "\n\n");
    if (profile) process.stdout.write(profile + "\n\n");

    const starts: ColdStart[] = [];
    for (let run = 1; run <= coldRuns; run++) {
      // Without a build the launcher would run `next build` itself and time that instead.
      if (!existsSync(BUILD_ID)) throw new Error(".next/BUILD_ID vanished (a rebuild in this folder?): cold start not measured");
      const start = await coldStart(root, run, logDir);
      starts.push(start);
      const phases = start.phases.map((p) => `${p.step} ${(p.at / 1000).toFixed(2)} s`).join(", ");
      log(`cold start ${run}: ${(start.ms / 1000).toFixed(2)} s to first 200 on /healthz (${phases})`);
    }
    if (starts.length) {
      const m = median(starts.map((s) => s.ms));
      log(`cold start median of ${starts.length}: ${(m / 1000).toFixed(2)} s (target < ${TARGETS.coldStartMs / 1000} s: ${m < TARGETS.coldStartMs ? "met" : "MISSED"})`);
    }
    log(`load average at end: ${loadAverage()}`);
    return 0;
  });
}

interface Row {
  server: "meridian" | "baseline";
  path: string;
  auth: Auth;
}

const REGIONS = "/api/v2/regions";
/** The authentication probe is loaded this many times per credential, each for a third of the time. */
const PROBE_ROUNDS = 3;
/** An external database needs a shared signing secret (server/env.ts); this one signs bench sessions only. */
const BENCH_AUTH_SECRET = "bench-only signing secret, not for any real deployment";

/** What is loaded, in order. Meridian's requests carry an API token; /api/v2/regions is also
 * loaded with the session cookie; the baseline has no authentication (the bare floor). With
 * /api/v2/regions in the paths, AUTH_PROBE is loaded without credentials, with the token and
 * with the cookie, for the cost of authentication (see authOverhead() in load.ts). */
function schedule(paths: string[]): Row[] {
  const rows: Row[] = [];
  for (const path of paths) {
    // Alternating servers per path spreads slow drift of a shared machine over both.
    rows.push({ server: "meridian", path, auth: "token" }, { server: "baseline", path, auth: "none" });
    if (path === REGIONS) rows.push({ server: "meridian", path, auth: "cookie" });
  }
  // The probe's three rows in rounds, one after another: the machine's drift over a minute is
  // larger than the difference they measure, and each gets a share of it (see probeRounds()).
  if (paths.includes(REGIONS)) for (let round = 0; round < PROBE_ROUNDS; round++) for (const auth of ["none", "token", "cookie"] as const) rows.push({ server: "meridian", path: AUTH_PROBE, auth });
  return rows;
}

const loadAverage = () => os.loadavg().map((l) => l.toFixed(2)).join(", ");

async function loadTest(root: string, logDir: string, paths: string[], load: LoadOptions, cpuProf: boolean): Promise<{ results: Measurement[]; profile?: string; authCost: Record<Auth, number> }> {
  const postgres = await startEmbeddedPostgres({ dir: path.join(root, "postgres"), port: await freePortInRange() });
  const pidFile = await readFile(path.join(root, "postgres", "data", "postmaster.pid"), "utf8");
  const forget = killOnExit(Number(pidFile.split("\n")[0]));
  onCleanup("bench PostgreSQL", async () => {
    await postgres.stop();
    forget();
  });
  await applyMigrations(postgres.url, await readMigrations(path.join(ROOT, "prisma", "migrations")));
  await seed(postgres.url);
  log(`PostgreSQL on 127.0.0.1:${postgres.port}: seeded ${SEEDED_PROXIES} live proxies and ${SEEDED_REPLICAS} replicas`);

  const selfId = randomUUID();
  const [meridianPort, baselinePort] = [await freePortInRange(), await freePortInRange()];
  const profileDir = path.join(os.tmpdir(), `meridian-bench-profile-${Date.now()}`);
  const meridian = startNode({
    name: "Meridian server",
    args: [...(cpuProf ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : []), "cli/index.mjs", "server", "--no-demo", "--port", String(meridianPort)],
    cwd: ROOT,
    env: cleanEnv({ DATABASE_URL: postgres.url, MERIDIAN_DATA_DIR: path.join(root, "data"), MERIDIAN_REPLICA_ID: selfId, MERIDIAN_AUTH_SECRET: BENCH_AUTH_SECRET }),
    logFile: path.join(logDir, "meridian.log"),
  });
  const baseline = startNode({
    name: "baseline server",
    // Meridian's access URL for --port P is http://localhost:P; the baseline reports the same.
    args: ["--import", "tsx", "bench/baseline.ts", "--port", String(baselinePort), "--access-url", `http://localhost:${meridianPort}`, "--self-id", selfId],
    cwd: ROOT,
    env: cleanEnv({ DATABASE_URL: postgres.url, MERIDIAN_AUTH_SECRET: BENCH_AUTH_SECRET }),
    logFile: path.join(logDir, "baseline.log"),
  });
  const servers = { meridian: `http://127.0.0.1:${meridianPort}`, baseline: `http://127.0.0.1:${baselinePort}` };
  await Promise.all([waitForHealthy(`${servers.meridian}/healthz`, meridian, 90_000), waitForHealthy(`${servers.baseline}/healthz`, baseline, 30_000)]);
  log(`Meridian on ${servers.meridian}, baseline on ${servers.baseline}`);

  // Meridian's access URL for --port P is http://localhost:P: the Origin its CSRF check expects.
  const credentials = await signUp(servers.meridian, `http://localhost:${meridianPort}`);
  log(`signed up ${credentials.email} (owner) through POST /api/v2/users/first, signed in for a session cookie, created an API token`);

  const rows = schedule(paths);
  for (const { path: p, auth } of rows.filter((r) => r.server === "meridian" && r.path !== AUTH_PROBE)) {
    const { meridian: m, baseline: b } = await assertSameAnswers(p, servers.meridian, servers.baseline, selfId, authHeaders(auth, credentials));
    const list = Array.isArray(m.json) ? m.json : (m.json as { regions?: unknown[] }).regions;
    const items = list ? `${list.length} items; ` : "";
    log(`GET ${p}: same answer from both (Meridian with ${auth}; ${items}${m.bytes} bytes from Meridian, ${b.bytes} from the baseline)`);
  }
  // The probe asks for the document it already has: the answer is a bodiless 304, so what is
  // left of the work is authentication (see AUTH_PROBE).
  const etag = (await fetch(servers.meridian + AUTH_PROBE)).headers.get("etag") ?? "";
  const probeHeaders = (auth: Auth) => ({ ...authHeaders(auth, credentials), "if-none-match": etag });
  for (const auth of rows.filter((r) => r.path === AUTH_PROBE).map((r) => r.auth)) {
    const res = await fetch(servers.meridian + AUTH_PROBE, { headers: probeHeaders(auth) });
    if (res.status !== 304) throw new Error(`GET ${AUTH_PROBE} with ${auth} and its ETag: ${res.status}, not 304`);
  }

  const results: Measurement[] = [];
  const probeLoad = { ...load, seconds: Math.max(2, Math.round(load.seconds / PROBE_ROUNDS)), warmupSeconds: Math.min(1, load.warmupSeconds) };
  for (const { server, path: p, auth } of rows) {
    const o = p === AUTH_PROBE ? probeLoad : load;
    log(`loading ${server} ${p} (${auth === "none" ? "no credentials" : `with the ${auth}`}): ${o.warmupSeconds} s warm-up, ${o.seconds} s measured`);
    results.push(await measure(server, servers[server], p, auth, p === AUTH_PROBE ? probeHeaders(auth) : authHeaders(auth, credentials), o));
  }
  // Stopped before the cold starts so that they do not compete for the two cores.
  await Promise.all([meridian.stop(), baseline.stop()]);
  const authCost = await authInProcess(postgres.url, credentials);
  return { results: probeRounds(results), profile: cpuProf ? await profileSummary(profileDir) : undefined, authCost };
}

const IDENTIFY_CALLS = 20_000;

/**
 * What authenticating one request costs the server, away from the load and its noise: the
 * route wrapper's identify() (server/auth/identity.ts) called in this process on the bench's
 * database with the same credentials, the event listener up and the caches warm as on a busy
 * replica, in 3 alternating rounds. Under load the probe rows above carry the same cost plus
 * whatever else the shared machine did in those seconds.
 */
async function authInProcess(databaseUrl: string, credentials: Credentials): Promise<Record<Auth, number>> {
  process.env.DATABASE_URL = databaseUrl;
  process.env.MERIDIAN_AUTH_SECRET = BENCH_AUTH_SECRET; // the servers signed the cookie with it
  const { identify } = await import("../server/auth/identity");
  const { startEventListener } = await import("../server/events/listener");
  const { closeDatabase } = await import("../server/db");
  const listener = await startEventListener({ databaseUrl });
  try {
    const rows = (["none", "token", "cookie"] as const).map((auth) => ({ auth, headers: new Headers(authHeaders(auth, credentials)) }));
    for (const { auth, headers } of rows) if ((await identify(headers)) === null && auth !== "none") throw new Error(`identify() found nobody for the ${auth}`);
    const micros: Record<Auth, number[]> = { none: [], token: [], cookie: [] };
    for (let round = 0; round < 3; round++) {
      for (const { auth, headers } of rows) {
        const started = performance.now();
        for (let i = 0; i < IDENTIFY_CALLS; i++) await identify(headers);
        micros[auth].push(((performance.now() - started) * 1000) / IDENTIFY_CALLS);
      }
    }
    return { none: median(micros.none), token: median(micros.token), cookie: median(micros.cookie) };
  } finally {
    await listener.stop();
    await closeDatabase();
  }
}

/** One row per credential for the probe's rounds: the median round's p50 and p99, the mean req/s, the sums. */
function probeRounds(results: Measurement[]): Measurement[] {
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const others = results.filter((r) => r.path !== AUTH_PROBE);
  const probes = (["none", "token", "cookie"] as const).flatMap((auth) => {
    const rounds = results.filter((r) => r.path === AUTH_PROBE && r.auth === auth);
    if (!rounds.length) return [];
    const sum = (pick: (r: Measurement) => number) => rounds.reduce((n, r) => n + pick(r), 0);
    return [{ ...rounds[0], rps: sum((r) => r.rps) / rounds.length, p50: median(rounds.map((r) => r.p50)), p99: median(rounds.map((r) => r.p99)), errors: sum((r) => r.errors), non2xx: sum((r) => r.non2xx), requests: sum((r) => r.requests) }];
  });
  return [...others, ...probes];
}

async function profileSummary(dir: string): Promise<string> {
  // CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile: thread 0 serves requests; the others
  // are worker threads (tsx's module hooks), busy only at start-up.
  const files = (await readdir(dir).catch(() => [])).filter((f) => f.endsWith(".cpuprofile"));
  const mainThread = files.find((f) => f.split(".")[4] === "0");
  if (!mainThread) return `bench: no CPU profile of the main thread was written to ${dir}`;
  const file = path.join(dir, mainThread);
  return `bench: CPU profile of the Meridian server's main thread: ${file} (kept; open it in Chrome DevTools)\n${summariseProfile(file)}`;
}

/** Builds once if no build exists. Others may share this folder: if their `next build` is
 * running (Next refuses a second one), wait for theirs to finish instead. */
export async function buildOnce(): Promise<void> {
  log("no production build (.next/BUILD_ID): running `next build` once, outside the time budget");
  const child = spawn(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  onCleanup("next build", async () => void (child.exitCode === null && child.signalCode === null && child.kill("SIGTERM")));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code === 0) return;
  log(`next build failed (exit ${code}); waiting up to 3 min in case another build in this folder is finishing`);
  for (let waited = 0; waited < 180_000 && !existsSync(BUILD_ID); waited += 1_000) await new Promise((r) => setTimeout(r, 1_000));
  if (!existsSync(BUILD_ID)) throw new Error("no production build: `next build` failed and none appeared");
}
