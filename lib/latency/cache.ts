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

export function cachedLatency(regionId: string, url: string, now = Date.now()): RegionLatency | undefined {
  const entry = readAll()[regionId];
  if (!entry || entry.url !== url || typeof entry.latency?.measured_at !== "number") return undefined;
  const age = now - entry.latency.measured_at;
  return age >= 0 && age < LATENCY_CACHE_TTL_MS ? entry.latency : undefined;
}

export function storeLatency(regionId: string, url: string, latency: RegionLatency, now = Date.now()) {
  const all = readAll();
  for (const [id, entry] of Object.entries(all)) if (!(now - entry.latency?.measured_at < LATENCY_CACHE_TTL_MS)) delete all[id];
  all[regionId] = { url, latency };
  try {
    storage()?.setItem(LATENCY_CACHE_KEY, JSON.stringify(all));
  } catch {
    // full or disabled: the result still shows, it is just measured again next time
  }
}

export function clearLatencyCache() {
  try {
    storage()?.removeItem(LATENCY_CACHE_KEY);
  } catch {
    // nothing to clear
  }
}
