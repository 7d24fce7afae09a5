// Query keys and calls for the regions a user can work through, the region they chose, and the
// latency from this browser to each. Every call takes an optional bearer credential: the embedded
// picker signs in with an embed token instead of the session cookie.
import { queryOptions } from "@tanstack/react-query";
import { regionsResponseSchema, type Region } from "@/lib/api/proxies";
import { userRegionSchema, type UserRegion } from "@/lib/api/regions";
import { browserProbe } from "@/lib/latency/browser-probe";
import { cachedLatency, clearLatencyCache, LATENCY_CACHE_TTL_MS, storeLatency } from "@/lib/latency/cache";
import { takeEarlyWarmup } from "@/lib/latency/early-warmup";
import { measureLatency, type RegionLatency } from "@/lib/latency/measure";
import { createSlots, MAX_CONCURRENT_MEASUREMENTS } from "@/lib/latency/slots";
import { apiFetch } from "./fetch";

export const regionKeys = {
  list: ["regions", "list"] as const,
  mine: ["regions", "mine"] as const,
  latencyAll: ["regions", "latency"] as const,
  latency: (region: Pick<Region, "id" | "path_app_url">) => ["regions", "latency", region.id, region.path_app_url] as const,
};

function withBearer(token: string | undefined, init: RequestInit = {}): RequestInit {
  return token ? { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` } } : init;
}

/** What every signed-in user sees: the regions they can route through and whether each is healthy. */
export function regionsQuery(token?: string) {
  return queryOptions({
    queryKey: regionKeys.list,
    queryFn: ({ signal }) => apiFetch("/api/v2/regions", regionsResponseSchema, withBearer(token, { signal })),
  });
}

/** The signed-in user's choice (`region_id: null` = automatic). */
export function userRegionQuery(token?: string) {
  return queryOptions({
    queryKey: regionKeys.mine,
    queryFn: ({ signal }) => apiFetch("/api/v2/users/me/region", userRegionSchema, withBearer(token, { signal })),
  });
}

export const regionsApi = {
  /** `null` chooses automatic. */
  choose: (regionId: string | null, token?: string): Promise<UserRegion> =>
    apiFetch("/api/v2/users/me/region", userRegionSchema, withBearer(token, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ region_id: regionId }) })),
};

/** Every region measurement of this page shares these. */
const measurementSlots = createSlots(MAX_CONCURRENT_MEASUREMENTS);

/**
 * Latency from this browser to one region. Served from the short-lived localStorage cache when it
 * has a result, measured otherwise; re-measured when the cache entry would have expired.
 */
export function latencyQuery(region: Pick<Region, "id" | "path_app_url">) {
  return queryOptions<RegionLatency>({
    queryKey: regionKeys.latency(region),
    queryFn: async ({ signal }) => {
      const cached = cachedLatency(region.id, region.path_app_url);
      if (cached) return cached;
      const latency = await measurementSlots.run(() => measureLatency(region.path_app_url, { probe: browserProbe, signal, warmedUp: takeEarlyWarmup(region.path_app_url) }));
      storeLatency(region.id, region.path_app_url, latency);
      return latency;
    },
    staleTime: LATENCY_CACHE_TTL_MS,
    refetchInterval: LATENCY_CACHE_TTL_MS,
    refetchOnWindowFocus: false,
    retry: false,
  });
}

/** "Measure again": forget the cached results and measure every region now. */
export function remeasureLatency(client: import("@tanstack/react-query").QueryClient) {
  clearLatencyCache();
  return client.refetchQueries({ queryKey: regionKeys.latencyAll });
}
