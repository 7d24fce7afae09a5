// Loads one URL with autocannon (a warm-up whose numbers are thrown away, then the measured
// run) and prints the results as a table with Meridian/baseline ratios.
import autocannon from "autocannon";

export interface LoadOptions {
  connections: number;
  warmupSeconds: number;
  seconds: number;
}

export interface Measurement {
  server: string;
  path: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  requests: number;
}

export async function measure(server: string, base: string, path: string, o: LoadOptions): Promise<Measurement> {
  const url = base + path;
  if (o.warmupSeconds > 0) await autocannon({ url, connections: o.connections, duration: o.warmupSeconds });
  const r = await autocannon({ url, connections: o.connections, duration: o.seconds, timeout: 10 });
  return {
    server,
    path,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    // autocannon counts timeouts among errors.
    errors: r.errors,
    non2xx: r.non2xx,
    requests: r.latency.totalCount,
  };
}

export const TARGETS = { throughputRatio: 0.5, p99Ms: 50, coldStartMs: 5_000 };

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

const met = (ok: boolean) => (ok ? "met" : "MISSED");

export function report(results: Measurement[]): string {
  const rows = results.map((m) => [m.server, m.path, m.rps.toFixed(0), `${m.p50} ms`, `${m.p99} ms`, String(m.errors), String(m.non2xx), String(m.requests)]);
  const out = [table(["server", "path", "req/s", "p50", "p99", "errors", "non-2xx", "requests"], rows), ""];
  for (const path of [...new Set(results.map((r) => r.path))]) {
    const m = results.find((r) => r.path === path && r.server === "meridian");
    const b = results.find((r) => r.path === path && r.server === "baseline");
    if (!m || !b) continue;
    const throughput = m.rps / b.rps;
    out.push(
      `${path}: Meridian/baseline throughput ${throughput.toFixed(2)}x (target >= ${TARGETS.throughputRatio}x: ${met(throughput >= TARGETS.throughputRatio)}), ` +
        `p99 ${(m.p99 / b.p99).toFixed(2)}x; Meridian p99 ${m.p99} ms (target <= ${TARGETS.p99Ms} ms: ${met(m.p99 <= TARGETS.p99Ms)})`,
    );
  }
  return out.join("\n");
}
