// Times one latency-check request in a browser. The Resource Timing entry's
// `responseStart - requestStart` is the network's answer time, taken by the browser's network
// stack rather than by JavaScript, so a busy main thread or another region's answer arriving at
// the same moment does not distort it. The endpoint's announced processing time is subtracted.
// Without `Timing-Allow-Origin` the entry's timings are zero: then wall time is all there is,
// and the sample says it is less accurate.
import type { Probe } from "./measure";
import { processingFromEntries, processingFromHeader } from "./server-timing";

/** How long to wait for the browser to publish the Resource Timing entry after the body is read. */
const ENTRY_WAIT_MS = 1_000;

export const browserProbe: Probe = async (url, signal) => {
  const entry = resourceEntry(url);
  try {
    const started = performance.now();
    const res = await fetch(url, { credentials: "omit", cache: "no-store", mode: "cors", redirect: "error", signal });
    await res.arrayBuffer();
    const wall = performance.now() - started;
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const timing = await entry.wait(signal);
    if (timing && timing.requestStart > 0 && timing.responseStart >= timing.requestStart) {
      return {
        ms: timing.responseStart - timing.requestStart - processingFromEntries(timing.serverTiming),
        accurate: true,
        protocol: timing.nextHopProtocol || null,
      };
    }
    return { ms: wall - processingFromHeader(res.headers.get("server-timing")), accurate: false, protocol: timing?.nextHopProtocol || null };
  } finally {
    entry.stop();
  }
};

/**
 * Watches for `url`'s Resource Timing entry from before the request starts: an observer sees
 * entries even when the page's timing buffer is full, which a long-lived console page reaches.
 */
function resourceEntry(url: string) {
  let found: PerformanceResourceTiming | undefined;
  let notify: (() => void) | undefined;
  const observer =
    typeof PerformanceObserver === "undefined"
      ? undefined
      : new PerformanceObserver((list) => {
          const match = list.getEntriesByName(url).find((e): e is PerformanceResourceTiming => e.entryType === "resource");
          if (match) {
            found = match;
            notify?.();
          }
        });
  observer?.observe({ type: "resource", buffered: false });
  return {
    async wait(signal: AbortSignal): Promise<PerformanceResourceTiming | undefined> {
      found ??= performance.getEntriesByName(url, "resource").at(-1) as PerformanceResourceTiming | undefined;
      if (found || !observer) return found;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ENTRY_WAIT_MS);
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        notify = done;
        signal.addEventListener("abort", done, { once: true });
      });
      return found;
    },
    stop: () => observer?.disconnect(),
  };
}
