import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { RegionLatency } from "./measure";
import { createLatencyStore, type LatencyStoreOptions } from "./store";

const TTL = 60_000;
const region = (n: number) => ({ id: `r${n}`, path_app_url: `http://127.0.0.1:${9000 + n}` });
const result = (ms: number): RegionLatency => ({ status: "measured", accurate: true, protocol: "http/1.1", measured_at: Date.now(), median_ms: ms, min_ms: ms, max_ms: ms, jitter_ms: 0, samples: 5 });

/** A measure function whose calls the test answers, and a storage that lives in a variable. */
function harness(options: Partial<LatencyStoreOptions> = {}) {
  const calls: { url: string; signal: AbortSignal; answer: (ms: number) => void }[] = [];
  let saved = new Map<string, { url: string; latency: RegionLatency }>();
  const store = createLatencyStore({
    measure: (url, signal) => new Promise((resolve) => calls.push({ url, signal, answer: (ms) => resolve(result(ms)) })),
    concurrency: 2,
    batchMs: 50,
    ttlMs: TTL,
    storage: { load: () => new Map(saved), save: (entries) => (saved = new Map(entries)) },
    ...options,
  });
  const notified = vi.fn();
  store.subscribe(notified);
  return { store, calls, notified, saved: () => saved, preload: (entries: typeof saved) => (saved = entries) };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("the latency store", () => {
  it("measures every region, a few at a time, and hands results over in batches", async () => {
    const { store, calls, notified } = harness();
    store.track([region(1), region(2), region(3)]);
    expect(calls.map((c) => c.url)).toEqual([region(1).path_app_url, region(2).path_app_url]);
    expect(store.getSnapshot()).toMatchObject({ active: 3, total: 3, latencies: {} });
    notified.mockClear();
    calls[0].answer(10);
    calls[1].answer(20);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(3); // the freed slots went to the third region
    expect(notified).not.toHaveBeenCalled(); // not yet: results are batched
    await vi.advanceTimersByTimeAsync(50);
    expect(notified).toHaveBeenCalledTimes(1);
    expect(store.getSnapshot()).toMatchObject({ active: 1, latencies: { r1: { median_ms: 10 }, r2: { median_ms: 20 } } });
  });

  it("hands the last result of a round over at once, without waiting for the batch", async () => {
    const { store, calls, notified } = harness();
    store.track([region(1), region(2)]);
    notified.mockClear();
    calls[0].answer(10);
    await vi.advanceTimersByTimeAsync(0);
    expect(notified).not.toHaveBeenCalled(); // r2 is still running: r1's result waits for the batch
    calls[1].answer(20);
    await vi.advanceTimersByTimeAsync(0);
    expect(notified).toHaveBeenCalledTimes(1);
    expect(store.getSnapshot()).toMatchObject({ active: 0, latencies: { r1: { median_ms: 10 }, r2: { median_ms: 20 } } });
  });

  it("does not measure a region with a fresh stored result, and measures it again when the result runs out", async () => {
    const h = harness();
    h.preload(new Map([["r1", { url: region(1).path_app_url, latency: result(42) }]]));
    h.store.track([region(1)]);
    expect(h.calls).toHaveLength(0);
    expect(h.store.getSnapshot().latencies.r1).toMatchObject({ median_ms: 42 });
    await vi.advanceTimersByTimeAsync(TTL);
    expect(h.calls).toHaveLength(1);
    // The old result stays on screen while the new one is taken.
    expect(h.store.getSnapshot().latencies.r1).toMatchObject({ median_ms: 42 });
    h.calls[0].answer(7);
    await vi.advanceTimersByTimeAsync(50);
    expect(h.store.getSnapshot().latencies.r1).toMatchObject({ median_ms: 7 });
    expect(h.saved().get("r1")?.latency).toMatchObject({ median_ms: 7 });
  });

  it("a region that moved to another URL is measured at the new one", () => {
    const h = harness();
    h.preload(new Map([["r1", { url: "http://127.0.0.1:1", latency: result(42) }]]));
    h.store.track([region(1)]);
    expect(h.calls.map((c) => c.url)).toEqual([region(1).path_app_url]);
    expect(h.store.getSnapshot().latencies.r1).toBeUndefined();
  });

  it("'Measure again' forgets every result and measures all regions now", async () => {
    const h = harness();
    h.store.track([region(1)]);
    h.calls[0].answer(10);
    await vi.advanceTimersByTimeAsync(50);
    h.store.remeasure();
    expect(h.calls).toHaveLength(2);
    expect(h.store.getSnapshot()).toMatchObject({ active: 1, latencies: {} });
  });

  it("stops measuring regions that are no longer shown, and everything when stopped", async () => {
    const h = harness();
    h.store.track([region(1), region(2), region(3)]);
    h.store.track([region(2)]);
    expect(h.calls[0].signal.aborted).toBe(true);
    expect(h.calls[1].signal.aborted).toBe(false);
    h.calls[0].answer(1); // an aborted measurement's late answer is dropped
    await vi.advanceTimersByTimeAsync(50);
    expect(h.calls).toHaveLength(2); // r3 left the queue without being measured
    expect(h.store.getSnapshot()).toMatchObject({ total: 1, active: 1, latencies: {} });
    h.store.stop();
    expect(h.calls[1].signal.aborted).toBe(true);
  });
});
