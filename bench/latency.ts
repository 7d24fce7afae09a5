// `npm run bench:latency`: how accurately and how fast the region picker measures latency from a
// real browser. Six real proxy agents hold their answers back {0, 10, 25, 50, 100, 200} ms (the
// loopback round trip itself reads 0.6–1 ms through Chromium on this VM); the Regions page is opened in headless Chromium,
// fresh each run, and what it shows (data-latency-ms, and the full result it caches) is compared
// with the injected delay. In the same run, the common single-sample method — one un-warmed
// request per region, timed with the wall clock — is measured from a fresh browser context too,
// and its errors are printed beside ours.
//
// Targets (issue 9): error ≤ max(2 ms, 3 %) for every region; every region measured within 1.5 s
// of the page's load event.
//
// The agents run at a raised priority (nice -10 when run as root) and the console at the normal
// one (see SERVER_PRIORITY below for why).
//
//   npm run bench:latency                    # about 1 min: 5 runs (needs a production build)
//   npm run bench:latency -- --runs 10 --delays 0,10,25,50,100,200
//   npm run bench:latency -- --samples       # also list every latency request of every run
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs, promisify } from "node:util";
import { chromium, type Browser } from "@playwright/test";
import { signUp, type Credentials } from "./auth";
import { cleanEnv } from "./coldstart";
import { freePortInRange, onCleanup, runBench, startNode, waitForHealthy } from "./processes";

const ROOT = path.resolve(import.meta.dirname, "..");
const log = (message: string) => process.stdout.write(`bench: ${message}\n`);
const TARGET_LOAD_TO_MEASURED_MS = 1_500;
const targetError = (injected: number) => Math.max(2, 0.03 * injected);

const OPTIONS = {
  runs: { type: "string", default: "5" },
  delays: { type: "string", default: "0,10,25,50,100,200" },
  /** Print every latency request the page made (Resource Timing), run by run. */
  samples: { type: "boolean", default: false },
} as const;

interface CachedLatency {
  status: "measured" | "unreachable";
  median_ms?: number;
  min_ms?: number;
  max_ms?: number;
  jitter_ms?: number;
  accurate?: boolean;
  protocol?: string | null;
}

