// Query keys and calls for licenses and the entitlements they grant.
import { queryOptions } from "@tanstack/react-query";
import { z } from "zod";
import { entitlementsSchema, licensesResponseSchema, uploadLicenseResponseSchema, type UploadLicenseRequest } from "@/lib/api/licenses";
import { send } from "./accounts";
import { apiFetch } from "./fetch";

export const licenseKeys = {
  entitlements: ["entitlements"] as const,
  licenses: ["licenses"] as const,
};

/** What the license unlocks; every signed-in user may read it (the console locks premium actions by it). */
export function entitlementsQuery() {
  return queryOptions({
    queryKey: licenseKeys.entitlements,
    queryFn: ({ signal }) => apiFetch("/api/v2/entitlements", entitlementsSchema, { signal }),
    staleTime: 30_000,
  });
}

export function licensesQuery() {
  return queryOptions({ queryKey: licenseKeys.licenses, queryFn: ({ signal }) => apiFetch("/api/v2/licenses", licensesResponseSchema, { signal }) });
}

export const licensesApi = {
  upload: (input: UploadLicenseRequest) => send("POST", "/api/v2/licenses", uploadLicenseResponseSchema, input),
  remove: (id: number) => send("DELETE", `/api/v2/licenses/${id}`, z.unknown()),
};
