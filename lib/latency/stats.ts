// What a handful of latency samples add up to. Pure, so the browser, the CLI and the benchmark
// summarise the same way.

export interface LatencyStats {
  median_ms: number;
  min_ms: number;
  max_ms: number;
  /** Mean absolute difference between consecutive samples (RFC 3550's idea of jitter, unsmoothed). */
  jitter_ms: number;
  samples: number;
}

/** `samples` in the order they were taken; at least one. */
export function summarize(samples: readonly number[]): LatencyStats {
  if (samples.length === 0) throw new RangeError("summarize needs at least one sample");
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  let jitter = 0;
  for (let i = 1; i < samples.length; i++) jitter += Math.abs(samples[i] - samples[i - 1]);
  return {
    median_ms: round(median),
    min_ms: round(sorted[0]),
    max_ms: round(sorted[sorted.length - 1]),
    jitter_ms: round(samples.length > 1 ? jitter / (samples.length - 1) : 0),
    samples: samples.length,
  };
}

/** Hundredths of a millisecond: finer than any network can tell, coarse enough to read. */
function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