interface PickerRun {
  /** name → what the page showed (data-latency-ms) and the full cached result */
  regions: Record<string, { shown: number; cached: CachedLatency }>;
  navigationToMeasuredMs: number;
  loadToMeasuredMs: number;
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: OPTIONS });
  const runs = Number(values.runs);
  const delays = values.delays.split(",").map(Number);
  if (!Number.isInteger(runs) || runs < 1 || delays.some((d) => !Number.isFinite(d) || d < 0)) {
    process.stderr.write("usage: npm run bench:latency -- [--runs N] [--delays 0,10,25,...]\n");
    return 2;
  }
  return runBench(async (setBudget) => {
    if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) throw new Error("no production build: run `npx next build` first");
    setBudget(120_000 + runs * 20_000);
    log(`load average at start: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} (${os.availableParallelism()} cores; the machine may be shared)`);
    const root = await mkdtemp(path.join(os.tmpdir(), "meridian-bench-latency-"));
    await chmod(root, 0o711); // embedded Postgres runs as `postgres` and must pass through it
    onCleanup("temp folder", () => rm(root, { recursive: true, force: true }));
    await mkdir(path.join(root, "logs"));

    const base = await startConsole(root);
    const credentials = await signUp(base, base);
    await uploadLicense(base, credentials);
    const names = delays.map((d) => `delay-${d}ms`);
    for (const [i, delay] of delays.entries()) await startAgent(root, base, credentials, names[i], delay);
    const registered = await waitForRegistered(base, credentials, names);

    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    onCleanup("chromium", () => browser.close());

    const picker: PickerRun[] = [];
    const naive: Record<string, number>[] = [];
    for (let run = 1; run <= runs; run++) {
      naive.push(await naiveRun(browser, base, registered));
      picker.push(await pickerRun(browser, base, credentials, registered, values.samples));
      log(`run ${run}: all regions measured ${picker.at(-1)!.navigationToMeasuredMs.toFixed(0)} ms after navigation, ${picker.at(-1)!.loadToMeasuredMs.toFixed(0)} ms after load`);
    }
    process.stdout.write(`\n${report(delays, names, picker, naive)}\n`);
    log(`agents ran at nice ${serverPriority} (they stand for other machines), the console and Chromium at 0`);
    log(`load average at end: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
    return 0;
  });
}

/**
 * The agents stand for other machines, with CPUs of their own; here they share two cores with
 * Chromium. They sit idle until a request comes, so raising their priority lets them answer at
 * once, as a machine of their own would, without taking anything from the browser. (Their own
 * processing time is announced and subtracted either way; this removes the wait before they run.)
 *
 * The console is left at the normal priority: it is busy serving the very page being measured,
 * and raised it took a whole core from Chromium while the page loaded. Chromium's network thread,
 * which stamps when an answer arrives, then waited behind it, and a 0 ms region read 2–4 ms (a
 * real console runs on another machine and takes nothing from the user's browser).
 */
const SERVER_PRIORITY = -10;

function raisePriority(pid: number | undefined) {
  try {
    if (pid) os.setPriority(pid, SERVER_PRIORITY);
  } catch {
    // not root: measured at normal priority, and the figures say so
    serverPriority = 0;
  }
}
let serverPriority = SERVER_PRIORITY;

async function startConsole(root: string): Promise<string> {
  const port = await freePortInRange();
  const server = startNode({
    name: "meridian",
    args: [path.join(ROOT, "cli/index.mjs"), "server", "--no-demo", "--port", String(port)],
    cwd: ROOT,
    env: cleanEnv({ MERIDIAN_DATA_DIR: path.join(root, "data"), MERIDIAN_LICENSE_DEV_KEY: "true", MERIDIAN_PROXY_HEALTH_INTERVAL_MS: "1000", MERIDIAN_ACCESS_URL: `http://127.0.0.1:${port}`,
      // The agents run on this machine: production refuses loopback proxy URLs unless allowed.
      MERIDIAN_PROXY_ALLOWED_NETWORKS: "127.0.0.0/8" }),
    logFile: path.join(root, "logs", "meridian.log"),
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForHealthy(`${base}/healthz`, server, 90_000);
  return base;
}

