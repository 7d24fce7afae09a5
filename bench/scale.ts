// `npm run bench:scale`: Meridian with 2,000 workspace proxies and 20 replicas. Prints the
// overview's server time, the health map's render time in Chromium, and how long an event takes
// from NOTIFY to 200 open SSE streams. Targets are printed beside the figures, never asserted.
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { EventSource } from "eventsource";
import pg from "pg";
import { chromium } from "@playwright/test";
import { applyMigrations, readMigrations } from "../server/migrate";
import { startEmbeddedPostgres } from "../server/postgres/embedded";
import { buildOnce } from "./api";
import { signUp, type Credentials } from "./auth";
import { cleanEnv, median } from "./coldstart";
import { freePortInRange, killOnExit, onCleanup, runBench, startNode, waitForHealthy } from "./processes";
import { summariseProfile, summariseTrace } from "./profile";
import { seed } from "./seed";

const ROOT = path.resolve(import.meta.dirname, "..");
const log = (message: string) => process.stdout.write(`bench: ${message}\n`);
const BENCH_AUTH_SECRET = "bench-only signing secret, not for any real deployment";

const OPTIONS = {
  proxies: { type: "string", default: "2000" },
  replicas: { type: "string", default: "20" },
  streams: { type: "string", default: "200" },
  events: { type: "string", default: "50" },
  requests: { type: "string", default: "20" },
  "map-runs": { type: "string", default: "3" },
  "cpu-prof": { type: "boolean", default: false },
  /** Profile Chromium's main thread during the last map run and summarise it. */
  "browser-prof": { type: "boolean", default: false },
} as const;

