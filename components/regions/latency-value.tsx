// A region's latency from this browser as a person reads it: a number coloured by band (the
// band is also spelled out for screen readers), marked "≈" when only wall time was available, or
// why there is no number.
import { formatLatencyMs } from "@/lib/format";
import { latencyBand, type LatencyBand } from "@/lib/latency/bands";
import type { RegionLatency } from "@/lib/latency/measure";

const BAND_TEXT: Record<LatencyBand, string> = {
  good: "text-emerald-700 dark:text-emerald-300",
  fair: "text-amber-700 dark:text-amber-300",
  poor: "text-red-700 dark:text-red-300",
};

const BAND_WORD: Record<LatencyBand, string> = { good: "fast", fair: "fair", poor: "slow" };

export function LatencyValue({ latency, canMeasure = true }: { latency: RegionLatency | undefined; canMeasure?: boolean }) {
  if (!canMeasure) return <span className="text-sm text-zinc-600 dark:text-zinc-400">No URL yet</span>;
  if (!latency) {
    return (
      <span className="inline-flex items-center gap-1.5 text-sm text-zinc-600 dark:text-zinc-400">
        <span aria-hidden="true" className="size-1.5 rounded-full bg-indigo-500 motion-safe:animate-pulse" />
        Measuring…
      </span>
    );
  }
  if (latency.status === "unreachable") {
    return (
      <span className="text-sm font-medium text-red-700 dark:text-red-300" title={latency.reason}>
        Unreachable from this browser
      </span>
    );
  }
  const band = latencyBand(latency.median_ms);
  return (
    <span className={`text-sm font-semibold tabular-nums ${BAND_TEXT[band]}`} title={latency.accurate ? undefined : "Wall-clock time: this region does not expose Resource Timing, so the value includes browser overhead."}>
      {latency.accurate ? "" : "≈ "}
      {formatLatencyMs(latency.median_ms)}
      <span className="sr-only"> ({BAND_WORD[band]}{latency.accurate ? "" : ", less accurate"})</span>
    </span>
  );
}

/** min–max, jitter, samples and protocol, for the detailed list. */
export function LatencyDetails({ latency }: { latency: RegionLatency | undefined }) {
  if (!latency) return null;
  if (latency.status === "unreachable") return <span>{latency.reason}</span>;
  const parts = [
    `${formatLatencyMs(latency.min_ms)}–${formatLatencyMs(latency.max_ms)}`,
    `jitter ${formatLatencyMs(latency.jitter_ms)}`,
    `${latency.samples} samples`,
    ...(latency.protocol ? [latency.protocol.toUpperCase().replace(/^HTTP\/1\.1$/, "HTTP/1.1")] : []),
    ...(latency.accurate ? [] : ["wall-clock"]),
  ];
  return <span>{parts.join(" · ")}</span>;
}