async function api(base: string, credentials: Credentials, method: string, route: string, body?: unknown) {
  const res = await fetch(base + route, {
    method,
    headers: { authorization: `Bearer ${credentials.token}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return res.json();
}

async function uploadLicense(base: string, credentials: Credentials) {
  const expires = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(ROOT, "cli/index.mjs"), "license", "create", "--features", "workspace_proxy=20", "--expires", expires], { cwd: ROOT });
  await api(base, credentials, "POST", "/api/v2/licenses", { license: stdout.trim() });
}

async function startAgent(root: string, base: string, credentials: Credentials, name: string, delay: number) {
  const { proxy_token: token } = (await api(base, credentials, "POST", "/api/v2/workspaceproxies", { name })) as { proxy_token: string };
  const port = await freePortInRange();
  const agent = startNode({
    name,
    args: [path.join(ROOT, "cli/index.mjs"), "proxy", "--primary-url", base, "--http-address", `127.0.0.1:${port}`, "--simulated-latency-ms", String(delay)],
    cwd: ROOT,
    env: cleanEnv({ MERIDIAN_PROXY_TOKEN: token }),
    logFile: path.join(root, "logs", `${name}.log`),
  });
  raisePriority(agent.child.pid);
}

interface Registered {
  id: string;
  url: string;
}

/** Each agent's region id and URL by name, once every agent has registered. */
async function waitForRegistered(base: string, credentials: Credentials, names: string[]): Promise<Record<string, Registered>> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const { regions } = (await api(base, credentials, "GET", "/api/v2/regions")) as { regions: { id: string; name: string; path_app_url: string }[] };
    const found = Object.fromEntries(regions.filter((r) => names.includes(r.name) && r.path_app_url).map((r) => [r.name, { id: r.id, url: r.path_app_url }]));
    if (Object.keys(found).length === names.length) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the agents did not all register within 30 s");
}

/** The Regions page in a fresh context (no cached results, no open connections). */
async function pickerRun(browser: Browser, base: string, credentials: Credentials, registered: Record<string, Registered>, printSamples = false): Promise<PickerRun> {
  const names = Object.keys(registered);
  const context = await browser.newContext();
  try {
    await context.addCookies([{ name: credentials.cookie.split("=")[0], value: credentials.cookie.split("=").slice(1).join("="), url: base }]);
    const page = await context.newPage();
    // Notes the moment every expected row first carries a latency, from inside the page. A string,
    // not a function: tsx would wrap named functions in a helper the page does not have.
    await page.addInitScript(`(() => {
      const expected = ${JSON.stringify(names)};
      new MutationObserver(() => {
        if (window.__measuredAt !== undefined) return;
        if (expected.every((name) => document.querySelector('main [data-region="' + name + '"]')?.getAttribute("data-latency-ms"))) {
          window.__measuredAt = performance.now();
          window.__onMeasured?.();
        }
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-latency-ms"] });
    })();`);
    await page.goto(`${base}/regions`, { waitUntil: "load" });
    // One call that the page answers when it is done: polling from here would wake the browser
    // every few milliseconds while it measures.
    const measured = page.evaluate(`new Promise((resolve) => (window.__measuredAt !== undefined ? resolve() : (window.__onMeasured = resolve)))`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error("not every region was measured within 30 s")), 30_000)));
    await Promise.race([measured, timeout])
      .catch(async (err) => {
        const rows = await page.locator("main [data-region]").evaluateAll((els) => els.map((e) => `${e.getAttribute("data-region")}=${e.getAttribute("data-latency-ms")}`));
        throw new Error(`${(err as Error).message}\n  page ${page.url()} shows: ${rows.join(", ") || "(no region rows)"}`);
      })
      .finally(() => clearTimeout(timer));
    if (printSamples) {
      const entries = await page.evaluate(() =>
        (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
          .filter((e) => e.name.includes("/latency-check"))
          .map((e) => ({ url: e.name.replace(/\/latency-check.*$/, ""), start: e.startTime, requestStart: e.requestStart, responseStart: e.responseStart, processing: e.serverTiming.find((t) => t.name === "processing")?.duration ?? 0 })),
      );
      log("latency requests of this run (ms since navigation; sample = responseStart - requestStart - processing):");
      for (const e of entries.sort((a, b) => a.start - b.start)) {
        process.stdout.write(`  ${e.url.padEnd(24)} start ${e.start.toFixed(1).padStart(7)}  wait ${(e.requestStart - e.start).toFixed(1).padStart(6)}  sample ${(e.responseStart - e.requestStart - e.processing).toFixed(2).padStart(8)}  processing ${e.processing.toFixed(2)}\n`);
      }
    }
    return await page.evaluate((expected: Record<string, Registered>) => {
      const measuredAt = (window as unknown as { __measuredAt: number }).__measuredAt;
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      const cache = JSON.parse(localStorage.getItem("meridian.latency.v1") ?? "{}") as Record<string, { url: string; latency: CachedLatency }>;
      const regions: PickerRun["regions"] = {};
      for (const [name, { id }] of Object.entries(expected)) {
        const row = document.querySelector(`main [data-region="${name}"]`)!;
        regions[name] = { shown: Number(row.getAttribute("data-latency-ms")), cached: cache[id]?.latency ?? { status: "measured" } };
      }
      return { regions, navigationToMeasuredMs: measuredAt, loadToMeasuredMs: measuredAt - nav.loadEventEnd };
    }, registered);
  } finally {
    await context.close();
  }
}

/** The common method: one un-warmed fetch per region, all at once, timed with the wall clock. */
async function naiveRun(browser: Browser, base: string, registered: Record<string, Registered>): Promise<Record<string, number>> {
  const urls = Object.fromEntries(Object.entries(registered).map(([name, r]) => [name, r.url]));
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    return await page.evaluate(async (targets: Record<string, string>) => {
      const times = await Promise.all(
        Object.entries(targets).map(async ([name, url]) => {
          const started = performance.now();
          await (await fetch(`${url}/latency-check?naive=${Math.random()}`, { cache: "no-store" })).text();
          return [name, performance.now() - started] as const;
        }),
      );
      return Object.fromEntries(times);
    }, urls);
  } finally {
    await context.close();
  }
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function report(delays: number[], names: string[], picker: PickerRun[], naive: Record<string, number>[]): string {
  const f = (n: number, digits = 2) => n.toFixed(digits).padStart(8);
  const lines = [
    `medians over ${picker.length} runs (ms); error = measured - injected; target |error| <= max(2 ms, 3 %)`,
    "",
    `${"region".padEnd(14)}${"injected".padStart(9)}${"ours".padStart(9)}${"error".padStart(9)}${"spread".padStart(9)}${"jitter".padStart(9)}  proto     target  ${"naive".padStart(8)}${"error".padStart(9)}`,
  ];
  let allMet = true;
  for (const [i, name] of names.entries()) {
    const ours = median(picker.map((p) => p.regions[name].shown));
    const spread = median(picker.map((p) => (p.regions[name].cached.max_ms ?? NaN) - (p.regions[name].cached.min_ms ?? NaN)));
    const jitter = median(picker.map((p) => p.regions[name].cached.jitter_ms ?? NaN));
    const protocol = picker[0].regions[name].cached.protocol ?? "?";
    const accurate = picker.every((p) => p.regions[name].cached.accurate !== false);
    const naiveMs = median(naive.map((n) => n[name]));
    const error = ours - delays[i];
    const met = Math.abs(error) <= targetError(delays[i]);
    allMet &&= met;
    lines.push(
      `${name.padEnd(14)}${f(delays[i], 0).slice(-9).padStart(9)}${f(ours)} ${f(error)} ${f(spread)} ${f(jitter)}  ${protocol.padEnd(8)}  ${(met ? "met" : "MISSED").padEnd(6)}${accurate ? "" : "≈"}${f(naiveMs)} ${f(naiveMs - delays[i])}`,
    );
  }
  const fromLoad = median(picker.map((p) => p.loadToMeasuredMs));
  const fromNavigation = median(picker.map((p) => p.navigationToMeasuredMs));
  const worstFromLoad = Math.max(...picker.map((p) => p.loadToMeasuredMs));
  const naiveErrors = names.map((name, i) => Math.abs(median(naive.map((n) => n[name])) - delays[i]));
  const ourErrors = names.map((name, i) => Math.abs(median(picker.map((p) => p.regions[name].shown)) - delays[i]));
  lines.push(
    "",
    `mean |error|: ours ${(ourErrors.reduce((a, b) => a + b, 0) / ourErrors.length).toFixed(2)} ms, single-sample wall clock ${(naiveErrors.reduce((a, b) => a + b, 0) / naiveErrors.length).toFixed(2)} ms`,
    `accuracy target on every region: ${allMet ? "met" : "MISSED"}`,
    `every region measured: ${fromNavigation.toFixed(0)} ms after navigation, ${fromLoad.toFixed(0)} ms after the load event (median; worst ${worstFromLoad.toFixed(0)} ms) — target ≤ ${TARGET_LOAD_TO_MEASURED_MS} ms after load: ${worstFromLoad <= TARGET_LOAD_TO_MEASURED_MS ? "met" : fromLoad <= TARGET_LOAD_TO_MEASURED_MS ? "met by the median, not every run" : "MISSED"}`,
  );
  return lines.join("\n");
}
