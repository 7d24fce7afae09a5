// `npm run bench:chaos`: two Meridian replicas on one PostgreSQL under light load (reads and
// writes, every acknowledged write recorded). First the proxy health checker's leader is killed
// with SIGKILL: how long until the other replica leads. A supervisor would start a replacement;
// the bench does too. Then PostgreSQL is stopped and, after a while, started again on the same
// data folder and port: the errors answered meanwhile (status codes), how long until requests
// succeed, the checker leads and every heartbeat is written again, and whether every write
// acknowledged with a 2xx is still there. Targets (issue 11 item 10) are printed, not asserted.
//
//   npm run bench:chaos                       # about 1 min once .next is built
//   npm run bench:chaos -- --down 10 --rate 8 # Postgres down 10 s, 8 requests/s
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../server/postgres/embedded";
import { signUp, type Credentials } from "./auth";
import { cleanEnv } from "./coldstart";
import { freePortInRange, killOnExit, onCleanup, runBench, startNode, waitForHealthy, type Managed } from "./processes";

const ROOT = path.resolve(import.meta.dirname, "..");
const log = (message: string) => process.stdout.write(`bench: ${message}\n`);
const CHAOS_AUTH_SECRET = "bench-only signing secret, not for any real deployment";
const LEADING = /proxy health: leading$/;
const OUTAGE_LOG = /the database is (unreachable|reachable again)/;

const OPTIONS = {
  interval: { type: "string", default: "3000" }, // proxy health interval (ms)
  heartbeat: { type: "string", default: "1000" }, // heartbeat interval (ms)
  down: { type: "string", default: "6" }, // seconds Postgres stays down
  rate: { type: "string", default: "4" }, // requests per second, one in three a write
  /** Print what each replica logged from the outage to full recovery. */
  "show-log": { type: "boolean", default: false },
} as const;

interface Replica {
  name: string;
  id: string;
  base: string;
  proc: Managed;
  lines: { at: number; line: string }[];
  leadingAt: number[];
}

