// Warming the connections while the page is still loading. The console's layout knows the
// regions when it renders, so an inline script (with the page's CSP nonce) sends each region's
// warm-up request during HTML parsing instead of after hydration: on a slow region that takes one
// round trip off the time until the picker has numbers. The first measurement after load then
// skips its own warm-up for a region whose early one finished recently (the connection is
// open); every later measurement warms up as usual.
import type { Region } from "@/lib/api/proxies";
import { latencyCheckUrl } from "./measure";
import type { MeasuredRegion } from "./store";
import { MAX_CONCURRENT_MEASUREMENTS } from "./slots";

const GLOBAL = "__meridianWarmups";
const REGIONS = "__meridianWarmupRegions";
/** An early warm-up older than this may have lost its kept-alive connection (Node's default is 5 s). */
export const EARLY_WARMUP_FRESH_MS = 2_000;

/**
 * The regions warmed while the page loads: as many as are measured at once, healthy ones first
 * (the primary leads the list). Warming hundreds would hold up the page's own loading.
 */
export function earlyWarmupRegions<R extends Pick<Region, "id" | "path_app_url" | "healthy">>(regions: readonly R[]): MeasuredRegion[] {
  const measurable = regions.filter((r) => r.path_app_url);
  return [...measurable.filter((r) => r.healthy), ...measurable.filter((r) => !r.healthy)].slice(0, MAX_CONCURRENT_MEASUREMENTS).map((r) => ({ id: r.id, path_app_url: r.path_app_url }));
}

/** The inline script for `regions`; safe to put in a <script> element whatever their URLs contain. */
export function earlyWarmupScript(regions: readonly MeasuredRegion[]): string {
  const entries = regions.flatMap((region) => {
    try {
      return [[region.id, region.path_app_url, latencyCheckUrl(region.path_app_url, "early")] as const];
    } catch {
      return [];
    }
  });
  // JSON, with the characters that could end the script element or a JS string escaped.
  const data = JSON.stringify(entries).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
  return `(function(){var w=window.${GLOBAL}={},r=window.${REGIONS}=[];${data}.forEach(function(p){r.push({id:p[0],path_app_url:p[1]});var t=performance.now();w[p[1]]=fetch(p[2],{mode:"cors",credentials:"omit",cache:"no-store",redirect:"error"}).then(function(x){return x.arrayBuffer().then(function(){return x.ok?[t,performance.now()]:null})}).catch(function(){return null})})})();`;
}

/** The regions the page's inline script warmed up (none where it did not run). */
export function earlyWarmedRegions(): MeasuredRegion[] {
  const regions = typeof window === "undefined" ? undefined : (window as unknown as Record<string, MeasuredRegion[] | undefined>)[REGIONS];
  return Array.isArray(regions) ? regions : [];
}

/**
 * The early warm-up of `baseUrl`, once: resolves to its round trip when it succeeded less than
 * EARLY_WARMUP_FRESH_MS ago (so the caller may skip its own), undefined otherwise.
 */
export async function takeEarlyWarmup(baseUrl: string): Promise<number | undefined> {
  const all = typeof window === "undefined" ? undefined : (window as unknown as Record<string, Record<string, Promise<[number, number] | null>> | undefined>)[GLOBAL];
  const pending = all?.[baseUrl];
  if (!pending) return undefined;
  delete all[baseUrl];
  const done = await pending;
  return done !== null && performance.now() - done[1] < EARLY_WARMUP_FRESH_MS ? done[1] - done[0] : undefined;
}