export const TARGETS = { overviewMs: 300, mapMs: 1_500, eventP99Ms: 1_000 };

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: OPTIONS });
  const counts = { proxies: Number(values.proxies), replicas: Number(values.replicas) };
  return runBench(async (setBudget) => {
    if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) await buildOnce();
    setBudget(600_000);
    log(`load average at start: ${os.loadavg().map((l) => l.toFixed(2)).join(", ")} (${os.availableParallelism()} cores; the machine may be shared)`);
    const root = await mkdtemp(path.join(os.tmpdir(), "meridian-bench-scale-"));
    await chmod(root, 0o711);
    onCleanup("temp folder", () => rm(root, { recursive: true, force: true }));
    const logDir = path.join(root, "logs");
    await mkdir(logDir);

    const postgres = await startEmbeddedPostgres({ dir: path.join(root, "postgres"), port: await freePortInRange() });
    const forget = killOnExit(Number((await readFile(path.join(root, "postgres", "data", "postmaster.pid"), "utf8")).split("\n")[0]));
    onCleanup("bench PostgreSQL", async () => {
      await postgres.stop();
      forget();
    });
    await applyMigrations(postgres.url, await readMigrations(path.join(ROOT, "prisma", "migrations")));

    const port = await freePortInRange();
    const profileDir = path.join(os.tmpdir(), `meridian-bench-scale-profile-${Date.now()}`);
    const server = startNode({
      name: "Meridian server",
      args: [...(values["cpu-prof"] ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : []), "cli/index.mjs", "server", "--no-demo", "--port", String(port)],
      cwd: ROOT,
      // The checker's first sweep runs at start, before the seed; the next one is an hour away, so
      // it never dials the seeded (made-up) proxy URLs during the measurement.
      env: cleanEnv({ DATABASE_URL: postgres.url, MERIDIAN_DATA_DIR: path.join(root, "data"), MERIDIAN_AUTH_SECRET: BENCH_AUTH_SECRET, MERIDIAN_PROXY_HEALTH_INTERVAL_MS: "3600000" }),
      logFile: path.join(logDir, "meridian.log"),
    });
    const base = `http://127.0.0.1:${port}`;
    await waitForHealthy(`${base}/healthz`, server, 90_000);
    const credentials = await signUp(base, `http://localhost:${port}`);
    await seed(postgres.url, counts);
    await notify(postgres.url, ["proxy", "replica"]); // the server's caches drop what it read before the seed
    const onMap = await countPlaced(postgres.url);
    log(`Meridian on ${base}: seeded ${counts.proxies} live proxies (${onMap} with a place on the map) and ${counts.replicas} replicas`);

    const overview = await serverTimes(base, credentials, Number(values.requests));
    const map = await mapRenderTimes(base, credentials, onMap, Number(values["map-runs"]), values["browser-prof"] ? profileDir : undefined);
    const events = await eventDelivery(base, postgres.url, credentials, Number(values.streams), Number(values.events));

    const verdict = (ok: boolean) => (ok ? "met" : "MISSED");
    process.stdout.write("\n");
    for (const row of overview) log(`server time ${row.path.padEnd(26)} p50 ${row.p50.toFixed(0).padStart(5)} ms  p95 ${row.p95.toFixed(0).padStart(5)} ms  (${row.bytes} bytes, ${row.n} sequential requests)`);
    const page = overview[0];
    log(`overview (GET /) p50 ${page.p50.toFixed(0)} ms = ${(page.p50 / overview.at(-1)!.p50).toFixed(1)}× /healthz in the same run; target ≤ ${TARGETS.overviewMs} ms: ${verdict(page.p50 <= TARGETS.overviewMs)}`);
    log(`health map drawn (navigation start → all ${onMap} markers): ${map.map((m) => m.toFixed(0)).join(", ")} ms; median ${median(map).toFixed(0)} ms; target ≤ ${TARGETS.mapMs} ms: ${verdict(median(map) <= TARGETS.mapMs)}`);
    log(`event NOTIFY → ${events.streams} SSE streams: ${events.samples} deliveries, p50 ${events.p50.toFixed(1)} ms, p95 ${events.p95.toFixed(1)} ms, p99 ${events.p99.toFixed(1)} ms, max ${events.max.toFixed(1)} ms, ${events.lost} lost; target p99 ≤ ${TARGETS.eventP99Ms} ms: ${verdict(events.p99 <= TARGETS.eventP99Ms && events.lost === 0)}`);
    log(`load average at end: ${os.loadavg().map((l) => l.toFixed(2)).join(", ")}`);
    if (values["cpu-prof"]) {
      await server.stop();
      const file = (await readdir(profileDir)).find((f) => f.endsWith(".cpuprofile") && f.split(".")[4] === "0");
      if (file) log(`CPU profile of the server's main thread: ${path.join(profileDir, file)} (kept)\n${summariseProfile(path.join(profileDir, file))}`);
    }
    return 0;
  });
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** Publishes events as any replica would (server/events/publish.ts), from outside the server. */
function notify(url: string, types: string[], id?: string) {
  return withClient(url, (c) =>
    c.query(`SELECT pg_notify('meridian_events', json_build_object('seq', nextval('meridian_event_seq'), 'type', t, 'id', $2::text)::text) FROM unnest($1::text[]) AS t`, [types, id ?? null]),
  );
}

async function countPlaced(url: string): Promise<number> {
  const { rows } = await withClient(url, (c) => c.query<{ n: number }>("SELECT count(*)::int AS n FROM workspace_proxies WHERE deleted_at IS NULL AND latitude IS NOT NULL AND longitude IS NOT NULL"));
  return rows[0].n;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/** Sequential requests (after a few thrown away): the time to the last byte, as a browser waits for it. */
async function serverTimes(base: string, c: Credentials, n: number) {
  const rows = [];
  for (const p of ["/", "/api/v2/workspaceproxies", "/api/v2/replicas", "/healthz"]) {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < n + 3; i++) {
      const start = performance.now();
      const res = await fetch(base + p, { headers: { cookie: c.cookie }, redirect: "manual" });
      const body = await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`GET ${p}: ${res.status}`);
      if (i >= 3) times.push(performance.now() - start);
      bytes = body.byteLength;
      if (process.env.BENCH_DUMP && p === "/") await import("node:fs/promises").then((fs) => fs.writeFile(process.env.BENCH_DUMP!, Buffer.from(body)));
    }
    times.sort((a, b) => a - b);
    rows.push({ path: p, p50: quantile(times, 0.5), p95: quantile(times, 0.95), bytes, n });
    log(`GET ${p}: p50 ${quantile(times, 0.5).toFixed(0)} ms`);
  }
  return rows;
}

