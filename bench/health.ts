// `npm run bench:health`: one full sweep of the real proxy health checker over 1,000 registered
// proxies served by one local stub (a child process, so its sockets and memory are not counted
// as the checker's), where every tenth proxy never answers. Prints the sweep time (target ≤ 10 s
// with the 5 s timeout), the peak concurrency the stub saw and the checker's memory, next to
// baselines measured in the same run: a bare fetch loop over the same URLs with the same
// concurrency (the floor: no database, no classification), the checks one at a time over the
// answering proxies, and the result writes batched vs one UPDATE per proxy.
//
//   npm run bench:health                     # about 1 min: 3 runs of (bare loop, sweep)
//   npm run bench:health -- --runs 1 --concurrency 50 --timeout-ms 5000 --proxies 1000 --silent-every 10
import { spawn, type ChildProcess } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createDatabase, prisma, setDatabase, closeDatabase } from "../server/db";
import { DEFAULT_TIMEOUT_MS } from "../server/health/proxy-checker";
import { writeResults, type ProxyResult } from "../server/health/store";
import { DEFAULT_CONCURRENCY, sweepProxies, type SweepSummary } from "../server/health/sweep";
import { applyMigrations } from "../server/migrate";
import { startEmbeddedPostgres } from "../server/postgres/embedded";
import { onCleanup, runBench } from "./processes";

const log = (message: string) => process.stdout.write(`bench: ${message}\n`);
const TARGET_SWEEP_MS = 10_000;
const BUDGET_MS = 180_000;

const OPTIONS = {
  proxies: { type: "string", default: "1000" },
  "silent-every": { type: "string", default: "10" },
  runs: { type: "string", default: "3" },
  concurrency: { type: "string", default: String(DEFAULT_CONCURRENCY) },
  "timeout-ms": { type: "string", default: String(DEFAULT_TIMEOUT_MS) },
  stub: { type: "boolean", default: false },
} as const;

// ------------------------------------------------------------------ the stub (a child process)

/** Answers /p/<n>/healthz-report, or holds the socket open when n % silentEvery === 0. */
function runStub(silentEvery: number) {
  let active = 0;
  let peak = 0;
  let requests = 0;
  const server = createServer((req, res) => {
    if (req.url === "/stats") return res.end(JSON.stringify({ peak, requests, active }));
    if (req.url === "/reset") {
      peak = active;
      requests = 0;
      return res.end("{}");
    }
    const n = Number(req.url?.match(/^\/p\/(\d+)\/healthz-report$/)?.[1] ?? NaN);
    if (Number.isNaN(n)) return res.writeHead(404).end();
    requests++;
    peak = Math.max(peak, ++active);
    res.on("close", () => active--);
    if (n % silentEvery === 0) return; // never answers; the checker's timeout ends it
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ errors: [], warnings: n % 7 === 0 ? ["version mismatch"] : [] }));
  });
  server.keepAliveTimeout = 30_000;
  server.listen(0, "127.0.0.1", () => process.stdout.write(JSON.stringify({ port: (server.address() as { port: number }).port }) + "\n"));
  process.on("SIGTERM", () => process.exit(0));
}

async function startStub(silentEvery: number): Promise<{ url: string; stats(): Promise<{ peak: number; requests: number }>; reset(): Promise<void> }> {
  const hooks = path.resolve(import.meta.dirname, "../cli/hooks.mjs");
  const child: ChildProcess = spawn(process.execPath, ["--import", hooks, import.meta.filename, "--stub", "--silent-every", String(silentEvery)], { stdio: ["ignore", "pipe", "inherit"] });
  onCleanup("stub server", async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once("data", (chunk: Buffer) => resolve(JSON.parse(chunk.toString()).port));
    child.once("exit", (code) => reject(new Error(`stub exited (${code}) before listening`)));
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    stats: async () => (await fetch(`${url}/stats`)).json(),
    reset: async () => void (await fetch(`${url}/reset`)).arrayBuffer(),
  };
}

// ------------------------------------------------------------------ measurements

interface Memory {
  heapMb: number;
  rssMb: number;
}

