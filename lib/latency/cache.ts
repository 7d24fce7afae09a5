// Latency results kept in localStorage per region for a short time, so moving between pages (or
// reloading) does not measure again. Keyed by region id and the URL measured: a region that moved
// is measured afresh.
import type { RegionLatency } from "./measure";

export const LATENCY_CACHE_KEY = "meridian.latency.v1";
export const LATENCY_CACHE_TTL_MS = 2 * 60_000;

type Stored = Record<string, { url: string; latency: RegionLatency }>;

function storage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null; // storage disabled (a sandboxed iframe, privacy settings)
  }
}

function readAll(): Stored {
  try {
    const value = JSON.parse(storage()?.getItem(LATENCY_CACHE_KEY) ?? "{}");
    return value && typeof value === "object" ? (value as Stored) : {};
  } catch {
    return {};
  }
}

/** Every stored result still fresh at `now`, by region id, with the URL it was measured at. */
export function loadLatencies(now = Date.now()): Map<string, { url: string; latency: RegionLatency }> {
  const fresh = new Map<string, { url: string; latency: RegionLatency }>();
  for (const [id, entry] of Object.entries(readAll())) {
    const age = now - entry?.latency?.measured_at;
    if (typeof entry?.url === "string" && age >= 0 && age < LATENCY_CACHE_TTL_MS) fresh.set(id, entry);
  }
  return fresh;
}

/** Stores `entries` in place of what was stored (one write for a whole batch of results). */
export function saveLatencies(entries: ReadonlyMap<string, { url: string; latency: RegionLatency }>) {
  try {
    storage()?.setItem(LATENCY_CACHE_KEY, JSON.stringify(Object.fromEntries(entries)));
  } catch {
    // full or disabled: the result still shows, it is just measured again next time
  }
}