/** In Chromium: from navigation start until every placed proxy has its marker on the map. */
async function mapRenderTimes(base: string, c: Credentials, markers: number, runs: number, profileDir?: string): Promise<number[]> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
  onCleanup("Chromium", () => browser.close());
  const context = await browser.newContext();
  const [name, value] = c.cookie.split("=");
  await context.addCookies([{ name, value, url: base }]);
  const page = await context.newPage();
  const times: number[] = [];
  const cdp = profileDir ? await context.newCDPSession(page) : undefined;
  const browserOf = page.context().browser()!;
  for (let run = 0; run <= runs; run++) {
    const profiled = cdp && run === runs;
    if (profiled) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
      await cdp.send("Profiler.start");
      await browserOf.startTracing(page, { categories: ["devtools.timeline", "v8.execute", "disabled-by-default-devtools.timeline"] });
    }
    await page.goto(base, { waitUntil: "commit", timeout: 120_000 });
    const drawn = await page.waitForFunction(
      (n) => (document.querySelectorAll('a[data-proxy]:not([data-proxy="primary"])').length >= n ? performance.now() : false),
      markers,
      { polling: "raf", timeout: 60_000 },
    );
    if (run > 0) times.push((await drawn.jsonValue()) as number); // the first run warms the server and the browser cache
    if (profiled && profileDir) {
      const { profile } = await cdp.send("Profiler.stop");
      await mkdir(profileDir, { recursive: true });
      const file = path.join(profileDir, "chromium-map.cpuprofile");
      await writeFile(file, JSON.stringify(profile));
      const trace = JSON.parse((await browserOf.stopTracing()).toString("utf8")) as { traceEvents: Parameters<typeof summariseTrace>[0] };
      log(`Chromium's main thread, navigation → all markers drawn (run ${run}): ${file} (kept)\n${summariseTrace(trace.traceEvents)}\n${summariseProfile(file, 25)}`);
    }
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      return { responseStart: n.responseStart, responseEnd: n.responseEnd, domInteractive: n.domInteractive, domContentLoaded: n.domContentLoadedEventEnd, load: n.loadEventEnd };
    });
    log(`  map run ${run}: ${Object.entries(nav).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(", ")} ms`);
  }
  await browser.close();
  return times;
}

/** Opens `streams` SSE connections, then publishes `events` events and times each delivery. */
async function eventDelivery(base: string, url: string, c: Credentials, streams: number, events: number) {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let delivered = 0;
  const sources: EventSource[] = [];
  const fetchWithCookie: typeof fetch = (input, init) => fetch(input, { ...init, headers: { ...init?.headers, cookie: c.cookie } });
  await Promise.all(
    Array.from({ length: streams }, () => {
      const source = new EventSource(`${base}/api/v2/events`, { fetch: fetchWithCookie });
      sources.push(source);
      source.addEventListener("message", (e) => {
        const { id } = JSON.parse(e.data) as { id?: string };
        const at = id && sentAt.get(id);
        if (!at) return;
        latencies.push(performance.now() - at);
        delivered++;
      });
      return new Promise<void>((resolve, reject) => {
        source.addEventListener("ready", () => resolve(), { once: true });
        source.addEventListener("error", () => source.readyState === source.CLOSED && reject(new Error("an event stream was refused")));
      });
    }),
  );
  onCleanup("event streams", async () => sources.forEach((s) => s.close()));
  log(`${streams} event streams open`);
  await withClient(url, async (client) => {
    for (let i = 0; i < events; i++) {
      const id = `bench-${i}`;
      sentAt.set(id, performance.now());
      await client.query(`SELECT pg_notify('meridian_events', json_build_object('seq', nextval('meridian_event_seq'), 'type', 'license', 'id', $1::text)::text)`, [id]);
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  const expected = streams * events;
  for (let waited = 0; delivered < expected && waited < 10_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
  sources.forEach((s) => s.close());
  latencies.sort((a, b) => a - b);
  return { streams, samples: latencies.length, lost: expected - delivered, p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95), p99: quantile(latencies, 0.99), max: latencies.at(-1) ?? NaN };
}
