// This browser's latency to every region a page shows, without React: measured at most
// MAX_CONCURRENT_MEASUREMENTS at a time, kept in localStorage for LATENCY_CACHE_TTL_MS and measured
// again when that runs out, and handed out as one snapshot that changes at most once per batch.
// One query per region made every result a render of everything that reads latency, and every
// render walk all of them: with 2,000 regions the page stayed busy for seconds after it loaded.
import { browserProbe } from "./browser-probe";
import { LATENCY_CACHE_TTL_MS, loadLatencies, saveLatencies } from "./cache";
import { earlyWarmedRegions, takeEarlyWarmup } from "./early-warmup";
import { MAX_SAMPLES_WHEN_SPREAD, measureLatency, type RegionLatency } from "./measure";
import { MAX_CONCURRENT_MEASUREMENTS } from "./slots";
import { beforeNearSample } from "./near-samples";

export interface MeasuredRegion {
  id: string;
  path_app_url: string;
}

export interface LatencySnapshot {
  /** By region id: the latest result for the region's current URL. */
  latencies: Readonly<Record<string, RegionLatency>>;
  /** Regions being measured or waiting to be. */
  active: number;
  /** Regions tracked (the ones with a URL). */
  total: number;
}

export interface LatencyStoreOptions {
  measure: (url: string, signal: AbortSignal) => Promise<RegionLatency>;
  concurrency?: number;
  /** Results arriving within this long of each other reach subscribers together. */
  batchMs?: number;
  ttlMs?: number;
  /** Where results survive a reload; localStorage unless said. */
  storage?: { load(): Map<string, { url: string; latency: RegionLatency }>; save(entries: ReadonlyMap<string, { url: string; latency: RegionLatency }>): void };
  now?: () => number;
}

export interface LatencyStore {
  /** Measures what `regions` need (nothing that has a fresh result); regions left out stop being measured. */
  track(regions: readonly MeasuredRegion[]): void;
  /** Forgets every result and measures every tracked region now. */
  remeasure(): void;
  subscribe(listener: () => void): () => void;
  getSnapshot(): LatencySnapshot;
  /** Stops every measurement and timer (the page is going away); `track` starts again. */
  stop(): void;
}

const EMPTY: LatencySnapshot = { latencies: {}, active: 0, total: 0 };

