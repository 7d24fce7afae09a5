// Cold start: `meridian server` on an empty data folder (DATABASE_URL unset, so initdb, start,
// migrations and the demo seed all run) until the first 200 on /healthz.
import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { freePortInRange, onCleanup, once, startNode, waitForHealthy } from "./processes";

export interface ColdStart {
  ms: number;
  /** When the launcher logged each start-up step, in ms since launch. */
  phases: { at: number; step: string }[];
}

const STEPS: [RegExp, string][] = [
  [/^meridian: embedded PostgreSQL on/, "postgres up"],
  [/^meridian: applied migrations/, "migrated"],
  [/^meridian: seeded the demo topology/, "demo seeded"],
  [/^meridian: console at/, "listening"],
];

/** Environment for a server that must decide everything itself: no inherited Meridian settings. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== "DATABASE_URL" && k !== "PORT" && !k.startsWith("MERIDIAN_")));
  // Text logs: the benchmarks read their servers' lines ("console at", "proxy health: leading").
  return { ...env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", MERIDIAN_LOG_FORMAT: "text", ...extra };
}

export async function coldStart(root: string, run: number, logDir: string): Promise<ColdStart> {
  const dataDir = path.join(root, `cold-${run}`);
  const removeData = once(async () => {
    await stopOrphanedPostgres(path.join(dataDir, "postgres", "data"));
    await rm(dataDir, { recursive: true, force: true });
  });
  onCleanup(`cold start ${run} data`, removeData);
  const port = await freePortInRange();
  const phases: ColdStart["phases"] = [];
  const launchedAt = performance.now();
  const server = startNode({
    name: `cold start ${run} server`,
    args: ["cli/index.mjs", "server", "--port", String(port)],
    cwd: path.resolve(import.meta.dirname, ".."),
    env: cleanEnv({ MERIDIAN_DATA_DIR: dataDir }),
    logFile: path.join(logDir, `cold-${run}.log`),
    onLine(line) {
      const step = STEPS.find(([pattern]) => pattern.test(line));
      if (step) phases.push({ at: performance.now() - launchedAt, step: step[1] });
    },
  });
  await waitForHealthy(`http://127.0.0.1:${port}/healthz`, server, 60_000, 10);
  const ms = performance.now() - launchedAt;
  await server.stop();
  await removeData();
  return { ms, phases };
}

/** The launcher stops its Postgres on SIGTERM; if it was killed instead, Postgres (its own process
 * group) would survive it. Its pid is in postmaster.pid: stop that one process, nothing broader. */
async function stopOrphanedPostgres(dataDir: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, "utf8")).split("\n")[0]);
  if (!pid || !alive(pid) || !(await isPostgresOf(pid, dataDir))) return;
  console.error(`bench: stopping the embedded PostgreSQL (pid ${pid}) its server left behind`);
  process.kill(pid, "SIGINT");
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

/** Guards against a recycled pid: only a postgres serving this data folder is ours. */
async function isPostgresOf(pid: number, dataDir: string) {
  const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
  return cmdline.split("\0").includes(dataDir);
}

function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
