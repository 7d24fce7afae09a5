// The region a user works through. `region_id: null` is "automatic": each browser (or client)
// measures its own latency and picks the fastest healthy region. The choice lives on the server
// so every browser and API client of the user agrees.
import { z } from "zod";
import { regionSchema } from "./proxies";
import { storable } from "./strings";

export const userRegionSchema = z.object({
  /** The chosen region's id, or null for automatic. */
  region_id: z.uuid().nullable(),
  automatic: z.boolean(),
  /** The chosen region with its URLs; null when automatic, or when the chosen region was deleted. */
  region: regionSchema.nullable(),
});
export type UserRegion = z.infer<typeof userRegionSchema>;

export const setUserRegionRequestSchema = z.strictObject({
  region_id: storable(z.uuid({ error: "must be a region id (a UUID) or null for automatic" })).nullable(),
});
export type SetUserRegionRequest = z.infer<typeof setUserRegionRequestSchema>;
