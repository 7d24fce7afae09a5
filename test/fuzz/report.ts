// Printing a failing request so a person can read and replay it: long strings cut in the middle,
// everything outside printable ASCII escaped (NUL, lone surrogates and RTL marks stay visible).
import type { RouteReport } from "./campaign";
import type { FuzzCase, HeaderValue, Outcome } from "./request";
import { jsonText } from "./request";
import { RawJson } from "./schema";
import type { FuzzSettings } from "./settings";

const KEEP = 60;

/** A string shortened for display: head, how long it was, tail. */
export function cut(text: string): string {
  return text.length <= KEEP * 2 ? text : `${text.slice(0, KEEP)}…[${text.length} chars]…${text.slice(-20)}`;
}

/** Every non-printable or non-ASCII UTF-16 unit as \uXXXX. */
function visible(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Shortened, JSON-quoted, and visible. */
export function escape(text: string): string {
  return visible(JSON.stringify(cut(text)));
}

function cutDeep(value: unknown): unknown {
  if (typeof value === "string") return cut(value);
  if (value instanceof RawJson) return value;
  if (Array.isArray(value)) return value.length > 20 ? [...value.slice(0, 20).map(cutDeep), `…${value.length} items`] : value.map(cutDeep);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [cut(k), cutDeep(v)]));
  return value;
}

function showHeader(value: HeaderValue): string {
  if (typeof value === "string") return escape(value);
  const { alg, secret, iat, exp, claims } = value.jwt;
  const time = (name: string, offset?: number) => (offset === undefined ? `no ${name}` : `${name} now${offset < 0 ? "" : "+"}${offset}s`);
  return `JWT ${alg} signed with the ${secret} secret, ${time("iat", iat)}, ${time("exp", exp)}, claims ${visible(jsonText(cutDeep(claims)))}`;
}

export function describeCase(c: FuzzCase): string {
  const lines = [`${c.method} ${escape(c.target)}${c.copies > 1 ? `  (${c.copies} copies at once)` : ""}`, `  caller: ${c.caller}, browser signals: ${c.site}, client ip ${c.clientIp}`];
  for (const [name, value] of c.headers) lines.push(`  header ${name}: ${showHeader(value)}`);
  if (c.body && "json" in c.body) lines.push(`  body (JSON): ${visible(jsonText(cutDeep(c.body.json)))}`);
  else if (c.body && "text" in c.body) lines.push(`  body (raw text): ${escape(c.body.text)}`);
  else if (c.body) lines.push(`  body (bytes): [${c.body.bytes.join(", ")}]`);
  return lines.join("\n");
}

const LOG_LINES = 16;
const STACK_FRAMES = 4;

/** A logged error without its noise: message lines, and the first few frames outside node_modules. */
function logLines(entry: string): string[] {
  let frames = 0;
  const kept = entry.split("\n").filter((line) => {
    if (!/^\s+at /.test(line)) return true;
    return !line.includes("node_modules") && !line.includes("/test/fuzz/") && frames++ < STACK_FRAMES;
  });
  return kept.length > LOG_LINES ? [...kept.slice(0, LOG_LINES), `… ${kept.length - LOG_LINES} more lines`] : kept;
}

export function describeOutcome(outcome: Outcome): string {
  if (outcome.kind !== "answered") return `→ ${outcome.kind}: ${outcome.why}`;
  const lines = [`→ ${outcome.status} ${escape(outcome.body)}`];
  for (const entry of new Set(outcome.logged)) {
    lines.push(...logLines(entry).map((line, i) => `${i === 0 ? "  server logged: " : "    "}${visible(cut(line))}`));
  }
  return lines.join("\n");
}

/** The run's summary: what `npm run fuzz` prints, and what a red CI run shows. */
export function summarize(reports: RouteReport[], settings: FuzzSettings): string {
  const total = (pick: (r: RouteReport) => number) => reports.reduce((sum, r) => sum + pick(r), 0);
  const failures = reports.flatMap((r) => r.failures);
  const cutShort = reports.filter((r) => r.cutShort).map((r) => `${r.route} (${r.cases})`);
  const fivexx = failures.filter((f) => /^5\d\d/.test(f.signature));
  const skipped = new Map<string, number>();
  for (const r of reports) {
    for (const [why, n] of Object.entries(r.skipped)) {
      const key = why.replace(/: \S+ exports no \w+$/, ": method not exported");
      skipped.set(key, (skipped.get(key) ?? 0) + n);
    }
  }
  const lines = [
    `fuzz: seed ${settings.seed}, up to ${settings.runs} cases per route and method, ${reports.length} routes, ${(total((r) => r.ms) / 1000).toFixed(1)} s`,
    `fuzz: ${total((r) => r.cases)} cases run (+${total((r) => r.shrinkRuns)} while shrinking)${cutShort.length ? `; cut short by the time limit: ${cutShort.join(", ")}` : ""}`,
    `fuzz: ${fivexx.length} 5xx found (route × class), ${new Set(fivexx.map((f) => f.signature)).size} distinct classes; ${failures.length - fivexx.length} error-shape failures; ${total((r) => r.bad)} failing answers in all`,
    ...[...skipped].map(([why, n]) => `fuzz: skipped ${n}: ${why}`),
    // How deep the run got, per route (answers by status): long, so only for `npm run fuzz`.
    ...(settings.campaign ? reports.map((r) => `fuzz:   ${r.route}: ${Object.entries(r.statuses).map(([status, n]) => `${status}×${n}`).join(" ")}`) : []),
  ];
  const byClass = new Map<string, string[]>();
  for (const f of failures) byClass.set(f.signature, [...(byClass.get(f.signature) ?? []), f.route]);
  for (const [signature, routes] of byClass) lines.push(`fuzz: class ${signature}: ${routes.join(", ")}`);
  failures.forEach((f, i) => {
    lines.push("", `fuzz: failure ${i + 1} of ${failures.length}: ${f.route}`, `  class: ${f.signature}`, describeCase(f.case), describeOutcome(f.outcome));
    // Campaign mode replays without time limits; -t takes a regular expression, hence the escaping.
    const pattern = f.route.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    lines.push(`  replay: FUZZ_SEED=${settings.seed} FUZZ_RUNS=${settings.runs} npm run fuzz -- -t '${pattern}'  (fast-check seed ${f.seed}, path "${f.path}", shrunk ${f.shrinks} times)`);
  });
  return lines.join("\n");
}
