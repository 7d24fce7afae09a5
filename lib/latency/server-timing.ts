// The `Server-Timing` metric a latency-check endpoint announces its own processing time in. The
// measuring side subtracts it: what is left is the network (and, for a simulated region, the
// distance it stands for, which is deliberately not announced).

export const PROCESSING_METRIC = "processing";

/** `processing;dur=0.123` for a header value. */
export function processingHeader(ms: number): string {
  return `${PROCESSING_METRIC};dur=${Math.max(0, ms).toFixed(3)}`;
}

/** The announced processing time in ms from parsed entries (Resource Timing's `serverTiming`), 0 when absent. */
export function processingFromEntries(entries: readonly { name: string; duration: number }[] | undefined): number {
  const entry = entries?.find((e) => e.name === PROCESSING_METRIC);
  return entry && Number.isFinite(entry.duration) && entry.duration > 0 ? entry.duration : 0;
}

/** The same from a raw header value (`a;dur=1, processing;dur=0.2;desc="x"`), 0 when absent or malformed. */
export function processingFromHeader(header: string | null | undefined): number {
  if (!header) return 0;
  const entries = header.split(",").map((metric) => {
    const [name, ...params] = metric.split(";").map((p) => p.trim());
    const dur = params.map((p) => /^dur=([0-9.]+)$/i.exec(p)?.[1]).find((v) => v !== undefined);
    return { name, duration: dur === undefined ? 0 : Number(dur) };
  });
  return processingFromEntries(entries);
}
