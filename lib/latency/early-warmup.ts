// Warming the connections while the page is still loading. The console's layout knows the
// regions when it renders, so an inline script (with the page's CSP nonce) sends each region's
// warm-up request during HTML parsing instead of after hydration: on a slow region that takes one
// round trip off the time until the picker has numbers. The first measurement after load then
// skips its own warm-up for a region whose early one finished recently (the connection is
// open); every later measurement warms up as usual.
import type { Region } from "@/lib/api/proxies";
import { latencyCheckUrl } from "./measure";
import { MAX_CONCURRENT_MEASUREMENTS } from "./slots";

const GLOBAL = "__meridianWarmups";
/** An early warm-up older than this may have lost its kept-alive connection (Node's default is 5 s). */
export const EARLY_WARMUP_FRESH_MS = 2_000;

/**
 * The regions warmed while the page loads: as many as are measured at once, healthy ones first
 * (the primary leads the list). Warming hundreds would hold up the page's own loading.
 */
export function earlyWarmupUrls(regions: readonly Pick<Region, "path_app_url" | "healthy">[]): string[] {
  const measurable = regions.filter((r) => r.path_app_url);
  return [...measurable.filter((r) => r.healthy), ...measurable.filter((r) => !r.healthy)].slice(0, MAX_CONCURRENT_MEASUREMENTS).map((r) => r.path_app_url);
}

/** The inline script for `baseUrls`; safe to put in a <script> element whatever the URLs contain. */
export function earlyWarmupScript(baseUrls: readonly string[]): string {
  const urls = baseUrls.flatMap((base) => {
    try {
      return [[base, latencyCheckUrl(base, "early")] as const];
    } catch {
      return [];
    }
  });
  // JSON, with the characters that could end the script element or a JS string escaped.
  const data = JSON.stringify(urls).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
  return `(function(){var w=window.${GLOBAL}={};${data}.forEach(function(p){w[p[0]]=fetch(p[1],{mode:"cors",credentials:"omit",cache:"no-store",redirect:"error"}).then(function(r){return r.arrayBuffer().then(function(){return r.ok?performance.now():null})}).catch(function(){return null})})})();`;
}

/**
 * The early warm-up of `baseUrl`, once: resolves true when it succeeded less than
 * EARLY_WARMUP_FRESH_MS ago (so the caller may skip its own), false otherwise.
 */
export async function takeEarlyWarmup(baseUrl: string): Promise<boolean> {
  const all = typeof window === "undefined" ? undefined : (window as unknown as Record<string, Record<string, Promise<number | null>> | undefined>)[GLOBAL];
  const pending = all?.[baseUrl];
  if (!pending) return false;
  delete all[baseUrl];
  const doneAt = await pending;
  return doneAt !== null && performance.now() - doneAt < EARLY_WARMUP_FRESH_MS;
}