interface Sample {
  replica: string;
  kind: "read" | "write";
  start: number;
  end: number;
  /** 0: no HTTP answer (connection refused or cut, timeout). */
  status: number;
  /** For a 503: did it carry Retry-After and the error shape? */
  wellFormed?: boolean;
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: OPTIONS });
  const intervalMs = Number(values.interval);
  const heartbeatMs = Number(values.heartbeat);
  const downMs = Number(values.down) * 1000;
  const rate = Number(values.rate);
  if (![intervalMs, heartbeatMs, downMs, rate].every((n) => Number.isFinite(n) && n > 0)) {
    process.stderr.write("usage: npm run bench:chaos -- [--interval MS] [--heartbeat MS] [--down S] [--rate N]\n");
    return 2;
  }
  return runBench(async (setBudget) => {
    if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) throw new Error("no production build: run `npx next build` first");
    setBudget(180_000 + downMs);
    log(`load average at start: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} (${os.availableParallelism()} cores; the machine may be shared)`);
    const root = await mkdtemp(path.join(os.tmpdir(), "meridian-bench-chaos-"));
    await chmod(root, 0o711); // embedded Postgres runs as `postgres` and must pass through it
    onCleanup("temp folder", () => rm(root, { recursive: true, force: true }));
    await mkdir(path.join(root, "logs"));

    // PostgreSQL, restartable on the same folder and port; whichever instance runs is stopped last.
    const pgDir = path.join(root, "postgres");
    const pgPort = await freePortInRange();
    let postgres: EmbeddedPostgres;
    let forget = () => {};
    /** When Postgres last said it accepts connections: "back", a little before start() returns. */
    let readyAt = 0;
    const startPostgres = async () => {
      postgres = await startEmbeddedPostgres({ dir: pgDir, port: pgPort, log: (line) => void (line.includes("ready to accept connections") && (readyAt = Date.now())) });
      forget = killOnExit(Number((await readFile(path.join(pgDir, "data", "postmaster.pid"), "utf8")).split("\n")[0]));
    };
    const stopPostgres = async () => {
      await postgres.stop();
      forget();
    };
    await startPostgres();
    onCleanup("bench PostgreSQL", stopPostgres);
    log(`PostgreSQL on 127.0.0.1:${pgPort}`);

    const env = (port: number) =>
      cleanEnv({
        DATABASE_URL: postgres.url,
        MERIDIAN_AUTH_SECRET: CHAOS_AUTH_SECRET,
        MERIDIAN_DATA_DIR: path.join(root, `data-${port}`),
        MERIDIAN_PROXY_HEALTH_INTERVAL_MS: String(intervalMs),
        MERIDIAN_HEARTBEAT_INTERVAL_MS: String(heartbeatMs),
        MERIDIAN_REPLICA_ID: randomUUID(),
      });
    const startReplica = async (name: string): Promise<Replica> => {
      const port = await freePortInRange();
      const replicaEnv = env(port);
      const replica: Replica = { name, id: replicaEnv.MERIDIAN_REPLICA_ID!, base: `http://127.0.0.1:${port}`, proc: undefined!, lines: [], leadingAt: [] };
      replica.proc = startNode({
        name: `replica ${name}`,
        args: ["cli/index.mjs", "server", "--no-demo", "--port", String(port)],
        cwd: ROOT,
        env: replicaEnv,
        logFile: path.join(root, "logs", `replica-${name}.log`),
        onLine(line) {
          const at = Date.now();
          replica.lines.push({ at, line });
          if (LEADING.test(line)) replica.leadingAt.push(at);
        },
      });
      await waitForHealthy(`${replica.base}/healthz`, replica.proc, 90_000);
      return replica;
    };

    const replicas = await Promise.all([startReplica("A"), startReplica("B")]);
    log(`replicas A on ${replicas[0].base} and B on ${replicas[1].base} (proxy health interval ${intervalMs} ms, heartbeat ${heartbeatMs} ms)`);
    const credentials = await signUp(replicas[0].base, `http://localhost:${new URL(replicas[0].base).port}`);
    const leaderOf = (set: Replica[]) => set.find((r) => r.leadingAt.length && isLeading(r));
    await until(() => leaderOf(replicas) !== undefined, 3 * intervalMs, "no replica leads the proxy health checker");

    const load = startLoad(replicas, credentials, rate);
    onCleanup("load", () => load.stop());
    await sleep(5_000);
    const steadyEnd = Date.now();

    // 1. kill -9 the health checker's leader.
    const leader = leaderOf(replicas)!;
    const survivor = replicas.find((r) => r !== leader)!;
    load.remove(leader); // no new requests to a process that is about to die
    const killedAt = Date.now();
    leader.proc.child.kill("SIGKILL");
    log(`killed replica ${leader.name} (the health leader, pid ${leader.proc.child.pid}) with SIGKILL`);
    await until(() => survivor.leadingAt.some((t) => t > killedAt), 5 * intervalMs, `replica ${survivor.name} did not take the lead`);
    const handOverMs = survivor.leadingAt.find((t) => t > killedAt)! - killedAt;
    log(`replica ${survivor.name} leads ${(handOverMs / 1000).toFixed(2)} s after the kill; starting a replacement, as a supervisor would`);
    const replacement = await startReplica("C");
    load.add(replacement);
    const live = [survivor, replacement];
    await sleep(3_000);

    // 2. Stop PostgreSQL, keep it down, start it again on the same folder and port.
    const stoppedAt = Date.now();
    await stopPostgres();
    log(`PostgreSQL stopped; down for ${downMs / 1000} s`);
    await sleep(downMs - (Date.now() - stoppedAt));
    await startPostgres();
    const backAt = readyAt;
    log(`PostgreSQL is back (same folder, same port; ready ${((Date.now() - backAt) / 1000).toFixed(2)} s before its start returned)`);

    const firstOk = (r: Replica, kind: Sample["kind"]) => load.samples.find((s) => s.replica === r.name && s.kind === kind && s.end >= backAt && ok(s.status))?.end;
    const heartbeats = new Map<string, number>();
    const recovered = () => live.every((r) => firstOk(r, "read") && firstOk(r, "write") && heartbeats.has(r.id)) && live.some((r) => r.leadingAt.some((t) => t > backAt));
    const missing = () =>
      [
        ...live.flatMap((r) => [
          ...(firstOk(r, "read") ? [] : [`a read answered by ${r.name}`]),
          ...(firstOk(r, "write") ? [] : [`a write answered by ${r.name}`]),
          ...(heartbeats.has(r.id) ? [] : [`${r.name}'s heartbeat`]),
        ]),
        ...(firstLead(live, backAt) < Infinity ? [] : ["a checker leader"]),
      ].join(", ");
    await until(
      async () => {
        await readHeartbeats(survivor.base, credentials, live, backAt, heartbeats);
        return recovered();
      },
      30_000,
      () => `no full recovery within 30 s of PostgreSQL being back: still missing ${missing()}\n${live.map((r) => `replica ${r.name}:\n${r.proc.tail()}`).join("\n")}`,
    );
    const recoveryMs = Math.max(...live.flatMap((r) => [firstOk(r, "read")!, firstOk(r, "write")!, heartbeats.get(r.id)!]), firstLead(live, backAt)) - backAt;
    await sleep(3_000);
    await load.stop();

    // 3. Every write acknowledged with a 2xx is still there.
    const listed = await fetch(`${survivor.base}/api/v2/users/me/tokens`, { headers: { authorization: `Bearer ${credentials.token}` } });
    const present = new Set(((await listed.json()) as { tokens: { id: string }[] }).tokens.map((t) => t.id));
    const lost = load.acknowledged.filter((id) => !present.has(id));

    process.stdout.write(
      "\n" +
        report({
          intervalMs,
          downMs,
          samples: load.samples,
          phases: { steady: [0, steadyEnd], kill: [steadyEnd, stoppedAt], outage: [stoppedAt, backAt + recoveryMs] },
          handOverMs,
          leadAfterBackMs: firstLead(live, backAt) - backAt,
          firstOkMs: Math.min(...live.map((r) => firstOk(r, "read")!)) - backAt,
          recoveryMs,
          acknowledged: load.acknowledged.length,
          lost: lost.length,
          outageLog: live.map((r) => ({ name: r.name, lines: r.lines.filter((l) => l.at >= stoppedAt && l.at <= backAt + recoveryMs), outageLines: r.lines.filter((l) => OUTAGE_LOG.test(l.line)).length })),
        }) +
        "\n\n",
    );
    if (values["show-log"]) {
      for (const r of live) {
        const lines = r.lines.filter((l) => l.at >= stoppedAt && l.at <= backAt + recoveryMs);
        process.stdout.write(`replica ${r.name} from the outage to full recovery:\n${lines.map((l) => `  +${((l.at - stoppedAt) / 1000).toFixed(2)} s ${l.line}`).join("\n")}\n\n`);
      }
    }
    log(`load average at end: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
    return 0;
  });
}

/** The last "leading" line is newer than the last "no longer leading" one. */
function isLeading(r: Replica): boolean {
  const lost = r.lines.findLast((l) => /proxy health: no longer leading/.test(l.line))?.at ?? 0;
  return r.leadingAt.at(-1)! > lost;
}

function firstLead(set: Replica[], after: number): number {
  return Math.min(...set.map((r) => r.leadingAt.find((t) => t > after) ?? Infinity));
}

const ok = (status: number) => status >= 200 && status < 300;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

async function until(done: () => boolean | Promise<boolean>, timeoutMs: number, failure: string | (() => string)): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(typeof failure === "string" ? failure : failure());
    await sleep(50);
  }
}

/** Notes when each replica's heartbeat row was first written after `since`, as the API lists it. */
async function readHeartbeats(base: string, c: Credentials, live: Replica[], since: number, seen: Map<string, number>) {
  const res = await fetch(`${base}/api/v2/replicas`, { headers: { authorization: `Bearer ${c.token}` }, signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
  if (!res?.ok) return;
  for (const row of (await res.json()) as { id: string; updated_at: string }[]) {
    const at = Date.parse(row.updated_at);
    if (at >= since && live.some((r) => r.id === row.id) && !seen.has(row.id)) seen.set(row.id, at);
  }
}

/**
 * Open-loop load: `rate` requests a second over the live replicas in turn, one in three a write
 * (creating an API token). Every write answered 2xx is acknowledged: its token must survive.
 */
function startLoad(initial: Replica[], c: Credentials, rate: number) {
  const targets = [...initial];
  const samples: Sample[] = [];
  const acknowledged: string[] = [];
  const inFlight = new Set<Promise<void>>();
  let tick = 0;
  const send = async (replica: Replica, kind: Sample["kind"], n: number) => {
    const start = Date.now();
    const sample: Sample = { replica: replica.name, kind, start, end: start, status: 0 };
    try {
      const res = await fetch(`${replica.base}/api/v2/${kind === "read" ? "regions" : "users/me/tokens"}`, {
        method: kind === "read" ? "GET" : "POST",
        headers: { authorization: `Bearer ${c.token}`, ...(kind === "write" ? { "content-type": "application/json" } : {}) },
        body: kind === "write" ? JSON.stringify({ name: `chaos-${n}` }) : undefined,
        signal: AbortSignal.timeout(10_000),
      });
      const body = (await res.json().catch(() => null)) as { message?: unknown; token?: { id: string } } | null;
      sample.status = res.status;
      if (res.status === 503) sample.wellFormed = Number(res.headers.get("retry-after")) > 0 && typeof body?.message === "string";
      if (kind === "write" && ok(res.status) && body?.token) acknowledged.push(body.token.id);
    } catch {
      sample.status = 0;
    }
    sample.end = Date.now();
    samples.push(sample);
  };
  const timer = setInterval(() => {
    if (!targets.length) return;
    const n = tick++;
    const replica = targets[n % targets.length];
    const kind = Math.floor(n / targets.length) % 3 === 2 ? "write" : "read";
    const request = send(replica, kind, n).finally(() => inFlight.delete(request));
    inFlight.add(request);
  }, 1000 / rate);
  return {
    samples,
    acknowledged,
    add: (r: Replica) => targets.push(r),
    remove: (r: Replica) => targets.splice(targets.indexOf(r), 1),
    async stop() {
      clearInterval(timer);
      await Promise.all(inFlight);
    },
  };
}

interface Figures {
  intervalMs: number;
  downMs: number;
  samples: Sample[];
  phases: Record<"steady" | "kill" | "outage", [number, number]>;
  handOverMs: number;
  leadAfterBackMs: number;
  firstOkMs: number;
  recoveryMs: number;
  acknowledged: number;
  lost: number;
  outageLog: { name: string; lines: { line: string }[]; outageLines: number }[];
}

function codes(samples: Sample[]): string {
  const counts = new Map<string, number>();
  for (const s of samples.filter((s) => !ok(s.status))) counts.set(s.status ? String(s.status) : "no answer", (counts.get(s.status ? String(s.status) : "no answer") ?? 0) + 1);
  return counts.size ? [...counts].map(([code, n]) => `${n} × ${code}`).join(", ") : "none";
}

function report(f: Figures): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const inPhase = ([from, to]: [number, number]) => f.samples.filter((x) => x.end >= from && x.end < to);
  const table = [
    ["phase", "requests", "2xx", "errors"],
    ...(Object.entries(f.phases) as [keyof Figures["phases"], [number, number]][]).map(([name, range]) => {
      const rows = inPhase(range);
      const label = { steady: "steady (5 s)", kill: "leader killed → replacement up", outage: `PostgreSQL down ${f.downMs / 1000} s → recovered` }[name];
      return [label, String(rows.length), String(rows.filter((x) => ok(x.status)).length), codes(rows)];
    }),
  ];
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
  const lines = table.map((row) => row.map((cell, i) => cell.padEnd(widths[i])).join("  ").trimEnd());

  const outage = inPhase(f.phases.outage).filter((x) => !ok(x.status));
  const only503 = outage.every((x) => x.status === 503);
  const answered503 = outage.filter((x) => x.status === 503);
  const wellFormed = answered503.filter((x) => x.wellFormed).length;
  const pass = (met: boolean) => (met ? "PASS" : "MISS");
  const targets = [
    ["target", "figure", ""],
    [`new leader within one interval (${s(f.intervalMs)}) of kill -9`, s(f.handOverMs), pass(f.handOverMs <= f.intervalMs)],
    ["no acknowledged write lost", `${f.acknowledged - f.lost} of ${f.acknowledged} there`, pass(f.lost === 0)],
    ["only 503s during the outage", codes(inPhase(f.phases.outage)), pass(only503)],
    ["  503s with Retry-After in the error shape", `${wellFormed} of ${answered503.length}`, pass(wellFormed === answered503.length)],
    [`checker leads within one interval of PostgreSQL back`, s(f.leadAfterBackMs), pass(f.leadAfterBackMs <= f.intervalMs)],
    ["recovery within 5 s of PostgreSQL back", s(f.recoveryMs), pass(f.recoveryMs <= 5_000)],
  ];
  const tw = targets[0].map((_, i) => Math.max(...targets.map((row) => row[i].length)));
  const logged = f.outageLog.map((r) => `${r.name} ${r.lines.length} lines (${r.lines.reduce((n, l) => n + l.line.length + 1, 0)} bytes), outage start/end lines in its whole log: ${r.outageLines}`);
  return [
    ...lines,
    "",
    ...targets.map((row) => row.map((cell, i) => cell.padEnd(tw[i])).join("  ").trimEnd()),
    "",
    `first 2xx after PostgreSQL back: ${s(f.firstOkMs)}; full recovery = every live replica answered a read and a write, wrote its heartbeat, and the checker leads`,
    `logged by each replica from the outage to full recovery: ${logged.join("; ")}`,
  ].join("\n");
}
