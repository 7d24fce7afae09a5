// Human-readable durations, latencies and relative times for the console. Pure and
// locale-independent, so the server render and the browser's hydration print the same text.

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A duration as its two largest units: "45s", "12m 5s", "3h 12m", "2d 4h". Negative counts as 0. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / SECOND));
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3_600);
  const m = Math.floor((total % 3_600) / 60);
  const s = total % 60;
  if (d > 0) return h ? `${d}d ${h}h` : `${d}d`;
  if (h > 0) return m ? `${h}h ${m}m` : `${h}h`;
  if (m > 0) return s ? `${m}m ${s}s` : `${m}m`;
  return `${s}s`;
}

/** A count and its noun: "1 proxy", "2,000 proxies", "0 errors". */
export function formatCount(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? singular : plural}`;
}

/** A latency in milliseconds with as many decimals as it needs to say something: "0.04 ms", "0.4 ms", "12 ms", "1.5 s". */
export function formatLatencyMs(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "—";
  if (ms === 0) return "0 ms";
  if (ms < 0.1) return `${trim(ms.toFixed(2))} ms`;
  if (ms < 10) return `${trim(ms.toFixed(1))} ms`;
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  return `${trim((ms / 1_000).toFixed(1))} s`;
}

/** Database latency arrives in microseconds (as Coder stores it). */
export function formatLatencyUs(us: number): string {
  return formatLatencyMs(us / 1_000);
}

/** How long ago `then` was, relative to `now`: "just now", "12 s ago", "3 min ago", "2 h ago", "4 d ago". */
export function formatRelative(then: string | number | Date, now: number): string {
  const at = then instanceof Date ? then.getTime() : typeof then === "string" ? Date.parse(then) : then;
  if (Number.isNaN(at)) return "—";
  // A timestamp slightly in the future is clock skew between server and browser, not prophecy.
  const ago = now - at;
  if (ago < SECOND) return "just now";
  if (ago < MINUTE) return `${Math.floor(ago / SECOND)} s ago`;
  if (ago < HOUR) return `${Math.floor(ago / MINUTE)} min ago`;
  if (ago < DAY) return `${Math.floor(ago / HOUR)} h ago`;
  return `${Math.floor(ago / DAY)} d ago`;
}

/** An absolute UTC time for tooltips; fixed format so server and browser agree. */
export function formatTimestamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

function trim(fixed: string): string {
  return fixed.includes(".") ? fixed.replace(/\.?0+$/, "") : fixed;
}

/** The time a server render starts; pages pass it down so server and browser print the same relative times. */
export function renderTime(): number {
  return Date.now();
}
