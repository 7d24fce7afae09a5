// Latency to one region, the same way from a browser, the CLI and the benchmark: one warm-up
// request that opens the connection (not counted), then samples in sequence, each a GET of the
// region's /latency-check with a cache-busting query. How a single request is timed is the
// probe's business (Resource Timing in a browser, socket events in Node); everything else is here.
import { summarize, type LatencyStats } from "./stats";

export const DEFAULT_SAMPLES = 5;
/** A region that has not answered a request within this long is unreachable from here. */
export const DEFAULT_TIMEOUT_MS = 4_000;
/**
 * Samples of a fast region start at least this far apart, so they sample different moments: a
 * hiccup on the measuring machine (a garbage collection, a page render) spoils one sample, and
 * the median drops it, instead of spoiling a burst of back-to-back ones. A slow region's round
 * trip is longer than this anyway, so the slowest region (which decides when all are done) is
 * not slowed down.
 */
export const DEFAULT_SAMPLE_INTERVAL_MS = 100;

export interface ProbeResult {
  /** Round trip minus the processing time the endpoint announced. */
  ms: number;
  /** False when only wall time was available (no Resource Timing exposed): includes client overhead. */
  accurate: boolean;
  /** ALPN protocol of the connection ("http/1.1", "h2", "h3"), when known. */
  protocol: string | null;
}

/** Times one request to `url`; rejects when it fails or `signal` aborts. */
export type Probe = (url: string, signal: AbortSignal) => Promise<ProbeResult>;

export type RegionLatency =
  | ({ status: "measured"; accurate: boolean; protocol: string | null; measured_at: number } & LatencyStats)
  | { status: "unreachable"; reason: string; measured_at: number };

export interface MeasureOptions {
  probe: Probe;
  samples?: number;
  timeoutMs?: number;
  /** Minimum time between the starts of consecutive samples. */
  intervalMs?: number;
  signal?: AbortSignal;
  /** Resolves true when the connection was already warmed (see early-warmup.ts): skip the warm-up. */
  warmedUp?: Promise<boolean>;
  /** Called after each counted sample, for progress. */
  onSample?: (taken: number, of: number) => void;
  now?: () => number;
}

/** `{base}/latency-check?…`, whether or not the region's URL ends in a slash or has a path. */
export function latencyCheckUrl(baseUrl: string, nonce: string): string {
  const url = new URL(baseUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/latency-check`;
  url.search = `?nonce=${encodeURIComponent(nonce)}`;
  url.hash = "";
  return url.toString();
}

let counter = 0;
function nonce(): string {
  counter = (counter + 1) % 1e9;
  return `${Date.now().toString(36)}-${counter.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

export async function measureLatency(baseUrl: string, options: MeasureOptions): Promise<RegionLatency> {
  const { probe, samples = DEFAULT_SAMPLES, timeoutMs = DEFAULT_TIMEOUT_MS, intervalMs = DEFAULT_SAMPLE_INTERVAL_MS, now = Date.now } = options;
  const once = (): Promise<ProbeResult> => withTimeout((signal) => probe(latencyCheckUrl(baseUrl, nonce()), signal), timeoutMs, options.signal);
  try {
    if (!(await options.warmedUp)) await once(); // warm-up: DNS, TCP and TLS happen here, not in a sample
    const taken: ProbeResult[] = [];
    for (let i = 0, last = -Infinity; i < samples; i++) {
      await pause(last + intervalMs - performance.now(), options.signal);
      last = performance.now();
      taken.push(await once());
      options.onSample?.(i + 1, samples);
    }
    const stats = summarize(taken.map((t) => Math.max(0, t.ms)));
    return {
      status: "measured",
      ...stats,
      accurate: taken.every((t) => t.accurate),
      protocol: taken.find((t) => t.protocol)?.protocol ?? null,
      measured_at: now(),
    };
  } catch (err) {
    if (options.signal?.aborted) throw err;
    return { status: "unreachable", reason: describe(err, timeoutMs), measured_at: now() };
  }
}

class TimeoutError extends Error {}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });
}

async function withTimeout<T>(run: (signal: AbortSignal) => Promise<T>, timeoutMs: number, outer?: AbortSignal): Promise<T> {
  const controller = new AbortController();
  const abort = () => controller.abort(outer?.reason);
  outer?.addEventListener("abort", abort, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new TimeoutError());
    }, timeoutMs);
  });
  try {
    if (outer?.aborted) throw outer.reason ?? new DOMException("aborted", "AbortError");
    return await Promise.race([run(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener("abort", abort);
  }
}

function describe(err: unknown, timeoutMs: number): string {
  if (err instanceof TimeoutError) return `no answer within ${timeoutMs / 1000} s`;
  const message = err instanceof Error ? err.message : String(err);
  return message ? `request failed: ${message}` : "request failed";
}