export function createLatencyStore(options: LatencyStoreOptions): LatencyStore {
  const { measure, concurrency = MAX_CONCURRENT_MEASUREMENTS, batchMs = 100, ttlMs = LATENCY_CACHE_TTL_MS, now = Date.now } = options;
  const storage = options.storage ?? { load: () => loadLatencies(now()), save: saveLatencies };
  let results: Map<string, { url: string; latency: RegionLatency }> | undefined; // loaded on first use, in the browser only
  let tracked = new Map<string, string>(); // region id → URL
  const queue = new Set<string>(); // waiting, in order
  const running = new Map<string, AbortController>();
  const listeners = new Set<() => void>();
  let snapshot = EMPTY;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let expiryTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let unsaved = false;

  const stored = () => (results ??= storage.load());
  const fresh = (id: string) => {
    const entry = stored().get(id);
    return entry !== undefined && entry.url === tracked.get(id) && now() - entry.latency.measured_at < ttlMs;
  };

  const flush = () => {
    clearTimeout(flushTimer);
    flushTimer = undefined;
    if (unsaved) storage.save(stored()); // one write per batch: the whole map is serialised each time
    unsaved = false;
    const latencies: Record<string, RegionLatency> = {};
    for (const [id, url] of tracked) {
      const entry = stored().get(id);
      if (entry?.url === url) latencies[id] = entry.latency;
    }
    snapshot = { latencies, active: queue.size + running.size, total: tracked.size };
    listeners.forEach((listener) => listener());
  };
  const changed = () => {
    if (stopped) return;
    // The last result of a round shows at once: nothing else is coming to batch it with.
    if (queue.size === 0 && running.size === 0) flush();
    else flushTimer ??= setTimeout(flush, batchMs);
  };

  const pump = () => {
    while (!stopped && running.size < concurrency && queue.size > 0) {
      const id: string = queue.values().next().value!;
      queue.delete(id);
      const url = tracked.get(id);
      if (url === undefined || running.has(id)) continue;
      const controller = new AbortController();
      running.set(id, controller);
      void measure(url, controller.signal)
        .then(
          (latency) => {
            if (controller.signal.aborted) return;
            stored().set(id, { url, latency });
            unsaved = true;
          },
          () => {}, // measureLatency reports failures as results; an abort is not one
        )
        .finally(() => {
          if (running.get(id) === controller) running.delete(id);
          pump();
          scheduleExpiry();
          changed();
        });
    }
  };

  const enqueue = (id: string) => {
    if (!running.has(id)) queue.add(id);
  };

  /** Wakes up when the oldest tracked result runs out, and measures whatever has. */
  const scheduleExpiry = () => {
    clearTimeout(expiryTimer);
    if (stopped) return;
    let next = Infinity;
    for (const id of tracked.keys()) {
      const entry = stored().get(id);
      if (entry && !running.has(id)) next = Math.min(next, entry.latency.measured_at + ttlMs);
    }
    if (next === Infinity) return;
    expiryTimer = setTimeout(() => {
      for (const id of tracked.keys()) if (!fresh(id)) enqueue(id);
      pump();
      scheduleExpiry();
      changed();
    }, Math.max(0, next - now()));
  };

  return {
    track(regions) {
      stopped = false;
      const next = new Map(regions.filter((r) => r.path_app_url).map((r) => [r.id, r.path_app_url]));
      // A region gone, or moved to another URL, stops being measured where it was.
      for (const [id, controller] of running) {
        if (next.get(id) === tracked.get(id)) continue;
        controller.abort();
        running.delete(id);
      }
      tracked = next;
      for (const id of queue) if (!tracked.has(id)) queue.delete(id);
      for (const id of tracked.keys()) if (!fresh(id)) enqueue(id);
      pump();
      scheduleExpiry();
      flush(); // what is known shows at once; results then come in batches
    },
    remeasure() {
      running.forEach((controller) => controller.abort());
      running.clear();
      queue.clear();
      stored().clear();
      unsaved = true;
      for (const id of tracked.keys()) enqueue(id);
      pump();
      flush();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    stop() {
      stopped = true;
      if (unsaved) storage.save(stored());
      unsaved = false;
      running.forEach((controller) => controller.abort());
      running.clear();
      queue.clear();
      clearTimeout(flushTimer);
      flushTimer = undefined;
      clearTimeout(expiryTimer);
    },
  };
}

/** The snapshot before any region is tracked (the server's render, and hydration). */
export const NO_LATENCIES = EMPTY;

let pageStore: LatencyStore | undefined;

/**
 * The page's store, measuring from this browser with the method (lib/latency/measure.ts).
 * One per page, so what measureEarly started carries on in the picker (a new one per server render).
 */
export function browserLatencyStore(): LatencyStore {
  const create = () => createLatencyStore({ measure: (url, signal) => measureLatency(url, { probe: browserProbe, signal, warmedUp: takeEarlyWarmup(url), beforeSample: beforeNearSample, upTo: MAX_SAMPLES_WHEN_SPREAD }) });
  if (typeof window === "undefined") return create();
  return (pageStore ??= create());
}

/**
 * Starts measuring the regions the layout's inline script warmed up, before React hydrates (run
 * from instrumentation-client.ts). The slowest region decides when every region is measured, and
 * its samples need not wait for the page to hydrate; the picker then tracks the full list, and a
 * region already being measured carries on.
 */
export function measureEarly() {
  const regions = earlyWarmedRegions();
  if (regions.length === 0) return;
  const store = browserLatencyStore();
  if (store.getSnapshot().total === 0) store.track(regions);
}
