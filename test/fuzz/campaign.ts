// Runs the property for one route: every answer is below 500, and every 4xx is in the error shape.
// A failure is shrunk (within a budget), recorded as a class (status, error type, Prisma call,
// code), and the run goes on looking for other classes with the runs left, so one run reports
// every distinct kind of 5xx a route has rather than the first.
import { format } from "node:util";
import fc from "fast-check";
import { apiErrorSchema } from "@/lib/api/errors";
import { configureLog } from "@/server/log";
import { buildRequest, send, type Deliver, type FuzzCase, type Outcome } from "./request";
import type { FuzzSettings } from "./settings";
import type { World } from "./world";

export interface Failure {
  route: string;
  signature: string;
  case: FuzzCase;
  outcome: Outcome;
  /** fast-check's seed and path for this class (with the same world state, they replay it). */
  seed: number;
  path?: string;
  shrinks: number;
}

export interface RouteReport {
  route: string;
  /** Generated cases run (not counting shrinking). */
  cases: number;
  shrinkRuns: number;
  /** Answers that broke the property while generating (a class is usually many answers). */
  bad: number;
  /** How the generated cases were answered, by status: shows how deep the fuzzer got. */
  statuses: Record<number, number>;
  /** Cases answered before our code (by Next) or not sendable at all, by reason. */
  skipped: Record<string, number>;
  failures: Failure[];
  /** Stopped by the time limit before running every case. */
  cutShort: boolean;
  ms: number;
}

class FuzzFailure extends Error {
  constructor(
    readonly signature: string,
    readonly outcome: Outcome,
  ) {
    super(signature);
  }
}

/** What is wrong with an answer, or null: a 5xx, or a 4xx not in the error shape. */
export function problem(outcome: Outcome): string | null {
  if (outcome.kind !== "answered") return null;
  const { status, body } = outcome;
  if (status >= 500) return String(status);
  if (status < 400) return null;
  try {
    return apiErrorSchema.safeParse(JSON.parse(body)).success ? null : `${status} not in the error shape`;
  } catch {
    return `${status} not JSON`;
  }
}

/** An error the logger wrote (server/log.ts), as text: its message, then the error's stack; null below level error. */
function errorText(line: string): string | null {
  const entry = JSON.parse(line) as { level?: string; msg?: string; err?: { stack?: string; message?: string } };
  if (entry.level !== "error" && entry.level !== "fatal") return null;
  return entry.err ? `${entry.msg}: ${entry.err.stack ?? entry.err.message}` : String(entry.msg);
}

/** A failure's class: the problem, and what the server logged with the values taken out. */
export function signature(outcome: Outcome, what: string): string {
  const log = outcome.kind === "answered" ? outcome.logged.join("\n") : "";
  const name = /\b([A-Z]\w*(?:Error|Exception))\b/.exec(log)?.[1];
  if (!name) return `${what}: ${outcome.kind === "answered" ? outcome.body.slice(0, 120) : outcome.why}`;
  const prismaCall = /Invalid `([^`]+)` invocation/.exec(log)?.[1];
  const code = /\bcode: ['"`]?([\w.]+)/.exec(log)?.[1];
  const sqlState = /Code: `(\w+)`/.exec(log)?.[1];
  const message = /(?:Message|ERROR|message): [`'"]?([^\n`'"]{1,100})/.exec(log)?.[1]?.replace(/\d+/g, "N");
  return [what, name, prismaCall, code, sqlState, message].filter(Boolean).join(" | ");
}

async function runCase(c: FuzzCase, world: World, logged: string[], deliver: Deliver): Promise<Outcome> {
  logged.length = 0;
  const requests = [];
  for (let i = 0; i < c.copies; i++) {
    const req = buildRequest(c, world);
    if ("unsendable" in req) return { kind: "unsendable", why: req.unsendable };
    requests.push(req);
  }
  const outcomes = await Promise.all(requests.map((req) => deliver(req, logged)));
  const withLogs = outcomes.map((o) => (o.kind === "answered" ? { ...o, logged: [...logged] } : o));
  return withLogs.find((o) => problem(o) !== null) ?? withLogs[0];
}

/** A seed of its own per route, so routes do not all draw the same sequence. */
function routeSeed(seed: number, route: string): number {
  let h = seed | 0;
  for (const ch of route) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h;
}

export async function fuzzRoute(route: string, arbitrary: () => fc.Arbitrary<FuzzCase>, world: World, settings: FuzzSettings, deliver: Deliver = send): Promise<RouteReport> {
  const report: RouteReport = { route, cases: 0, shrinkRuns: 0, bad: 0, statuses: {}, skipped: {}, failures: [], cutShort: false, ms: 0 };
  const started = performance.now();
  const known = new Set<string>();
  const logged: string[] = [];
  const deadline = started + (settings.routeTimeLimitMs ?? Infinity);
  const consoleError = console.error;
  // The route wrapper logs every 500 with its cause (through server/log.ts): that log is the class
  // and the report. Anything else a route prints with console.error counts too.
  console.error = (...args: unknown[]) => void logged.push(format(...args));
  const previousLog = configureLog({
    format: "json",
    destination: {
      write(line) {
        const text = errorText(line);
        if (text) logged.push(text);
      },
    },
  });
  try {
    for (let attempt = 0; attempt < settings.classesPerRoute && report.cases < settings.runs && performance.now() < deadline; attempt++) {
      await world.ensure();
      let first: string | null = null; // the class being shrunk, once one failed
      let shrinking = 0;
      const property = fc.asyncProperty(arbitrary(), async (c) => {
        // Past the time limit, the remaining runs pass without sending anything. (fast-check's own
        // interruptAfterTimeLimit abandons the request in flight: its answer unseen, its writes
        // racing the next route; skipAllAfterTimeLimit draws new cases until it runs enough.)
        if (performance.now() > deadline) {
          if (first === null) report.cutShort = true;
          return true;
        }
        if (first !== null && ++shrinking > settings.shrinkBudget) return true; // keep the smallest so far
        if (first === null) report.cases++;
        const outcome = await runCase(c, world, logged, deliver);
        if (c.method === "GET") await world.refreshEmbedToken();
        else await world.repair();
        if (outcome.kind !== "answered") {
          const reason = outcome.kind === "framework" ? `Next: ${outcome.why}` : "not sendable (header undici refuses)";
          if (first === null) report.skipped[reason] = (report.skipped[reason] ?? 0) + 1;
          return true;
        }
        if (first === null) report.statuses[outcome.status] = (report.statuses[outcome.status] ?? 0) + 1;
        const what = problem(outcome);
        if (what === null) return true;
        const sig = signature(outcome, what);
        if (first === null) report.bad++;
        if (known.has(sig) || (first !== null && sig !== first)) return true; // another class: not this shrink's
        first = sig;
        throw new FuzzFailure(sig, outcome);
      });
      const seed = routeSeed(settings.seed, route) + attempt;
      const details = await fc.check(property, { seed, numRuns: settings.runs - report.cases });
      report.shrinkRuns += shrinking;
      if (!details.failed) break;
      if (!(details.errorInstance instanceof FuzzFailure)) throw details.errorInstance ?? new Error(`fuzzing ${route} failed without an error`);
      const { signature: sig, outcome } = details.errorInstance;
      known.add(sig);
      report.failures.push({ route, signature: sig, case: details.counterexample![0], outcome, seed, path: details.counterexamplePath ?? undefined, shrinks: details.numShrinks });
    }
  } finally {
    console.error = consoleError;
    configureLog(previousLog);
    report.ms = performance.now() - started;
  }
  return report;
}
