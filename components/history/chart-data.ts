// Turns history answers into what the charts and their text alternatives draw: plain functions,
// no React, so they are tested alone. Times are UTC, as everywhere in the console.
import { PERIODS, type HistoryPeriod, type LatencyBucket, type ProxyHistory, type ReplicaHistory } from "@/lib/api/history";
import type { ProxyStatus } from "@/lib/api/proxies";
import { formatLatencyMs } from "@/lib/format";

export const STATUSES: readonly ProxyStatus[] = ["ok", "unhealthy", "unreachable", "unregistered"];

/** One x position of a chart: the bucket's start in ms, and a value per series (null: no sample). */
export type ChartRow = { t: number } & Record<string, number | null>;

const pad = (n: number) => String(n).padStart(2, "0");

/** An axis tick: the time of day within a day, the date over a week. */
export function tickLabel(t: number, period: HistoryPeriod): string {
  const d = new Date(t);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return period === "7d" ? `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` : time;
}

/** Ticks at round times (every 10 min, 4 h or day, UTC): six or seven across any period. */
const TICK_STEP_MS: Record<HistoryPeriod, number> = { "1h": 600_000, "24h": 4 * 3_600_000, "7d": 86_400_000 };

export function axisTicks([from, to]: [number, number], period: HistoryPeriod): number[] {
  const step = TICK_STEP_MS[period];
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) ticks.push(t);
  return ticks;
}

/** A bucket's start, in full, for tooltips and tables: "2026-01-01 11:59 UTC" (seconds in the 1 h view). */
export function bucketLabel(t: number, period: HistoryPeriod): string {
  const iso = new Date(t).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, period === "1h" ? 19 : 16)} UTC`;
}

/** "30 s buckets", "5 min buckets". */
export function bucketWidth(period: HistoryPeriod): string {
  const seconds = PERIODS[period].bucketMs / 1000;
  return seconds < 60 ? `${seconds} s buckets` : `${seconds / 60} min buckets`;
}

export const checksIn = (b: ProxyHistory["buckets"][number]) => b.ok + b.unhealthy + b.unreachable + b.unregistered;

/** Every bucket's checks by status: an empty bucket is a gap in the timeline (nothing was checked). */
export function statusRows(history: ProxyHistory): ChartRow[] {
  return history.buckets.map((b) => ({ t: Date.parse(b.at), ok: b.ok, unhealthy: b.unhealthy, unreachable: b.unreachable, unregistered: b.unregistered }));
}

/**
 * The check latency of the buckets that hold checks. Buckets without any are left out, so the
 * line runs on when the health interval is longer than a bucket; checks without an answer (an
 * unreachable proxy) are null, so an outage breaks the line.
 */
export function proxyLatencyRows(history: ProxyHistory): ChartRow[] {
  return history.buckets.filter((b) => checksIn(b) > 0).map((b) => ({ t: Date.parse(b.at), p50: b.latency_p50_ms, max: b.latency_max_ms }));
}

/** The database's median and maximum, and each peer's median under its replica id, per bucket. */
export function replicaRows(history: ReplicaHistory): ChartRow[] {
  return history.database.map((b, i) => {
    const row: ChartRow = { t: Date.parse(b.at), p50: b.latency_p50_ms, max: b.latency_max_ms };
    for (const peer of history.peers) row[peer.replica_id] = peer.buckets[i]?.latency_p50_ms ?? null;
    return row;
  });
}

export function sampleCount(history: ReplicaHistory): number {
  return [history.database, ...history.peers.map((p) => p.buckets)].flat().reduce((n, b) => n + b.samples, 0);
}

/** "median 3–12 ms, highest 40 ms" over the buckets that have a latency; null when none has. */
export function latencyRange(buckets: Pick<LatencyBucket, "latency_p50_ms" | "latency_max_ms">[]): string | null {
  const medians = buckets.map((b) => b.latency_p50_ms).filter((v): v is number => v !== null);
  const maxima = buckets.map((b) => b.latency_max_ms).filter((v): v is number => v !== null);
  if (!medians.length) return null;
  const [low, high] = [Math.min(...medians), Math.max(...medians)];
  const median = low === high ? formatLatencyMs(low) : `${formatLatencyMs(low)} to ${formatLatencyMs(high)}`;
  return `median ${median} per bucket, highest ${formatLatencyMs(Math.max(...maxima))}`;
}

/** What the status chart shows, in words: "287 checks: 280 ok, 7 unreachable." */
export function statusSummary(history: ProxyHistory): string {
  const totals = STATUSES.map((s) => [s, history.buckets.reduce((n, b) => n + b[s], 0)] as const).filter(([, n]) => n > 0);
  const all = totals.reduce((n, [, c]) => n + c, 0);
  return `${all} ${all === 1 ? "check" : "checks"}: ${totals.map(([s, n]) => `${n} ${s}`).join(", ")}.`;
}

/** "1 sample" / "12 samples". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
