// How a latency reads to a person: the three colour bands of the region picker, defined once.

export const LATENCY_BANDS = { good: 150, fair: 300 } as const;

export type LatencyBand = "good" | "fair" | "poor";

/** < 150 ms good, 150–299 ms fair, ≥ 300 ms poor. */
export function latencyBand(ms: number): LatencyBand {
  if (ms < LATENCY_BANDS.good) return "good";
  if (ms < LATENCY_BANDS.fair) return "fair";
  return "poor";
}