/** Runs `work` and samples memory every 20 ms: the peak above the level before it started. */
async function withMemory<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; memory: Memory }> {
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage();
  let heap = before.heapUsed;
  let rss = before.rss;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    heap = Math.max(heap, now.heapUsed);
    rss = Math.max(rss, now.rss);
  }, 20);
  const started = performance.now();
  try {
    const result = await work();
    const ms = performance.now() - started;
    const now = process.memoryUsage();
    const mb = (bytes: number) => bytes / 2 ** 20;
    return { result, ms, memory: { heapMb: mb(Math.max(heap, now.heapUsed) - before.heapUsed), rssMb: mb(Math.max(rss, now.rss) - before.rss) } };
  } finally {
    clearInterval(sampler);
  }
}

/** The floor: the same GETs with the same concurrency and timeout, nothing else. */
async function bareFetchLoop(urls: string[], concurrency: number, timeoutMs: number): Promise<number> {
  let next = 0;
  let answered = 0;
  const worker = async () => {
    while (next < urls.length) {
      const url = urls[next++];
      try {
        const res = await fetch(`${url}/healthz-report`, { signal: AbortSignal.timeout(timeoutMs) });
        JSON.parse(await res.text());
        answered++;
      } catch {
        // a silent proxy: counted by its absence
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return answered;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

// ------------------------------------------------------------------ main

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: OPTIONS });
  if (values.stub) {
    runStub(Number(values["silent-every"]));
    return -1; // keeps running
  }
  const count = Number(values.proxies);
  const silentEvery = Number(values["silent-every"]);
  const runs = Number(values.runs);
  const concurrency = Number(values.concurrency);
  const timeoutMs = Number(values["timeout-ms"]);
  return runBench(async (setBudget) => {
    setBudget(BUDGET_MS);
    log(`load average at start: ${os.loadavg().map((l) => l.toFixed(2)).join(", ")} (${os.availableParallelism()} cores; the machine may be shared)`);
    const root = await mkdtemp(path.join(os.tmpdir(), "meridian-bench-health-"));
    await chmod(root, 0o711); // embedded Postgres runs as `postgres` and must pass through it
    onCleanup("temp folder", () => rm(root, { recursive: true, force: true }));
    const postgres = await startEmbeddedPostgres({ dir: path.join(root, "pg") });
    onCleanup("embedded postgres", () => postgres.stop());
    await applyMigrations(postgres.url);
    setDatabase(createDatabase(postgres.url));
    onCleanup("database pool", () => closeDatabase());

    const stub = await startStub(silentEvery);
    const urls = await seedProxies(stub.url, count);
    const silent = urls.filter((_, n) => n % silentEvery === 0).length;
    log(`${count} registered proxies on one stub (${stub.url}/p/<n>), ${silent} never answer; timeout ${timeoutMs / 1000} s, concurrency ${concurrency}, ${runs} runs`);

    const sweeps: { ms: number; peak: number; memory: Memory; summary: SweepSummary }[] = [];
    const bare: number[] = [];
    for (let run = 1; run <= runs; run++) {
      // Alternating the two spreads a shared machine's drift over both.
      await stub.reset();
      const floor = await withMemory(() => bareFetchLoop(urls, concurrency, timeoutMs));
      bare.push(floor.ms);
      await stub.reset();
      const sweep = await withMemory(() => sweepProxies({ timeoutMs, concurrency }));
      const { peak } = await stub.stats();
      sweeps.push({ ms: sweep.ms, peak, memory: sweep.memory, summary: sweep.result });
      const s = sweep.result;
      log(
        `run ${run}: sweep ${seconds(sweep.ms)} (ok ${s.byStatus.ok}, unreachable ${s.byStatus.unreachable}, unhealthy ${s.byStatus.unhealthy}; ` +
          `${s.changes.length} status changes; ${s.writeBatches} write transactions, ${seconds(s.writeMs)} inside them), peak concurrency ${peak}, ` +
          `memory +${sweep.memory.heapMb.toFixed(1)} MB heap / +${sweep.memory.rssMb.toFixed(1)} MB RSS; bare fetch loop ${seconds(floor.ms)} (${floor.result} answered)`,
      );
    }

    const answering = await prisma().workspaceProxy.findMany({ where: { status: "ok" }, select: { id: true } });
    const serial = await withMemory(() => sweepProxies({ timeoutMs, concurrency: 1, ids: answering.map((p) => p.id) }));
    const writes = await compareWrites();

    const sweepMs = median(sweeps.map((s) => s.ms));
    const bareMs = median(bare);
    const perCheckMs = serial.ms / answering.length;
    process.stdout.write(
      [
        "",
        `full sweep, median of ${runs}:           ${seconds(sweepMs)} (target ≤ ${TARGET_SWEEP_MS / 1000} s: ${sweepMs <= TARGET_SWEEP_MS ? "met" : "MISSED"}); floor ${silent} × ${timeoutMs / 1000} s / ${concurrency} workers = ${seconds((Math.ceil(silent / concurrency) * timeoutMs))}`,
        `bare fetch loop, same URLs, median:  ${seconds(bareMs)}  → sweep / bare = ${(sweepMs / bareMs).toFixed(2)}x`,
        `peak concurrency seen by the stub:   ${Math.max(...sweeps.map((s) => s.peak))} (limit ${concurrency}; a request the checker timed out counts until the stub sees its socket close)`,
        `checker memory during a sweep:       +${median(sweeps.map((s) => s.memory.heapMb)).toFixed(1)} MB heap, +${median(sweeps.map((s) => s.memory.rssMb)).toFixed(1)} MB RSS (median peak above the level before)`,
        `one at a time, ${answering.length} answering proxies: ${seconds(serial.ms)} (${perCheckMs.toFixed(2)} ms per check incl. its write) → a sweep of them all serially would take ≈ ${seconds(perCheckMs * (count - silent) + silent * timeoutMs)}`,
        `writing ${writes.rows} unchanged results: batched ${writes.batchedMs.toFixed(0)} ms (1 transaction) vs one UPDATE per proxy ${writes.perRowMs.toFixed(0)} ms → ${(writes.perRowMs / writes.batchedMs).toFixed(1)}x`,
        "",
      ].join("\n"),
    );
    log(`load average at end: ${os.loadavg().map((l) => l.toFixed(2)).join(", ")}`);
    return 0;
  });
}

/** `count` registered proxies, one path prefix each on the stub; returns their URLs by n. */
async function seedProxies(stubUrl: string, count: number): Promise<string[]> {
  const urls = Array.from({ length: count }, (_, n) => `${stubUrl}/p/${n}`);
  await prisma().$executeRaw`
    INSERT INTO workspace_proxies (id, name, display_name, url, token_hashed_secret, version, status, updated_at)
    SELECT gen_random_uuid(), 'bench-' || n, 'Bench ' || n, ${stubUrl} || '/p/' || n, '\\x00'::bytea, 'bench', 'unregistered', now()
      FROM generate_series(0, ${count - 1}::int) AS n`;
  return urls;
}

/** The same unchanged results written in one batch, then with one Prisma UPDATE per proxy. */
async function compareWrites(): Promise<{ rows: number; batchedMs: number; perRowMs: number }> {
  const rows = await prisma().workspaceProxy.findMany({ select: { id: true, url: true, status: true, statusReason: true, statusReport: true } });
  const results: ProxyResult[] = rows.map((r) => ({
    id: r.id,
    url: r.url,
    checkedAt: new Date(),
    outcome: { status: r.status, reason: r.statusReason, report: r.statusReport as { errors: string[]; warnings: string[] } | null, latencyMs: 1 },
  }));
  let started = performance.now();
  await writeResults(results);
  const batchedMs = performance.now() - started;
  started = performance.now();
  for (const r of results) {
    await prisma().workspaceProxy.update({
      where: { id: r.id },
      data: { status: r.outcome.status, statusReason: r.outcome.reason, statusReport: r.outcome.report ? { ...r.outcome.report } : undefined, statusCheckedAt: r.checkedAt },
    });
  }
  return { rows: results.length, batchedMs, perRowMs: performance.now() - started };
}

if (process.argv[1] === import.meta.filename) {
  const code = await main(process.argv.slice(2));
  if (code >= 0) process.exitCode = code;
}
