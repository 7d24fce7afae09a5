// Latency to one region, the same way from a browser, the CLI and the benchmark: one warm-up
// request that opens the connection (not counted), then samples in sequence (more while they
// disagree, where the caller allows), each a GET of the region's /latency-check with a
// cache-busting query. How a single request is timed is the
// probe's business (Resource Timing in a browser, socket events in Node); everything else is here.
import { summarize, type LatencyStats } from "./stats";

export const DEFAULT_SAMPLES = 5;
/**
 * With the default count, samples that disagree are taken again, up to this many in all. A
 * machine that is busy for a moment (a page rendering as it loads, a garbage collection) delays
 * the answers it stamps, so such samples read high; the ones taken after the moment passes agree
 * again, and the median moves back to the true latency instead of sitting on the spoiled ones.
 */
export const MAX_SAMPLES_WHEN_SPREAD = 2 * DEFAULT_SAMPLES;
/**
 * Samples beyond the count asked for start no later than this after the first one: about as long
 * as five samples of a 200 ms region take, so a near region sampled again does not become the
 * last one measured.
 */
export const EXTRA_SAMPLES_WITHIN_MS = 1_000;
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
  /** Take more samples, up to this many, while they disagree (see `agree`); `samples` unless said. */
  upTo?: number;
  /** Start no extra sample later than this after the first sample. */
  extraWithinMs?: number;
  timeoutMs?: number;
  /** Minimum time between the starts of consecutive samples. */
  intervalMs?: number;
  signal?: AbortSignal;
  /** Resolves to the round trip of a warm-up already made on an open connection (see early-warmup.ts): skip the warm-up. */
  warmedUp?: Promise<number | undefined>;
  /**
   * Awaited before each counted sample, given the round trip before it (the warm-up's or the last
   * sample's): the browser waits for its page to be idle.
   */
  beforeSample?: (previousMs: number) => Promise<(() => void) | void>;
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
  const upTo = Math.max(samples, options.upTo ?? samples);
  const extraWithinMs = options.extraWithinMs ?? EXTRA_SAMPLES_WITHIN_MS;
  const once = (): Promise<ProbeResult> => withTimeout((signal) => probe(latencyCheckUrl(baseUrl, nonce()), signal), timeoutMs, options.signal);
  try {
    // warm-up: DNS, TCP and TLS happen here, not in a sample
    const warmUpMs = (await options.warmedUp) ?? (await once()).ms;
    const taken: ProbeResult[] = [];
    const values = () => taken.map((t) => Math.max(0, t.ms));
    let first = Infinity;
    const another = () => taken.length < samples || (taken.length < upTo && performance.now() - first < extraWithinMs && !agree(values()));
    for (let last = -Infinity; another(); ) {
      await pause(last + intervalMs - performance.now(), options.signal);
      const done = await options.beforeSample?.(taken.at(-1)?.ms ?? warmUpMs);
      last = performance.now();
      first = Math.min(first, last);
      try {
        taken.push(await once());
      } finally {
        done?.();
      }
      options.onSample?.(taken.length, Math.max(samples, taken.length));
    }
    const stats = summarize(values());
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

/**
 * Samples agree when no more than (n − 3) / 2 of them (one of five, two of seven, three of nine)
 * are further from their median than the accuracy a measurement promises: max(1 ms, 3 %).
 */
export function agree(samples: readonly number[]): boolean {
  const median = summarize(samples).median_ms;
  const tolerance = Math.max(1, 0.03 * median);
  const strays = samples.filter((ms) => Math.abs(ms - median) > tolerance).length;
  return strays <= (samples.length - 3) / 2;
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
