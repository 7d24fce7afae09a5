// Loads one URL with autocannon (a warm-up whose numbers are thrown away, then the measured
// run) and prints the results as a table with Meridian/baseline ratios and the cost of
// authentication.
import autocannon from "autocannon";
import type { Auth } from "./auth";

export interface LoadOptions {
  connections: number;
  warmupSeconds: number;
  seconds: number;
}

export interface Measurement {
  server: string;
  path: string;
  /** How Meridian's requests were authenticated; the baseline is always "none". */
  auth: Auth;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  requests: number;
}

export async function measure(server: string, base: string, path: string, auth: Auth, headers: Record<string, string>, o: LoadOptions): Promise<Measurement> {
  const url = base + path;
  if (o.warmupSeconds > 0) await autocannon({ url, headers, connections: o.connections, duration: o.warmupSeconds });
  const run = autocannon({ url, headers, connections: o.connections, duration: o.seconds, timeout: 10 });
  // autocannon's histogram keeps whole milliseconds, too coarse for a 3 ms median: the answer
  // times it reports with each response (from process.hrtime) are kept here as they are.
  const times: number[] = [];
  run.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => times.push(responseTime));
  const r = await run;
  const sorted = Float64Array.from(times).sort();
  const percentile = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  return {
    server,
    path,
    auth,
    rps: r.requests.average,
    p50: percentile(0.5),
    p99: percentile(0.99),
    // autocannon counts timeouts among errors.
    errors: r.errors,
    non2xx: r.non2xx,
    requests: r.latency.totalCount,
  };
}

export const TARGETS = { throughputRatio: 0.5, p99Ms: 50, coldStartMs: 5_000, authP50Overhead: 0.2 };

/**
 * The public route whose with/without-credentials pair isolates the cost of authentication. It
 * is loaded with the ETag of the document it serves, so it answers a bodiless 304 (counted in
 * the non-2xx column) after authenticating whatever credentials arrive: no database, no body.
 */
export const AUTH_PROBE = "/api/v2/openapi.json";

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

const met = (ok: boolean) => (ok ? "met" : "MISSED");
const ms = (v: number) => `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms`;
const pct = (v: number) => `${v >= 0 ? "+" : ""}${(v * 100).toFixed(0)}%`;

export function report(results: Measurement[]): string {
  const rows = results.map((m) => [m.server, m.path, m.auth, m.rps.toFixed(0), ms(m.p50), ms(m.p99), String(m.errors), String(m.non2xx), String(m.requests)]);
  const out = [table(["server", "path", "auth", "req/s", "p50", "p99", "errors", "non-2xx", "requests"], rows), ""];
  for (const path of [...new Set(results.map((r) => r.path))]) {
    const b = results.find((r) => r.path === path && r.server === "baseline");
    if (!b) continue;
    for (const m of results.filter((r) => r.path === path && r.server === "meridian")) {
      const throughput = m.rps / b.rps;
      out.push(
        `${path} (Meridian with ${m.auth}): Meridian/baseline throughput ${throughput.toFixed(2)}x (target >= ${TARGETS.throughputRatio}x: ${met(throughput >= TARGETS.throughputRatio)}), ` +
          `p99 ${(m.p99 / b.p99).toFixed(2)}x; Meridian p99 ${ms(m.p99)} (target <= ${TARGETS.p99Ms} ms: ${met(m.p99 <= TARGETS.p99Ms)})`,
      );
    }
  }
  const overhead = authOverhead(results);
  if (overhead.length) out.push("", ...overhead);
  return out.join("\n");
}

/**
 * Meridian has no unauthenticated /api/v2/regions any more, so the cost of authentication is
 * measured on AUTH_PROBE, a public route that authenticates whatever credentials arrive (the
 * same identify() call, the same token or session lookup as /api/v2/regions) and answers
 * without them too. The with/without difference there is the cost of authentication alone;
 * the unauthenticated regions p50 is estimated as the authenticated one minus that difference.
 */
export function authOverhead(results: Measurement[]): string[] {
  const probe = (auth: Auth) => results.find((r) => r.server === "meridian" && r.path === AUTH_PROBE && r.auth === auth);
  const regions = (auth: Auth) => results.find((r) => r.server === "meridian" && r.path === "/api/v2/regions" && r.auth === auth);
  const none = probe("none");
  if (!none) return [];
  const out: string[] = [];
  for (const auth of ["token", "cookie"] as const) {
    const withAuth = probe(auth);
    if (!withAuth) continue;
    const dP50 = withAuth.p50 - none.p50;
    // Per-request server time: under saturation 1/req/s is what one request costs the server.
    const dServiceMs = 1000 / withAuth.rps - 1000 / none.rps;
    let line =
      `authentication by ${auth}: ${AUTH_PROBE} p50 ${ms(withAuth.p50)} with it vs ${ms(none.p50)} without (${dP50 >= 0 ? "+" : ""}${ms(dP50)}, ${pct(dP50 / none.p50)}); ` +
      `per-request server time ${(1000 / withAuth.rps).toFixed(2)} ms vs ${(1000 / none.rps).toFixed(2)} ms (${dServiceMs >= 0 ? "+" : ""}${dServiceMs.toFixed(2)} ms)`;
    const r = regions(auth);
    if (r) {
      const unauthenticated = r.p50 - dP50;
      const share = dP50 / unauthenticated;
      const serviceShare = dServiceMs / (1000 / r.rps - dServiceMs);
      line +=
        `\n  => GET /api/v2/regions with ${auth}: p50 ${ms(r.p50)}, of which authentication ~${ms(dP50)}: ` +
        `adds ${pct(share)} to the estimated unauthenticated p50 of ${ms(unauthenticated)} (target < +${TARGETS.authP50Overhead * 100}%: ${met(share < TARGETS.authP50Overhead)}); ` +
        `by per-request server time ${pct(serviceShare)}`;
    }
    out.push(line);
  }
  return out;
}

/**
 * The in-process cost of authentication (bench/api.ts, authInProcess) against the regions p50
 * under load: the share the target is about, without the load's noise in the subtraction.
 */
export function authReport(micros: Record<Auth, number>, results: Measurement[]): string {
  const lines = [`authentication in-process (identify(), median of 3 rounds): none ${micros.none.toFixed(1)} µs, token ${micros.token.toFixed(1)} µs, cookie ${micros.cookie.toFixed(1)} µs per request`];
  for (const auth of ["token", "cookie"] as const) {
    const regions = results.find((r) => r.server === "meridian" && r.path === "/api/v2/regions" && r.auth === auth);
    if (!regions) continue;
    const share = (micros[auth] - micros.none) / 1000 / regions.p50;
    lines.push(`  => by ${auth}: ${((micros[auth] - micros.none)).toFixed(1)} µs of the /api/v2/regions p50 of ${ms(regions.p50)} = ${(share * 100).toFixed(2)}% (target < ${TARGETS.authP50Overhead * 100}%: ${met(share < TARGETS.authP50Overhead)})`);
  }
  return lines.join("\n");
}
