// Which region a user works through. Automatic: the healthy region with the lowest median
// latency from here, kept until another is clearly faster (so near-equal regions do not flap),
// and replaced — with a reason the user is told — when it stops being usable. Manual: the user's
// region, kept whatever happens; if it is not usable, say why and name the best alternative.
import type { Region } from "@/lib/api/proxies";
import type { RegionLatency } from "@/lib/latency/measure";

/** Another region must be faster by more than this to replace the current automatic one. */
export const HYSTERESIS = { minMs: 5, ratio: 0.1 } as const;

export type Latencies = Readonly<Record<string, RegionLatency | undefined>>;

/** Why a chosen region cannot be used right now. */
export type Problem = "unhealthy" | "unreachable" | "gone";

export interface AutomaticChoice {
  /** null while nothing usable has been measured yet. */
  region: Region | null;
  /** Set when the previous automatic region stopped being usable and was replaced. */
  replaced?: { id: string; region: Region | null; problem: Problem };
}

export interface ManualChoice {
  /** null when the chosen region no longer exists. */
  region: Region | null;
  problem: Problem | null;
  /** The best usable region other than the chosen one, to offer when there is a problem. */
  alternative: Region | null;
}

function median(latencies: Latencies, id: string): number | undefined {
  const l = latencies[id];
  return l?.status === "measured" ? l.median_ms : undefined;
}

function problemOf(region: Region | undefined, latencies: Latencies): Problem | null {
  if (!region) return "gone";
  if (!region.healthy) return "unhealthy";
  if (latencies[region.id]?.status === "unreachable") return "unreachable";
  return null;
}

/** The usable region with the lowest median, optionally leaving one out. */
export function fastest(regions: readonly Region[], latencies: Latencies, except?: string): Region | null {
  let best: Region | null = null;
  for (const region of regions) {
    const ms = median(latencies, region.id);
    if (region.id === except || !region.healthy || ms === undefined) continue;
    if (best === null || ms < median(latencies, best.id)!) best = region;
  }
  return best;
}

export function chooseAutomatic(regions: readonly Region[], latencies: Latencies, previousId: string | null): AutomaticChoice {
  const best = fastest(regions, latencies);
  if (previousId === null) return { region: best };
  const previous = regions.find((r) => r.id === previousId);
  const problem = problemOf(previous, latencies);
  if (problem) return { region: best, replaced: { id: previousId, region: previous ?? null, problem } };
  const current = median(latencies, previousId);
  // Still healthy but not measured yet (a fresh page): keep it until there is something to compare.
  if (current === undefined || best === null) return { region: previous! };
  const margin = Math.max(HYSTERESIS.minMs, HYSTERESIS.ratio * current);
  return { region: current - median(latencies, best.id)! > margin ? best : previous! };
}

export function evaluateManual(regions: readonly Region[], latencies: Latencies, chosenId: string): ManualChoice {
  const region = regions.find((r) => r.id === chosenId) ?? null;
  const problem = problemOf(region ?? undefined, latencies);
  return { region, problem, alternative: problem ? fastest(regions, latencies, chosenId) : null };
}

/** Usable regions by median first, then the rest by name: the order a person would pick in. */
export function rankRegions(regions: readonly Region[], latencies: Latencies): Region[] {
  const key = (r: Region) => {
    const ms = median(latencies, r.id);
    return r.healthy && ms !== undefined ? ms : Number.POSITIVE_INFINITY;
  };
  return [...regions].sort((a, b) => key(a) - key(b) || a.name.localeCompare(b.name));
}
