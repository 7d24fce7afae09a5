// Query keys and calls for the regions a user can work through and the region they chose (the
// latency from this browser to each is lib/latency/store.ts, not a query). Every call takes an
// optional bearer credential: the embedded picker signs in with an embed token, not the cookie.
import { queryOptions } from "@tanstack/react-query";
import { regionsResponseSchema } from "@/lib/api/proxies";
import { userRegionSchema, type UserRegion } from "@/lib/api/regions";
import { apiFetch } from "./fetch";

export const regionKeys = {
  list: ["regions", "list"] as const,
  mine: ["regions", "mine"] as const,
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
