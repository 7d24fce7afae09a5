// Issue 11: a property-based fuzzer over every /api/v2 route and method, generated from the
// routes' own zod schemas (test/fuzz/). The property: no answer is a 5xx, and every 4xx is in the
// one error shape. A plain `vitest run` fuzzes with a fixed seed, a small count and a time budget;
// `npm run fuzz` runs a longer campaign and prints the summary and each shrunk failing request.
// Knobs (read in test/fuzz/settings.ts):
//   FUZZ_CAMPAIGN=1  campaign mode (what `npm run fuzz` sets): more cases, no time limits, a
//                    fresh seed each run, per-route answers by status in the summary
//   FUZZ_RUNS=n      cases per route and method (default 40, campaign 1000)
//   FUZZ_SEED=n      the seed (default 20261204, campaign random); the summary prints it
// e.g. `FUZZ_RUNS=2000 npm run fuzz`, or `FUZZ_SEED=123 npm run fuzz -- -t 'users/\[id\]'`.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { prisma } from "@/server/db";
import { route, type RouteSpec } from "@/server/http/route";
import { fuzzRoute, type RouteReport } from "./fuzz/campaign";
import { caseFor, unknownPathCase, type RouteUnderTest } from "./fuzz/cases";
import { describeCase, describeOutcome, summarize } from "./fuzz/report";
import { answer } from "./fuzz/request";
import { CI_SEED, fuzzSettings, type FuzzSettings } from "./fuzz/settings";
import { World } from "./fuzz/world";
import { ROUTES } from "./support/api";
import { withTestDatabase } from "./support/database";

const EMBED_SECRET = vi.hoisted(() => (process.env.MERIDIAN_EMBED_SECRET = "fuzz-embed-secret-0123456789abcdef0123456789"));

withTestDatabase();

const settings = fuzzSettings();
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** Every handler built by route(), with the key and schemas it carries. */
async function routesUnderTest(): Promise<RouteUnderTest[]> {
  const found: RouteUnderTest[] = [];
  for (const [pattern, load] of Object.entries(ROUTES)) {
    const mod = await load();
    for (const method of METHODS) {
      const handler = mod[method] as (Partial<{ routeKey: unknown; spec: unknown }> & object) | undefined;
      if (!handler || typeof handler.routeKey !== "string") continue; // the catch-all: fuzzed below
      const spec = (handler.spec ?? {}) as RouteSpec;
      found.push({ key: handler.routeKey, method, pattern, spec: typeof spec === "object" && spec !== null ? spec : {} });
    }
  }
  return found.sort((a, b) => a.key.localeCompare(b.key));
}

const routes = await routesUnderTest();
const UNKNOWN_PATHS = "ANY /api/v2/<unknown path>";

let world: World;
const reports: RouteReport[] = [];

beforeAll(async () => {
  world = await World.create(EMBED_SECRET);
});

afterAll(() => {
  if (reports.length > 0) console.log(summarize(reports, settings));
});

/** Route tests this run will fuzz (all, or those `-t` picks), and the time they used so far. */
let routesLeft = 0;
let fuzzedMs = 0;

/** The settings for the next route: its fair share of the run's time budget, if there is one. */
function budgeted(): FuzzSettings {
  if (settings.runTimeLimitMs === undefined) return settings;
  const share = Math.max(250, (settings.runTimeLimitMs - fuzzedMs) / Math.max(1, routesLeft));
  return { ...settings, routeTimeLimitMs: Math.min(settings.routeTimeLimitMs ?? Infinity, share) };
}

function expectNoFailures(report: RouteReport) {
  reports.push(report);
  routesLeft--;
  fuzzedMs += report.ms;
  const failures = report.failures.map((f) => `${f.signature}\n${describeCase(f.case)}\n${describeOutcome(f.outcome)}`);
  expect(failures, `${report.route}: ${report.failures.length} failure classes in ${report.cases} cases (seed ${settings.seed})`).toEqual([]);
}

describe(`fuzzing every /api/v2 route (seed ${settings.seed}, ${settings.runs} cases each)`, () => {
  beforeAll((suite) => {
    routesLeft = suite.tasks.filter((t) => t.mode === "run" && t.name.includes(": no 5xx")).length;
  });

  it("finds every route handler with its key and schemas", () => {
    expect(routes.length).toBeGreaterThan(20);
    for (const r of routes) expect(r.key).toBe(`${r.method} ${r.pattern}`);
  });

  it.each(routes.map((r) => [r.key, r] as const))("%s: no 5xx, every error in the error shape", async (key, route) => {
    expectNoFailures(await fuzzRoute(key, () => caseFor(route, world), world, budgeted()));
  }, settings.timeoutMs);

  it(`${UNKNOWN_PATHS}: no 5xx, every error in the error shape`, async () => {
    expectNoFailures(await fuzzRoute(UNKNOWN_PATHS, () => unknownPathCase(world), world, budgeted()));
  }, settings.timeoutMs);
});

describe("the fuzzer itself", () => {
  it("fails on a 5xx and shrinks it to the input that matters", async () => {
    // The real route wrapper with a careless schema: a NUL reaches PostgreSQL, which answers 22021.
    const key = "POST /api/v2/users/me/tokens";
    const careless = route(key, { body: z.strictObject({ name: z.string() }) }, ({ body }) => prisma().$queryRaw`SELECT ${body.name}::text AS name`);
    const target: RouteUnderTest = { key, method: "POST", pattern: "/api/v2/users/me/tokens", spec: careless.spec };
    const report = await fuzzRoute(`careless ${key}`, () => caseFor(target, world), world, { ...settings, seed: CI_SEED, runs: 300, classesPerRoute: 1, routeTimeLimitMs: undefined }, (req, logged) =>
      answer(careless, {}, req, logged),
    );
    expect(report.failures.map((f) => f.signature)).toEqual([expect.stringMatching(/^500 \| .*22021/)]);
    expect(report.failures[0].case.body).toEqual({ json: { name: expect.stringContaining("\0") } });
  });
});
